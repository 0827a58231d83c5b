package vn.egovpulse.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.events.EventType;
import vn.egovpulse.events.EventValidator;
import vn.egovpulse.events.FieldError;
import vn.egovpulse.ingest.config.IngestConfig;
import vn.egovpulse.ingest.publish.EventPublisher;
import vn.egovpulse.ingest.publish.IngestMetrics;
import vn.egovpulse.platform.observability.EventLog;
import vn.egovpulse.platform.rest.Problem;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.platform.units.UnitRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** SPEC 2.1: source systems push CloudEvents; all or nothing, 202 only once Kafka has them all. */
@Path("/api/v1/events")
public class EventsResource {
    private static final Logger LOG = Logger.getLogger(EventsResource.class);
    static final int MAX_EVENT_BYTES = EventPublisher.MAX_EVENT_BYTES;

    private final EventsBody eventsBody;
    private final EventValidator validator;
    private final UnitRegistry registry;
    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    private final JsonWebToken token;
    private final RateLimiter rateLimiter;

    public EventsResource(ObjectMapper json, EventValidator validator, UnitRegistry registry, EventPublisher publisher,
                          IngestMetrics metrics, IngestConfig config, JsonWebToken token, RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
        this.eventsBody = new EventsBody(json, config.maxEvents());
        this.validator = validator;
        this.registry = registry;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.token = token;
    }

    public record Accepted(int accepted) {
    }

