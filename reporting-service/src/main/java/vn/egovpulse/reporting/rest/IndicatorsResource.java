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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.egovpulse.events.Counts;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.rankings.IndicatorService;
import vn.egovpulse.reporting.rankings.Period;
import vn.egovpulse.reporting.rankings.Views;

import java.util.List;

/** SPEC section 3 indicators of one unit, and its history. */
@Path("/api/v1/units/{code}")
@Tag(name = "Indicators", description = "Indicators of SPEC §3: every rate with its numerator and denominator "
        + "(value null when the denominator is 0); counts have a null denominator")
public class IndicatorsResource {
    private final IndicatorService indicators;

    public IndicatorsResource(IndicatorService indicators) {
        this.indicators = indicators;
    }

    @GET
    @Path("/indicators")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Indicators of one unit for one period",
            description = "`Accept: text/csv` (or `format=csv`) gives rows unit,indicator,value,numerator,denominator.")
    @APIResponse(responseCode = "200", description = "The indicators",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.UnitIndicators.class)))
    @APIResponse(responseCode = "400", description = "Missing or bad period")
    @APIResponse(responseCode = "404", description = "Unknown unit")
    public Uni<Response> unit(@PathParam("code") String code,
                              @Parameter(description = "Period: " + Period.GRAMMAR, required = true) @QueryParam("period") String period,
                              @Parameter(description = "false: the unit's own facts only; default true: with every "
                                      + "predecessor (SPEC 6, the unit as restructured)") @QueryParam("lineage") String lineage,
                              @QueryParam("format") String format, @Context HttpHeaders headers) {
        Unit u = indicators.unit(code); // an unknown unit is a 404 whatever the other parameters
        Period p = Params.period(period);
        boolean csv = Csv.wanted(headers, format);
        boolean withLineage = lineage(lineage);
        return indicators.unitIndicators(u, p, withLineage).map(v -> csv
                ? Csv.response(Csv.indicators(v.unit(), v.indicators()), "indicators-" + v.unit() + "-" + p.label() + ".csv")
                : Response.ok(v, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "History of one indicator of one unit",
            description = "A JSON array with one {period, value, numerator, denominator} per day, ISO week, month, quarter "
                    + "or year. `from` and `to` accept a date, ISO week, month, quarter or year (2020-01-15, 2020-W03, "
                    + "2020-01, 2020-Q1, 2020) and are "
                    + "widened to whole periods of the granularity; labels follow the period grammar. At most 1000 "
                    + "periods (400 naming `to` beyond). Weeks (granularity=week) are ISO-8601 weeks, Monday to "
                    + "Sunday, labelled 2026-W48; a week crossing a new year belongs to its ISO week-based year "
                    + "(2025-12-29..2026-01-04 is 2026-W01).")
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.HistoryPoint[].class)))
    @APIResponse(responseCode = "400", description = "Bad indicator, from, to or granularity")
    @APIResponse(responseCode = "404", description = "Unknown unit")
    public Uni<List<Views.HistoryPoint>> history(@PathParam("code") String code,
                                                 @Parameter(description = "An indicator key of SPEC §3 or §7.2 (assessed.<name> included)", required = true) @QueryParam("indicator") String indicator,
                                                 @Parameter(required = true) @QueryParam("from") String from,
                                                 @Parameter(required = true) @QueryParam("to") String to,
                                                 @Parameter(description = "day, week, month (default), quarter or year") @QueryParam("granularity") String granularity,
                                                 @Parameter(description = "false: the unit's own facts only; default true: "
                                                         + "with every predecessor whatever the period (SPEC 6)")
                                                 @QueryParam("lineage") String lineage) {
        if (!Counts.isKey(indicator)) {
            throw ProblemException.badRequest("indicator", "must be one of " + String.join(", ", Counts.KEYS)
                    + ", or assessed.<name> (" + Counts.ASSESSED_KEY.pattern() + ")");
        }
        Period f = bound("from", from);
        Period t = bound("to", to);
        String g = granularity == null || granularity.isBlank() ? "month" : granularity;
        if (!IndicatorService.GRANULARITIES.contains(g)) {
            throw ProblemException.badRequest("granularity", "must be one of " + String.join(", ", IndicatorService.GRANULARITIES));
        }
        if (f.from().isAfter(t.to())) {
            throw ProblemException.badRequest("from", "must not be after to");
        }
        boolean withLineage = lineage(lineage);
        Unit u = indicators.unit(code);
        return indicators.history(u, indicator, f, t, g, withLineage);
    }

    /** {@code lineage=true|false}, default true (the unit as restructured). */
    private static boolean lineage(String value) {
        if (value != null && !value.isEmpty() && !value.equals("true") && !value.equals("false")) {
            throw ProblemException.badRequest("lineage", "must be true or false");
        }
        return !"false".equals(value);
    }

    private static Period bound(String name, String value) {
        try {
            return Period.bound(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, e.getMessage());
        }
    }
}
