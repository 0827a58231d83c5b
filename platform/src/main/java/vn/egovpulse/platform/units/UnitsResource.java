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
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    @Operation(summary = "List units, optionally of one province and/or tier, sorted by code")
    public List<Unit> list(@QueryParam("province") String province, @QueryParam("tier") String tier) {
        Tier t = null;
        if (tier != null && !tier.isEmpty()) {
            t = Tier.parse(tier);
            if (t == null) {
                throw ProblemException.badRequest("tier", "must be one of PROVINCE, DEPARTMENT, DISTRICT, COMMUNE");
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
        return registry.list(province, t);
    }

    /** Rules of SPEC section 1; every problem is reported with its index and field. */
    static final class UnitValidation {
        record UnitError(int index, String field, String message) {
        }

        static List<Unit> validate(JsonNode body, UnitRegistry registry) {
            if (body == null || !body.isArray()) {
                throw ProblemException.badRequest("body", "must be a JSON array of units");
            }
            List<UnitError> errors = new java.util.ArrayList<>();
            List<Unit> units = new java.util.ArrayList<>();
            Map<String, Tier> inBatch = new HashMap<>();
            for (JsonNode n : body) {
                if (n.isObject() && n.path("code").isTextual()) {
                    inBatch.put(n.path("code").asText(), Tier.parse(n.path("tier").asText(null)));
                }
            }
            for (int i = 0; i < body.size(); i++) {
                JsonNode n = body.get(i);
                if (!n.isObject()) {
                    errors.add(new UnitError(i, "", "a unit must be a JSON object"));
                    continue;
                }
                String code = n.path("code").isTextual() ? n.path("code").asText() : null;
                if (code == null || !Unit.CODE.matcher(code).matches()) {
                    errors.add(new UnitError(i, "code", "must match " + Unit.CODE.pattern()));
                }
                String name = n.path("name").isTextual() ? n.path("name").asText() : null;
                if (name == null || name.isBlank() || name.length() > 200) {
                    errors.add(new UnitError(i, "name", "must be 1 to 200 characters"));
                }
                Tier tier = n.path("tier").isTextual() ? Tier.parse(n.path("tier").asText()) : null;
                if (tier == null) {
                    errors.add(new UnitError(i, "tier", "must be one of PROVINCE, DEPARTMENT, DISTRICT, COMMUNE"));
                }
                JsonNode parentNode = n.get("parent");
                String parent = parentNode == null || parentNode.isNull() ? null
                        : parentNode.isTextual() ? parentNode.asText() : "";
                if (tier == Tier.PROVINCE && parent != null) {
                    errors.add(new UnitError(i, "parent", "must be absent for a PROVINCE"));
                } else if (tier != null && tier != Tier.PROVINCE) {
                    if (parent == null || parent.isEmpty()) {
                        errors.add(new UnitError(i, "parent", "is required: the code of a " + tier.parentTier()));
                    } else {
                        Tier parentTier = inBatch.containsKey(parent) ? inBatch.get(parent)
                                : registry.get(parent) == null ? null : registry.get(parent).tier();
                        if (parentTier == null && !inBatch.containsKey(parent)) {
                            errors.add(new UnitError(i, "parent", "unknown unit '" + parent + "'"));
                        } else if (parentTier != tier.parentTier()) {
                            errors.add(new UnitError(i, "parent", "must be a " + tier.parentTier() + " for a " + tier));
                        }
                    }
                }
                units.add(new Unit(code, name, tier, tier == Tier.PROVINCE ? null : parent));
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(400, "Bad request", errors.size() + " invalid unit(s)", errors);
            }
            return units;
        }
    }
}
