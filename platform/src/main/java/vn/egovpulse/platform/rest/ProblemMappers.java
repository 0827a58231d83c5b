package vn.egovpulse.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Every refusal of every service is an RFC 7807 problem+json document. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response response(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Problem p = e.problem();
        Response.ResponseBuilder out = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
        if (e.retryAfterSeconds != null) {
            out.header("Retry-After", e.retryAfterSeconds);
        }
        return out.build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return response(new Problem("about:blank", "Bad request", 400, "malformed JSON: " + e.getOriginalMessage(),
                List.of(new Problem.FieldProblem("body", "malformed JSON: " + e.getOriginalMessage()))));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return response(new Problem("about:blank", "Unauthorized", 401, "a valid bearer token is required", null));
    }

    @ServerExceptionMapper
    public Response authFailed(AuthenticationFailedException e) {
        return response(new Problem("about:blank", "Unauthorized", 401, "a valid bearer token is required", null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(new Problem("about:blank", "Forbidden", 403, "the token does not allow this call", null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        return response(new Problem("about:blank", e.getResponse().getStatusInfo().getReasonPhrase(), status,
                e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return response(new Problem("about:blank", "Internal error", 500, "unexpected error; see the service log", null));
    }
}
