package vn.egovpulse.reporting.stream;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.units.UnitRegistry;
import vn.egovpulse.reporting.rankings.CountsCache;
import vn.egovpulse.reporting.rankings.LiveRankings;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SPEC 6: a change of the registry (a unit added, renamed, moved, given a validity, a parent over
 * time or a successor) re-scores every reading it affects, like a criteria change, without any
 * event being sent again: the cached counts and rankings of every province the unit belongs to,
 * at any date of its life and through its successors, are dropped, the live windows recomputed,
 * and the live streams of those provinces' leagues push the new ranking when it differs. The
 * provinces the unit belonged to before the change count too (a unit moved or un-merged leaves
 * a league).
 */
@Startup
@ApplicationScoped
public class RegistryChanges {
    private final UnitRegistry registry;
    private final CountsCache cache;
    private final RankingStream stream;
    private final LiveRankings live;
    /** Unit code → the provinces it counted in after its last change. */
    private final Map<String, Set<String>> provinces = new ConcurrentHashMap<>();

    public RegistryChanges(UnitRegistry registry, CountsCache cache, RankingStream stream, LiveRankings live) {
        this.registry = registry;
        this.cache = cache;
        this.stream = stream;
        this.live = live;
        registry.onChange(this::changed);
    }

    void changed(Unit u) {
        Set<String> now = registry.provincesOverTime(u.code());
        Set<String> affected = new HashSet<>(now);
        Set<String> before = provinces.put(u.code(), Set.copyOf(now));
        if (before != null) {
            affected.addAll(before);
        }
        if (affected.isEmpty()) {
            affected.add(null); // a unit this service cannot place yet: anything may have changed
        }
        for (String province : affected) {
            cache.changed(province);
            stream.changed(province);
            live.changed(province);
        }
    }
}
