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

/** SPEC 8: open cases and feedback due soon or overdue in a province. */
@Path("/api/v1/provinces/{code}/at-risk")
@Tag(name = "Operators")
public class ProvinceAtRiskResource {
    private final AtRiskResource atRisk;

    public ProvinceAtRiskResource(AtRiskResource atRisk) {
        this.atRisk = atRisk;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "At-risk cases of a province (units valid today under it, with their predecessors)",
            description = AtRiskResource.DESCRIPTION)
    @APIResponse(responseCode = "400", description = "Bad within, tier or limit")
    @APIResponse(responseCode = "404", description = "Unknown province")
    public Uni<Response> province(@PathParam("code") String code,
                                  @Parameter(description = "P0D..P90D, default P3D") @QueryParam("within") String within,
                                  @QueryParam("tier") String tier, @QueryParam("limit") String limit,
                                  @QueryParam("format") String format, @Context HttpHeaders headers) {
        return atRisk.province(code, within, tier, limit, format, headers);
    }
}
