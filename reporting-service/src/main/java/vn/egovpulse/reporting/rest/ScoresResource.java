package vn.egovpulse.reporting.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.rankings.IndicatorService;
import vn.egovpulse.reporting.rankings.Period;
import vn.egovpulse.reporting.rankings.RankingService;
import vn.egovpulse.reporting.rankings.ScoreHistory;

/** A unit's score period by period: the trend of the 766 view (an extension of SPEC 7). */
@Path("/api/v1/units/{code}/scores")
@Tag(name = "Indicators")
public class ScoresResource {
    static final int DEFAULT_WEEKS = 8;

    private final IndicatorService indicators;
    private final ScoreHistory scores;

    public ScoresResource(IndicatorService indicators, ScoreHistory scores) {
        this.indicators = indicators;
        this.scores = scores;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A unit's score under one criteria set, period by period",
            description = "{unit, name, tier, criteria: {id, version}, granularity, points: [{period, from, to, score, "
                    + "ranked, band, groups}]}. Counts the same facts as /history (the unit's own), scored by the "
                    + "current version of the set as in the unit's league (its tier decides the rows that apply), "
                    + "not ranked. `ranked` is false when less than half of the points applicable to its tier apply; "
                    + "`band` is then null, as in rankings. `from`/`to` as in /history (a date, ISO week, month, "
                    + "quarter or year), default the last 8 ISO weeks up to the current one; granularity default week. "
                    + "criteria default default-2026.")
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScoreHistory.Scores.class)))
    @APIResponse(responseCode = "400", description = "Bad from, to or granularity")
    @APIResponse(responseCode = "404", description = "Unknown unit or criteria set")
    public Uni<ScoreHistory.Scores> scores(@PathParam("code") String code,
                                           @Parameter(description = "Criteria set id (default default-2026)") @QueryParam("criteria") String criteria,
                                           @QueryParam("from") String from, @QueryParam("to") String to,
                                           @Parameter(description = "day, week (default), month, quarter or year")
                                           @QueryParam("granularity") String granularity) {
        String g = granularity == null || granularity.isBlank() ? "week" : granularity;
        if (!IndicatorService.GRANULARITIES.contains(g)) {
            throw ProblemException.badRequest("granularity", "must be one of " + String.join(", ", IndicatorService.GRANULARITIES));
        }
        Period[] last = ScoreHistory.lastWeeks(DEFAULT_WEEKS, RankingService.today());
        Period f = from == null || from.isBlank() ? last[0] : bound("from", from);
        Period t = to == null || to.isBlank() ? last[1] : bound("to", to);
        if (f.from().isAfter(t.to())) {
            throw ProblemException.badRequest("from", "must not be after to");
        }
        Unit u = indicators.unit(code);
        return scores.scores(u, criteria == null || criteria.isBlank() ? CriteriaSet.DEFAULT_ID : criteria, f, t, g);
    }

    private static Period bound(String name, String value) {
        try {
            return Period.bound(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, e.getMessage());
        }
    }
}
