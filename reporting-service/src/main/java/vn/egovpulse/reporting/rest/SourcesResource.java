package vn.egovpulse.reporting.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.egovpulse.events.Unit;
import vn.egovpulse.reporting.ops.Scope;
import vn.egovpulse.reporting.ops.SourcesService;
import vn.egovpulse.reporting.rankings.RankingService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SPEC 8: the source systems of a province. */
@Path("/api/v1/sources")
@Tag(name = "Operators")
public class SourcesResource {
    private final SourcesService sources;
    private final Scope scope;
    private final RankingService rankings;

    public SourcesResource(SourcesService sources, Scope scope, RankingService rankings) {
        this.sources = sources;
        this.scope = scope;
        this.rankings = rankings;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Every source seen for a province's units",
            description = "Sources of the events of every unit ever under the province (and the units whose successor chain "
                    + "leads under it), by event time: lastEventTime, events in the last 24 hours and 7 days (whole UTC hours), "
                    + "per type, and `silent`: the source sent events on each of the 7 local days ending with the day of its "
                    + "last event, and that last event is at least egov.alerts.silent-after (default 24 h) old. CSV: one row per "
                    + "source and type.")
    @APIResponse(responseCode = "400", description = "Missing province")
    @APIResponse(responseCode = "404", description = "Unknown province")
    public Uni<Response> sources(@Parameter(required = true) @QueryParam("province") String province,
                                 @QueryParam("format") String format, @Context HttpHeaders headers) {
        Unit p = rankings.province(Params.required("province", province));
        Instant now = Instant.now();
        boolean csv = Csv.wanted(headers, format);
        return sources.sources(scope.provinceEver(p.code()), now).map(list -> {
            if (csv) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SourcesService.Source s : list) {
                    for (SourcesService.TypeVolume t : s.types()) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("source", s.source());
                        r.put("silent", s.silent());
                        r.put("type", t.type());
                        r.put("lastEventTime", t.lastEventTime());
                        r.put("last24h", t.last24h());
                        r.put("last7d", t.last7d());
                        rows.add(r);
                    }
                }
                return Csv.response(OpsCsv.rows(rows, List.of("source", "silent", "type", "lastEventTime", "last24h", "last7d")),
                        "sources-" + p.code() + ".csv");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("province", p.code());
            body.put("asOf", now.atOffset(java.time.ZoneOffset.ofHours(7)));
            body.put("silentAfter", sources.silentAfter().toString());
            body.put("sources", list);
            return Response.ok(body, MediaType.APPLICATION_JSON).build();
        });
    }
}
