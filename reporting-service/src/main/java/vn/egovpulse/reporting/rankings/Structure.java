package vn.egovpulse.reporting.rankings;

import vn.egovpulse.events.Counts;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.units.UnitLineage;
import vn.egovpulse.platform.units.UnitRegistry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SPEC 6, structure dates: a league or a province aggregate is made of the units valid at the
 * structure date S (the period's last day, today for a period not yet ended), each counting its
 * own facts plus those of its predecessors no longer valid at S (a predecessor still valid at S is
 * a unit of that structure itself, and is never counted twice).
 */
final class Structure {
    private Structure() {
    }

    static LocalDate dateOf(Period period, LocalDate today) {
        return period.to().isAfter(today) ? today : period.to();
    }

    /** Unit code → the codes whose facts it counts at {@code s}: itself first, then its predecessors gone by then. */
    static Map<String, List<String>> members(List<Unit> units, LocalDate s, UnitRegistry registry, UnitLineage lineage) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Unit u : units) {
            List<String> codes = new ArrayList<>();
            codes.add(u.code());
            for (String p : lineage.predecessors(u.code())) {
                Unit pu = registry.get(p);
                if (pu != null && !pu.validAt(s)) {
                    codes.add(p);
                }
            }
            out.put(u.code(), codes);
        }
        return out;
    }

    /**
     * The national league (SPEC 7.4): province code → every code its province aggregate counts at
     * {@code s} (the units valid at s under it, the province unit included, each with its
     * predecessors gone by then), as /provinces/{code}/indicators without tier sums them.
     */
    static Map<String, List<String>> provinceMembers(List<Unit> provinces, LocalDate s, UnitRegistry registry,
                                                     UnitLineage lineage) {
        Map<String, List<Unit>> byProvince = new java.util.HashMap<>();
        for (Unit u : registry.list(null, null, s)) {
            String p = registry.provinceOf(u.code(), s);
            if (p != null) {
                byProvince.computeIfAbsent(p, k -> new ArrayList<>()).add(u);
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Unit p : provinces) {
            out.put(p.code(), allCodes(members(byProvince.getOrDefault(p.code(), List.of()), s, registry, lineage)));
        }
        return out;
    }

    static List<String> allCodes(Map<String, List<String>> members) {
        return members.values().stream().flatMap(List::stream).distinct().toList();
    }

    /** The counts of each unit with its members' counts summed in (never an average). */
    static Map<String, Counts> fold(Map<String, List<String>> members, Map<String, Counts> counts) {
        Map<String, Counts> out = new LinkedHashMap<>();
        members.forEach((unit, codes) -> out.put(unit, codes.size() == 1 ? counts.getOrDefault(unit, Counts.ZERO)
                : Counts.sum(codes.stream().map(c -> counts.getOrDefault(c, Counts.ZERO)).toList())));
        return out;
    }
}
