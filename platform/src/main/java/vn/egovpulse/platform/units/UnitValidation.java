package vn.egovpulse.platform.units;

import com.fasterxml.jackson.databind.JsonNode;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Rules of SPEC sections 1 and 6 for a PUT of units; every problem is reported with its index and field. */
final class UnitValidation {
    record UnitError(int index, String field, String message) {
    }

    private final UnitRegistry registry;
    private final Map<String, JsonNode> batch = new HashMap<>();
    private final List<UnitError> errors = new ArrayList<>();

    private UnitValidation(UnitRegistry registry) {
        this.registry = registry;
    }

    static List<Unit> validate(JsonNode body, UnitRegistry registry) {
        if (body == null || !body.isArray()) {
            throw ProblemException.badRequest("body", "must be a JSON array of units");
        }
        UnitValidation v = new UnitValidation(registry);
        for (JsonNode n : body) {
            if (n.isObject() && n.path("code").isTextual()) {
                v.batch.put(n.path("code").asText(), n);
            }
        }
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            units.add(v.unit(i, body.get(i)));
        }
        if (!v.errors.isEmpty()) {
            throw new ProblemException(400, "Bad request", v.errors.size() + " invalid unit(s)", v.errors);
        }
        return units;
    }

    private Unit unit(int i, JsonNode n) {
        if (!n.isObject()) {
            errors.add(new UnitError(i, "", "a unit must be a JSON object"));
            return null;
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
        LocalDate validFrom = date(i, "validFrom", n.get("validFrom"));
        LocalDate validTo = date(i, "validTo", n.get("validTo"));
        if (validFrom != null && validTo != null && validFrom.isAfter(validTo)) {
            errors.add(new UnitError(i, "validFrom", "must not be after validTo (" + validTo + ")"));
        }
        String parent = null;
        List<Unit.ParentPeriod> parents = null;
        boolean hasParent = present(n.get("parent"));
        boolean hasParents = present(n.get("parents"));
        if (tier == Tier.PROVINCE && (hasParent || hasParents)) {
            errors.add(new UnitError(i, hasParent ? "parent" : "parents", "must be absent for a PROVINCE"));
        } else if (tier != null && tier != Tier.PROVINCE) {
            if (hasParent && hasParents) {
                errors.add(new UnitError(i, "parents", "give either parent (one parent for the unit's whole life) or parents, not both"));
            } else if (hasParents) {
                parents = parents(i, tier, n.get("parents"));
            } else if (hasParent) {
                parent = n.get("parent").isTextual() ? n.get("parent").asText() : "";
                checkParent(i, "parent", tier, parent);
            } else {
                errors.add(new UnitError(i, "parent", "is required: the code of a " + tiers(tier) + " (or parents)"));
            }
        }
        String successor = null;
        if (present(n.get("successor"))) {
            successor = n.get("successor").isTextual() ? n.get("successor").asText() : "";
            checkSuccessor(i, code, successor, validTo);
        }
        return new Unit(code, name, tier, parent, validFrom, validTo, parents, successor);
    }

    private List<Unit.ParentPeriod> parents(int i, Tier tier, JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            errors.add(new UnitError(i, "parents", "must be a non-empty array of {code, from, to}"));
            return null;
        }
        List<Unit.ParentPeriod> out = new ArrayList<>();
        for (int j = 0; j < node.size(); j++) {
            JsonNode p = node.get(j);
            String f = "parents[" + j + "]";
            if (!p.isObject() || !p.path("code").isTextual()) {
                errors.add(new UnitError(i, f + ".code", "is required: the code of a " + tiers(tier)));
                continue;
            }
            LocalDate from = date(i, f + ".from", p.get("from"));
            LocalDate to = date(i, f + ".to", p.get("to"));
            if (from != null && to != null && from.isAfter(to)) {
                errors.add(new UnitError(i, f + ".from", "must not be after to (" + to + ")"));
            }
            checkParent(i, f + ".code", tier, p.get("code").asText());
            out.add(new Unit.ParentPeriod(p.get("code").asText(), from, to));
        }
        // Inclusive ranges overlap unless one ends before the other starts.
        for (int a = 0; a < out.size(); a++) {
            for (int b = a + 1; b < out.size(); b++) {
                Unit.ParentPeriod x = out.get(a), y = out.get(b);
                boolean apart = (x.to() != null && y.from() != null && x.to().isBefore(y.from()))
                        || (y.to() != null && x.from() != null && y.to().isBefore(x.from()));
                if (!apart) {
                    errors.add(new UnitError(i, "parents[" + b + "]", "overlaps parents[" + a + "] ("
                            + range(x) + " and " + range(y) + "): a unit has one parent at a time"));
                }
            }
        }
        out.sort(Comparator.comparing(p -> p.from() == null ? LocalDate.MIN : p.from()));
        return out;
    }

    private void checkParent(int i, String field, Tier tier, String parent) {
        if (parent.isEmpty()) {
            errors.add(new UnitError(i, field, "must be the code of a " + tiers(tier)));
            return;
        }
        Tier parentTier = tierOf(parent);
        if (parentTier == null) {
            errors.add(new UnitError(i, field, "unknown unit '" + parent + "'"));
        } else if (!tier.allowedParentTiers().contains(parentTier)) {
            errors.add(new UnitError(i, field, "must be a " + tiers(tier) + " for a " + tier + "; '" + parent
                    + "' is a " + parentTier));
        }
    }

    private void checkSuccessor(int i, String code, String successor, LocalDate validTo) {
        if (validTo == null) {
            errors.add(new UnitError(i, "successor", "only with validTo: a successor takes over after the unit's last day"));
            return;
        }
        if (successor.isEmpty() || tierOf(successor) == null) {
            errors.add(new UnitError(i, "successor", "unknown unit '" + successor + "'"));
            return;
        }
        // Follow the chain as it would be after this PUT; reaching the unit again is a cycle.
        String at = successor;
        for (int steps = 0; at != null && steps < 10_000; steps++) {
            if (at.equals(code)) {
                errors.add(new UnitError(i, "successor", "'" + successor + "' leads back to '" + code
                        + "': successor chains must not form a cycle"));
                return;
            }
            at = successorOf(at);
        }
    }

    private String successorOf(String code) {
        JsonNode n = batch.get(code);
        if (n != null) {
            return n.path("successor").isTextual() ? n.path("successor").asText() : null;
        }
        Unit u = registry.get(code);
        return u == null ? null : u.successor();
    }

    private Tier tierOf(String code) {
        JsonNode n = batch.get(code);
        if (n != null) {
            return Tier.parse(n.path("tier").asText(null));
        }
        Unit u = registry.get(code);
        return u == null ? null : u.tier();
    }

    private LocalDate date(int i, String field, JsonNode node) {
        if (!present(node)) {
            return null;
        }
        try {
            if (node.isTextual()) {
                return LocalDate.parse(node.asText());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new UnitError(i, field, "must be a local date YYYY-MM-DD"));
        return null;
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull();
    }

    private static String tiers(Tier tier) {
        Set<Tier> allowed = tier.allowedParentTiers();
        return allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(" or "));
    }

    private static String range(Unit.ParentPeriod p) {
        return (p.from() == null ? "…" : p.from().toString()) + ".." + (p.to() == null ? "…" : p.to().toString());
    }
}
