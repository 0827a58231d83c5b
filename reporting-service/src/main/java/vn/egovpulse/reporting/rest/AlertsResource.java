package vn.egovpulse.reporting.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import io.smallrye.common.annotation.Blocking;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.egovpulse.events.Unit;
import vn.egovpulse.reporting.ops.Alerts;
import vn.egovpulse.reporting.rankings.RankingService;

/** SPEC 8: the operators' alerts of a province, live. */
@Path("/api/v1/alerts")
@Tag(name = "Operators")
public class AlertsResource {
    private final Alerts alerts;
    private final RankingService rankings;

    public AlertsResource(Alerts alerts, RankingService rankings) {
        this.alerts = alerts;
        this.rankings = rankings;
    }

    @GET
    @Path("/stream")
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Alerts of a province (Server-Sent Events)",
            description = "Events named case.dueSoon (an open case whose due date is at most egov.alerts.due-within, default "
                    + "2 days, away), case.overdue (an open case whose due date passed, within egov.alerts.overdue-lookback, "
                    + "default 7 days), source.silent and source.back (see GET /api/v1/sources). Each alert is sent once, "
                    + "ever: it is recorded on the compacted Kafka topic egov.alerts before it is sent, and read back at start, "
                    + "so a restart does not repeat it; a client connected later does not get it. data: the alert JSON; "
                    + "id: its key (type|unit|caseId, or source|province|source). Checked every egov.alerts.check-every "
                    + "(default 30 s).")
    @APIResponse(responseCode = "400", description = "Missing province")
    @APIResponse(responseCode = "404", description = "Unknown province")
    public void stream(@QueryParam("province") String province, @Context SseEventSink sink, @Context Sse sse) {
        Unit p = rankings.province(Params.required("province", province));
        alerts.open(p.code(), sink, sse);
    }
}
