package vn.egovpulse.reporting.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.config.ReportingConfig;
import vn.egovpulse.reporting.store.CriteriaStore;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * SPEC section 4 criteria sets (bộ tiêu chí). They are owned by scoring-service: reads come from
 * its table, writes are forwarded to it unchanged (body and Authorization header).
 */
@Path("/api/v1/criteria")
@Tag(name = "Criteria", description = "Versioned criteria sets; the highest version of an id is current")
public class CriteriaResource {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final CriteriaStore criteria;
    private final ReportingConfig config;

    public CriteriaResource(CriteriaStore criteria, ReportingConfig config) {
        this.criteria = criteria;
        this.config = config;
    }

    /** A criteria set as listed (same JSON as scoring-service). */
    public record CriteriaView(String id, int version, String name, List<CriteriaSet.Group> groups,
                               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                               List<CriteriaSet.Band> bands, double maxPoints) {
        static CriteriaView of(CriteriaSet s) {
            return new CriteriaView(s.id(), s.version(), s.name(), s.groups(), s.bands(), s.maxPoints());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Current version of every criteria set")
    public Uni<List<CriteriaView>> list() {
        return criteria.current().map(sets -> sets.stream().map(CriteriaView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Current version of one criteria set")
    @APIResponse(responseCode = "404", description = "Unknown criteria set")
    public Uni<CriteriaView> get(@PathParam("id") String id) {
        return criteria.current(id).map(set -> {
            if (set == null) {
                throw ProblemException.notFound("unknown criteria set '" + id + "'");
            }
            return CriteriaView.of(set);
        });
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Add or replace a criteria set (role admin)",
            description = "Forwarded to scoring-service (egov.reporting.scoring-url) with the request body and the "
                    + "Authorization header; its status and body are returned unchanged.")
    @APIResponse(responseCode = "503", description = "scoring-service did not answer")
    public Uni<Response> put(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(config.scoringUrl() + "/api/v1/criteria/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType == null ? MediaType.APPLICATION_JSON : contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : body));
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        return Uni.createFrom().completionStage(() -> HTTP.sendAsync(req.build(), HttpResponse.BodyHandlers.ofByteArray()))
                .map(res -> {
                    Response.ResponseBuilder out = Response.status(res.statusCode()).entity(res.body());
                    res.headers().firstValue("Content-Type").ifPresent(t -> out.type(t));
                    return out.build();
                })
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> new ProblemException(503,
                        "Service unavailable", "scoring-service did not answer: " + e, null));
    }
}
