package vn.egovpulse.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.egovpulse.platform.rest.Problem;

/**
 * Answers an announced body over the 16 MiB limit with a 413 problem+json before reading it
 * (Quarkus' own limit answers with an empty 413). Runs before authentication, which needs no
 * body: a request without any bearer token still gets its 401 first.
 */
@ApplicationScoped
public class BodyLimitFilter {
    private final ObjectMapper json;
    private final long maxBytes;

    public BodyLimitFilter(ObjectMapper json, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        this.json = json;
        this.maxBytes = max.asLongValue();
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/api/v1/events").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long announced;
        try {
            announced = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            announced = -1;
        }
        if (announced <= maxBytes) {
            ctx.next();
            return;
        }
        String auth = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        Problem p = auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? new Problem("about:blank", "Unauthorized", 401, "a valid bearer token is required", null)
                : new Problem("about:blank", "Payload too large", 413,
                        "the body is larger than " + maxBytes + " bytes (16 MiB)", null);
        try {
            ctx.response().setStatusCode(p.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(p));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
