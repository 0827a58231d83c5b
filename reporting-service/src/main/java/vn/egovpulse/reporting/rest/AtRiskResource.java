package vn.egovpulse.reporting.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.ops.AtRiskService;
import vn.egovpulse.reporting.ops.Scope;
import vn.egovpulse.reporting.rankings.IndicatorService;
import vn.egovpulse.reporting.rankings.RankingService;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SPEC 8: open cases and feedback due soon or overdue, of a unit or a province. */
@Path("/api/v1/units/{code}/at-risk")
@Tag(name = "Operators")
public class AtRiskResource {
    static final String DESCRIPTION = "Open cases (and feedback) whose due date is at most `within` days after "
            + "today (sắp đến hạn) or already passed (quá hạn, chưa giải quyết), sorted by due date, then unit, then id; "
            + "`daysLeft` = due − today in local dates (negative when late). `within`: P0D..P90D, default P3D. At most "
            + "`limit` items (1..10000, default 1000), the most urgent; `total` counts them all. CSV with Accept: text/csv.";

    private final AtRiskService atRisk;
    private final Scope scope;
    private final IndicatorService indicators;
    private final RankingService rankings;

    public AtRiskResource(AtRiskService atRisk, Scope scope, IndicatorService indicators, RankingService rankings) {
        this.atRisk = atRisk;
        this.scope = scope;
        this.indicators = indicators;
        this.rankings = rankings;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "At-risk cases of one unit (as restructured)", description = DESCRIPTION)
    @APIResponse(responseCode = "400", description = "Bad within or limit")
    @APIResponse(responseCode = "404", description = "Unknown unit")
    public Uni<Response> unit(@PathParam("code") String code,
                              @Parameter(description = "P0D..P90D, default P3D") @QueryParam("within") String within,
                              @QueryParam("limit") String limit, @QueryParam("format") String format,
                              @Context HttpHeaders headers) {
        Unit u = indicators.unit(code);
        return answer("unit", u.code(), null, scope.unit(u.code()), within, limit, Csv.wanted(headers, format));
    }

    /** Served by {@link ProvinceAtRiskResource} (a root path per unit / province keeps JAX-RS matching simple). */
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "At-risk cases of a province (units valid today under it, with their predecessors)",
            description = DESCRIPTION)
    @APIResponse(responseCode = "400", description = "Bad within, tier or limit")
    @APIResponse(responseCode = "404", description = "Unknown province")
    Uni<Response> province(@PathParam("code") String code,
                                  @Parameter(description = "P0D..P90D, default P3D") @QueryParam("within") String within,
                                  @QueryParam("tier") String tier, @QueryParam("limit") String limit,
                                  @QueryParam("format") String format, @Context HttpHeaders headers) {
        Unit p = rankings.province(code);
        Tier t = Params.optionalTier(tier);
        return answer("province", p.code(), t, scope.province(p.code(), t, RankingService.today()), within, limit,
                Csv.wanted(headers, format));
    }

    Uni<Response> answer(String field, String code, Tier tier, List<String> units, String within, String limit,
                                 boolean csv) {
        int days;
        try {
            days = AtRiskService.withinDays(within);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("within", e.getMessage());
        }
        int n = limit(limit);
        LocalDate today = RankingService.today();
        return atRisk.atRisk(units, today, days, n).map(r -> {
            if (csv) {
                return Csv.response(OpsCsv.rows(r.items(), List.of("unit", "caseId", "due", "daysLeft")),
                        "at-risk-" + code + "-P" + days + "D.csv");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(field, code);
            if (tier != null) {
                body.put("tier", tier);
            }
            body.put("within", "P" + days + "D");
            body.put("today", today);
            body.put("total", r.total());
            body.put("items", r.items());
            return Response.ok(body, MediaType.APPLICATION_JSON).build();
        });
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return 1000;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= AtRiskService.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + AtRiskService.MAX_LIMIT);
    }
}
