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
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.events.Unit;
import vn.egovpulse.reporting.ops.GapsService;
import vn.egovpulse.reporting.rankings.IndicatorService;
import vn.egovpulse.reporting.rankings.Period;

import java.util.List;
import java.util.Map;

/** SPEC 8: what it takes to move up. */
@Path("/api/v1/units/{code}/gaps")
@Tag(name = "Operators")
public class GapsResource {
    private final GapsService gaps;
    private final IndicatorService indicators;

    public GapsResource(GapsService gaps, IndicatorService indicators) {
        this.gaps = gaps;
        this.indicators = indicators;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Points lost per indicator, and the unit just above",
            description = "Per indicator of the criteria set (default default-2026), as in the unit's league ranking: "
                    + "points, maxPoints, lost (null when not applicable), toFullMarks: the fewest additional items counted "
                    + "in the numerator (and the denominator, for a rate) that reach fullMarksAt: for a rate n/d the smallest k "
                    + "with (n+k)/(d+k) ≥ fullMarksAt, 0 when reached, null when no k can (fullMarksAt 1.00 and an item outside "
                    + "the numerator); for a count fullMarksAt − n. `next`: the nearest unit with a better rank in the league, "
                    + "its score and `pointsBetween`; null for the first and for an unranked unit. CSV: the indicator rows.")
    @APIResponse(responseCode = "400", description = "Bad period")
    @APIResponse(responseCode = "404", description = "Unknown unit or criteria set")
    public Uni<Response> gaps(@PathParam("code") String code,
                              @Parameter(description = "Period: " + Period.GRAMMAR, required = true) @QueryParam("period") String period,
                              @QueryParam("criteria") String criteria, @QueryParam("format") String format,
                              @Context HttpHeaders headers) {
        Unit u = indicators.unit(code);
        Period p = Params.period(period);
        String c = criteria == null || criteria.isBlank() ? CriteriaSet.DEFAULT_ID : criteria;
        boolean csv = Csv.wanted(headers, format);
        return gaps.gaps(u, p, c).map(g -> {
            if (csv) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rows = (List<Map<String, Object>>) g.get("indicators");
                return Csv.response(OpsCsv.rows(rows, List.of("indicator")), "gaps-" + u.code() + "-" + p.label() + ".csv");
            }
            return Response.ok(g, MediaType.APPLICATION_JSON).build();
        });
    }
}
