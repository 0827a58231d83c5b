package vn.egovpulse.platform.units;

import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Unit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Predecessors (SPEC 6): the units whose successor chain leads to a unit. Precomputed from the
 * registry, not searched per request: the snapshot is rebuilt on the first read after a change,
 * in one pass over the registry, then every unit's predecessors are a map lookup.
 */
@ApplicationScoped
public class UnitLineage {
    private final UnitRegistry registry;
    private volatile Map<String, List<String>> predecessors;
    /** Bumped on every change: a snapshot built while units were still arriving is not kept. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    public UnitLineage(UnitRegistry registry) {
        this.registry = registry;
        registry.onChange(u -> {
            changes.incrementAndGet();
            predecessors = null;
        });
    }

    /** All predecessors of {@code code} (direct and through chains), sorted by code. */
    public List<String> predecessors(String code) {
        Map<String, List<String>> snapshot = predecessors;
        if (snapshot == null) {
            long before = changes.get();
            snapshot = build();
            synchronized (this) {
                if (changes.get() == before) {
                    predecessors = snapshot;
                }
            }
        }
        return snapshot.getOrDefault(code, List.of());
    }

    private Map<String, List<String>> build() {
        Map<String, List<String>> direct = new HashMap<>();
        for (Unit u : registry.all()) {
            if (u.successor() != null) {
                direct.computeIfAbsent(u.successor(), k -> new ArrayList<>()).add(u.code());
            }
        }
        Map<String, List<String>> all = new HashMap<>();
        for (String unit : direct.keySet()) {
            List<String> out = new ArrayList<>();
            ArrayDeque<String> todo = new ArrayDeque<>(direct.get(unit));
            while (!todo.isEmpty() && out.size() < 100_000) {
                String p = todo.poll();
                if (!p.equals(unit) && !out.contains(p)) {
                    out.add(p);
                    todo.addAll(direct.getOrDefault(p, List.of()));
                }
            }
            out.sort(Comparator.naturalOrder());
            all.put(unit, List.copyOf(out));
        }
        return all;
    }
}
