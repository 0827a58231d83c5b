package vn.egovpulse.reporting.ops;

import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.units.UnitLineage;
import vn.egovpulse.platform.units.UnitRegistry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which unit codes a reading covers (SPEC 6), for the operators' tools. */
@ApplicationScoped
public class Scope {
    private final UnitRegistry registry;
    private final UnitLineage lineage;

    public Scope(UnitRegistry registry, UnitLineage lineage) {
        this.registry = registry;
        this.lineage = lineage;
    }

    /** A unit as restructured: itself and all its predecessors, sorted. */
    public List<String> unit(String code) {
        List<String> out = new ArrayList<>();
        out.add(code);
        out.addAll(lineage.predecessors(code));
        out.sort(null);
        return out;
    }

    /**
     * The units valid on {@code day} under the province (of {@code tier}, or all), each with its
     * predecessors no longer valid that day: the province aggregate's units (SPEC 6).
     */
    public List<String> province(String province, Tier tier, LocalDate day) {
        Set<String> out = new LinkedHashSet<>();
        for (Unit u : registry.list(province, tier, day)) {
            out.add(u.code());
            for (String p : lineage.predecessors(u.code())) {
                Unit pu = registry.get(p);
                if (pu != null && !pu.validAt(day)) {
                    out.add(p);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Every unit ever under the province, and the units whose successor chain leads under it (SPEC 2.3, 6). */
    public List<String> provinceEver(String province) {
        return registry.list(province, null, null).stream().map(Unit::code).toList();
    }

    /**
     * The province a unit's work belongs to on {@code day}: its own province when it is valid then,
     * else that of the unit its successor chain leads to (a merged commune's cases are the new one's).
     */
    public String currentProvince(String code, LocalDate day) {
        Unit u = registry.get(code);
        for (int i = 0; u != null && !u.validAt(day) && u.successor() != null && i < 50; i++) {
            u = registry.get(u.successor());
        }
        return u == null ? null : registry.provinceOf(u.code(), day);
    }
}
