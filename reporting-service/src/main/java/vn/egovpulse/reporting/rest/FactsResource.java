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
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.ops.Cursor;
import vn.egovpulse.reporting.ops.FactsService;
import vn.egovpulse.reporting.ops.ItemDefs;
import vn.egovpulse.reporting.rankings.IndicatorService;
import vn.egovpulse.reporting.rankings.Period;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SPEC 8: the items behind one indicator of one unit. */
@Path("/api/v1/units/{code}/facts")
@Tag(name = "Operators", description = "SPEC §8: the items behind a number, what is at risk, gaps, sources, alerts")
public class FactsResource {
    private final FactsService facts;
    private final IndicatorService indicators;

    public FactsResource(FactsService facts, IndicatorService indicators) {
        this.facts = facts;
        this.indicators = indicators;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "The items behind one indicator of one unit (as restructured)",
            description = "One item per case, document, meeting, feedback or assessment record the indicator counts, "
                    + "with `inNumerator` and `events` (source and id of every event that made it). Over all pages the "
                    + "items are exactly the denominator (the count, for a count) and those with inNumerator exactly the "
                    + "numerator; for vc.endpoints / vc.participants the items are the meetings and the numerator is the "
                    + "sum of their endpoints / participants; for assessed.* the items are the records and the numerator "
                    + "and denominator the sums of theirs. Items are ordered by unit code, then caseId (cases), local day, "
                    + "source and id (documents, meetings), feedbackId, or period (records). `next` is an opaque cursor, "
                    + "null on the last page. `outcome` (cases and feedback only) keeps the items of that outcome, judged "
                    + "at the period end; the totals stay the indicator's. CSV: the page's items, the next cursor in the "
                    + "`X-Next-Cursor` header.")
    @APIResponse(responseCode = "200", description = "A page of items")
    @APIResponse(responseCode = "400", description = "Bad indicator, period, outcome, limit or cursor")
    @APIResponse(responseCode = "404", description = "Unknown unit")
    public Uni<Response> facts(@PathParam("code") String code,
                               @Parameter(description = "An indicator key", required = true) @QueryParam("indicator") String indicator,
                               @Parameter(description = "Period: " + Period.GRAMMAR, required = true) @QueryParam("period") String period,
                               @Parameter(description = "EARLY, ON_TIME, LATE, OPEN_ON_TIME, OPEN_LATE or DUE_UNKNOWN") @QueryParam("outcome") String outcome,
                               @Parameter(description = "1..1000, default 100") @QueryParam("limit") String limit,
                               @QueryParam("cursor") String cursor, @QueryParam("format") String format,
                               @Context HttpHeaders headers) {
        Unit u = indicators.unit(code);
        ItemDefs.Def def = ItemDefs.of(indicator);
        if (def == null) {
            throw ProblemException.badRequest("indicator", "must be one of " + String.join(", ", ItemDefs.keys())
                    + " or assessed.<name>");
        }
        Period p = Params.period(period);
        if (outcome != null && !outcome.isEmpty()) {
            if (!ItemDefs.OUTCOMES.contains(outcome)) {
                throw ProblemException.badRequest("outcome", "must be one of " + String.join(", ", ItemDefs.OUTCOMES));
            }
            if (def.kind() != ItemDefs.Kind.CASE && def.kind() != ItemDefs.Kind.FEEDBACK) {
                throw ProblemException.badRequest("outcome", "applies to the indicators of cases and feedback only");
            }
        } else {
            outcome = null;
        }
        int n = limit(limit);
        Cursor after = Cursor.decode(cursor, def.kind());
        boolean csv = Csv.wanted(headers, format);
        return facts.page(u, def, p, outcome, n, after).map(page -> {
            if (csv) {
                Response r = Csv.response(OpsCsv.rows(page.items(), List.of("unit", "inNumerator", "events")),
                        "facts-" + page.unit() + "-" + page.indicator() + "-" + p.label() + ".csv");
                return page.next() == null ? r : Response.fromResponse(r).header("X-Next-Cursor", page.next()).build();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("unit", page.unit());
            body.put("indicator", page.indicator());
            body.put("period", page.period());
            body.put("value", page.value());
            body.put("numerator", page.numerator());
            body.put("denominator", page.denominator());
            body.put("items", page.items());
            body.put("next", page.next());
            return Response.ok(body, MediaType.APPLICATION_JSON).build();
        });
    }

    static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= FactsService.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + FactsService.MAX_LIMIT);
    }
}
