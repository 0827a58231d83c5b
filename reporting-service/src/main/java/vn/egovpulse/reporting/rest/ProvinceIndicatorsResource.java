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

/** SPEC section 3 indicators of a province, aggregated by summing counts. */
@Path("/api/v1/provinces/{code}")
@Tag(name = "Indicators")
public class ProvinceIndicatorsResource {
    private final IndicatorService indicators;

    public ProvinceIndicatorsResource(IndicatorService indicators) {
        this.indicators = indicators;
    }

    @GET
    @Path("/indicators")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Indicators of a province, aggregated",
            description = "Sums the numerators and denominators of the province unit and every unit under it, or only "
                    + "of the units of `tier` in the province; never an average of the units' rates. `units` is how "
                    + "many units were summed. `Accept: text/csv` gives rows unit,indicator,value,numerator,denominator,structure. "
                    + "The units are those valid at the structure date (SPEC 6, `structure`), each with its predecessors "
                    + "no longer valid then.")
    @APIResponse(responseCode = "200", description = "The aggregated indicators",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.ProvinceIndicators.class)))
    @APIResponse(responseCode = "400", description = "Missing or bad period or tier")
    @APIResponse(responseCode = "404", description = "Not a province")
    public Uni<Response> province(@PathParam("code") String code,
                                  @Parameter(description = "Period: " + Period.GRAMMAR, required = true) @QueryParam("period") String period,
                                  @Parameter(description = "Only the units of this tier") @QueryParam("tier") String tier,
                                  @QueryParam("format") String format,
                                  @Parameter(description = RankingsResource.STRUCTURE) @QueryParam("structure") String structure,
                                  @Context HttpHeaders headers) {
        Unit u = indicators.unit(code);
        if (u.tier() != Tier.PROVINCE) {
            throw ProblemException.notFound("'" + code + "' is not a province");
        }
        Period p = Params.period(period);
        Tier t = Params.optionalTier(tier);
        java.time.LocalDate s = Params.structure(structure);
        boolean csv = Csv.wanted(headers, format);
        return indicators.provinceIndicators(u, t, p, s).map(v -> csv
                ? Csv.response(Csv.indicators(v.unit(), v.indicators(), v.structure()), "indicators-" + v.unit() + "-" + p.label() + ".csv")
                : Response.ok(v, MediaType.APPLICATION_JSON).build());
    }

}
