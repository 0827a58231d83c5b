package vn.egovpulse.platform.units;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** SPEC section 1: the unit registry, readable and writable on every service. */
@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
public class UnitsResource {
    private final UnitRegistry registry;
    private final JsonWebToken token;

    public UnitsResource(UnitRegistry registry, JsonWebToken token) {
        this.registry = registry;
        this.token = token;
    }

    public record Upserted(int upserted) {
    }

    @PUT
    @Blocking
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upsert units (idempotent); parents must exist or come in the same batch",
            description = "An admin token may register and change only units of its own province (the "
                    + "`province` claim): the unit, as it is now and as it would be after the PUT, must be under "
                    + "that province, else 403 naming the unit. A national admin (groups `admin` and `national`) "
                    + "may change any province's units.")
    public Upserted upsert(JsonNode body) throws Exception {
        List<Unit> units = UnitValidation.validate(body, registry);
        UnitScope.check(units, registry, token);
        try {
            registry.upsert(units);
        } catch (Exception e) {
            throw new ProblemException(503, "Service unavailable", "Kafka did not acknowledge the units: " + e.getMessage(), null);
        }
        return new Upserted(units.size());
    }

    @GET
    @Operation(summary = "List units valid today (or on asOf, or every unit ever with all=true), optionally of one "
            + "province and/or tier, sorted by code")
    public List<Unit> list(@QueryParam("province") String province, @QueryParam("tier") String tier,
                           @QueryParam("asOf") String asOf, @QueryParam("all") String all) {
        Tier t = null;
        if (tier != null && !tier.isEmpty()) {
            t = Tier.parse(tier);
            if (t == null) {
                throw ProblemException.badRequest("tier", "must be one of PROVINCE, DEPARTMENT, DISTRICT, COMMUNE");
            }
        }
        boolean everyUnit = false;
        if (all != null && !all.isEmpty()) {
            if (!all.equals("true") && !all.equals("false")) {
                throw ProblemException.badRequest("all", "must be true or false");
            }
            everyUnit = all.equals("true");
        }
        LocalDate day = Calendar.today();
        if (asOf != null && !asOf.isEmpty()) {
            if (everyUnit) {
                throw ProblemException.badRequest("asOf", "cannot be combined with all=true");
            }
            try {
                day = LocalDate.parse(asOf);
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("asOf", "must be a local date YYYY-MM-DD");
            }
        }
        if (province != null && !province.isEmpty()) {
            Unit p = registry.get(province);
            if (p == null || p.tier() != Tier.PROVINCE) {
                throw ProblemException.notFound("unknown province '" + province + "'");
            }
        } else {
            province = null;
        }
        return registry.list(province, t, everyUnit ? null : day);
    }
}
