package vn.egovpulse.platform.units;

import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which units an admin token may change: those of its own province, as registered now and as
 * they would be after the PUT (so that a unit can be neither taken from another province nor given
 * to one). A national admin (group {@code national}) may change every province's units.
 */
final class UnitScope {
    static final String NATIONAL = "national";

    private UnitScope() {
    }

    static void check(List<Unit> units, UnitRegistry registry, JsonWebToken token) {
        if (token.getGroups().contains(NATIONAL)) {
            return;
        }
        Object claim = token.getClaim("province");
        String province = claim instanceof String s && !s.isBlank() ? s : null;
        if (province == null) {
            throw new ProblemException(403, "Forbidden", "the token carries no province claim: it may change no unit", null);
        }
        Map<String, Unit> batch = new HashMap<>();
        units.forEach(u -> batch.put(u.code(), u));
        List<UnitValidation.UnitError> refused = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            String now = registry.contains(u.code()) ? registry.provinceOf(u.code()) : province;
            String after = provinceAfter(u, batch, registry);
            if (!province.equals(now)) {
                refused.add(new UnitValidation.UnitError(i, "code", "unit '" + u.code()
                        + "' belongs to province '" + now + "', outside the token's province '" + province + "'"));
            } else if (!province.equals(after)) {
                refused.add(new UnitValidation.UnitError(i, "parent", "unit '" + u.code()
                        + "' would belong to province '" + after + "', outside the token's province '" + province + "'"));
            }
        }
        if (!refused.isEmpty()) {
            throw new ProblemException(403, "Forbidden", refused.size() + " unit(s) outside the token's province '"
                    + province + "'", refused);
        }
    }

    /** The province a unit of the batch would be under: its parent chain, through the batch first. */
    private static String provinceAfter(Unit unit, Map<String, Unit> batch, UnitRegistry registry) {
        Unit u = unit;
        for (int depth = 0; depth < 8 && u != null; depth++) {
            if (u.tier() == Tier.PROVINCE) {
                return u.code();
            }
            String parent = u.parent();
            if (parent == null) {
                return null;
            }
            Unit next = batch.get(parent);
            if (next == null) {
                return registry.provinceOf(parent);
            }
            u = next;
        }
        return null;
    }
}