    @POST
    @Blocking
    @RolesAllowed("ingest")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Send CloudEvents (a batch, one structured event, or one event in binary mode)",
            description = "Body: a JSON array of CloudEvents 1.0 (application/cloudevents-batch+json or "
                    + "application/json), one event (application/cloudevents+json, or application/json whose body is "
                    + "an object), or one event in CloudEvents HTTP binary mode (ce-* headers, data = the "
                    + "application/json body). At most 10,000 events and 16 MiB. All or nothing: a refused request "
                    + "publishes nothing. Accepted events are published on egov.events as structured CloudEvents "
                    + "JSON with key = subject (the unit code). A repeated id is accepted; downstream counts "
                    + "source+id once. An event serialized larger than 1,000,000 bytes is refused (400).")
    @RequestBody(content = {@Content(mediaType = "application/cloudevents-batch+json"),
            @Content(mediaType = "application/cloudevents+json"), @Content(mediaType = "application/json")})
    @APIResponse(responseCode = "202", description = "Every event is valid and acknowledged by Kafka: {\"accepted\": n}")
    @APIResponse(responseCode = "400", description = "Some event is invalid (or the body is malformed or empty); "
            + "errors lists every problem as {index, field, message}. Nothing was published.",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks group ingest, or an event's source is not the "
            + "token's sub, or its unit is outside the token's province (errors lists them)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "More than 10,000 events or more than 16 MiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "A content type other than the ones above",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "The source (token sub) sent more events per second than "
            + "egov.ingest.rate-limit allows; retry after Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge every event; retry after Retry-After "
            + "seconds (a retry cannot double count)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response post(byte[] body, @Context HttpHeaders headers) {
        List<EventsBody.Event> nodes = eventsBody.events(body, headers);
        if (!registry.caughtUp()) {
            // Every unit would look unknown: a 400 would tell the source to drop valid events.
            return unavailable("the unit registry is still loading; retry shortly");
        }
        metrics.batch(nodes.size());
        String sub = token.getSubject();
        String province = token.getClaim("province") == null ? null : token.getClaim("province").toString();
        long waitSeconds = rateLimiter.take(sub == null ? "" : sub, nodes.size());
        if (waitSeconds > 0) {
            metrics.count(tags(nodes, sub), false, "http");
            Problem p = new Problem("about:blank", "Too many requests", 429, "source '" + sub + "' may send "
                    + config.rateLimit().eventsPerSecond() + " events per second; retry after " + waitSeconds + " s",
                    List.of(new Problem.FieldProblem("source", "over the rate limit of this source")));
            return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", waitSeconds).entity(p).build();
        }

        List<FieldError> errors = new ArrayList<>();
        List<EgovEvent> events = new ArrayList<>(nodes.size());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(nodes.size());
        validate(nodes, errors, events, records);
        if (errors.stream().anyMatch(EventValidator::isUnknownUnit)) {
            // A source takes a 400 as final, yet the unit may have been registered a moment ago on
            // another service: read egov.units to its end as of now, then judge again.
            if (!registry.awaitLatest(config.registryWait())) {
                return unavailable("the unit registry could not be brought up to date; retry shortly");
            }
            errors.clear();
            events.clear();
            records.clear();
            validate(nodes, errors, events, records);
        }
        if (!errors.isEmpty()) {
            metrics.count(tags(nodes, sub), false, "http");
            throw new ProblemException(400, "Bad request", errorCount(errors) + " of " + nodes.size()
                    + " event(s) invalid; nothing was published", errors);
        }

        List<FieldError> refused = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EgovEvent e = events.get(i);
            if (!e.source().equals(sub)) {
                refused.add(new FieldError(i, "source", "the token may only send as '" + sub + "'"));
            }
            // SPEC 6: the province covers its units at any date of their life and those merged into its units.
            if (province == null || !registry.provincesOverTime(e.subject()).contains(province)) {
                refused.add(new FieldError(i, "subject", "unit '" + e.subject() + "' is outside the token's province '"
                        + province + "'"));
            }
        }
        if (!refused.isEmpty()) {
            metrics.count(tags(nodes, sub), false, "http");
            throw new ProblemException(403, "Forbidden", errorCount(refused) + " of " + events.size()
                    + " event(s) not allowed for this token; nothing was published", refused);
        }

        try {
            publisher.sendAndWait(records);
        } catch (EventPublisher.PublishFailedException e) {
            // The body is never empty here (EventsBody refuses it), so the batch has a first and a last id.
            String batch = EventLog.httpBatch(events.get(0).id(), events.get(events.size() - 1).id());
            EventLog.log(null, sub, batch, () -> LOG.warnf("503 for a batch of %d events: %s", events.size(), e.getMessage()));
            metrics.count(tags(nodes, sub), false, "http");
            return unavailable("Kafka did not acknowledge the events; retry later (a retry cannot double count)");
        }
        metrics.count(tags(nodes, sub), true, "http");
        return Response.accepted(new Accepted(events.size())).type(MediaType.APPLICATION_JSON).build();
    }

    private void validate(List<EventsBody.Event> nodes, List<FieldError> errors, List<EgovEvent> events,
                          List<ProducerRecord<byte[], byte[]>> records) {
        for (int i = 0; i < nodes.size(); i++) {
            EventValidator.Result r = validator.validate(i, nodes.get(i).node());
            errors.addAll(r.errors());
            if (r.valid()) {
                ProducerRecord<byte[], byte[]> record = publisher.eventRecord(r.event(), nodes.get(i).json());
                if (record.value().length > MAX_EVENT_BYTES) {
                    errors.add(new FieldError(i, "data", "the event must be at most " + MAX_EVENT_BYTES + " bytes as JSON"));
                }
                events.add(r.event());
                records.add(record);
            }
        }
    }

    private Response unavailable(String detail) {
        Problem p = new Problem("about:blank", "Service unavailable", 503, detail, null);
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", config.retryAfterSeconds())
                .entity(p).build();
    }

    private static long errorCount(List<FieldError> errors) {
        return errors.stream().mapToInt(FieldError::index).distinct().count();
    }

    /** Metric tags: the source is the token's subject, so refused garbage cannot blow up cardinality. */
    private static List<IngestMetrics.Tags> tags(List<EventsBody.Event> nodes, String sub) {
        List<IngestMetrics.Tags> tags = new ArrayList<>(nodes.size());
        for (EventsBody.Event n : nodes) {
            EventType t = EventType.of(n.node().path("type").asText(""));
            tags.add(new IngestMetrics.Tags(t == null ? IngestMetrics.UNKNOWN : t.type, sub == null ? IngestMetrics.UNKNOWN : sub));
        }
        return tags;
    }
}
