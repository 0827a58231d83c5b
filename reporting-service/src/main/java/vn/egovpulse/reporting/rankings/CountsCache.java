package vn.egovpulse.reporting.rankings;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Counts;
import vn.egovpulse.platform.units.UnitRegistry;
import vn.egovpulse.reporting.config.ReportingConfig;
import vn.egovpulse.reporting.store.FactsStore;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts per unit for a (province, scope, period) kept in memory. A change notice for a unit
 * bumps its province's version, so the next read recomputes; entries of old versions are simply
 * never asked for again and are evicted as least recently used. The cache is bounded by entries
 * and by the units they hold (egov.reporting.caches.*): readers choose the periods. Scores are not cached: they are cheap
 * and depend on the criteria set, which can change on its own.
 */
@ApplicationScoped
public class CountsCache {
    record Key(String province, String scope, LocalDate from, LocalDate to, LocalDate end, long version) {
    }

    /** The scope of the national league (SPEC 7.4): it changes whenever any province changes. */
    public static final String NATIONAL = "*";

    private final FactsStore facts;
    private final BoundedCache<Key, Map<String, Counts>> cache;
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    /** Bumped for notices about units this service cannot place in a province. */
    private final AtomicLong global = new AtomicLong();
    /** Bumped for every change of any province (the national league's version). */
    private final AtomicLong any = new AtomicLong();

    public CountsCache(FactsStore facts, UnitRegistry registry, ReportingConfig config) {
        this.facts = facts;
        this.cache = new BoundedCache<>(config.caches().countsEntries(), config.caches().countsUnits(), Map::size);
        // A unit added to or moved within a province changes that province's leagues.
        registry.onChange(u -> changed(registry.provinceOf(u.code())));
    }

    /** Something of {@code province} changed (null: unknown province, invalidate everything). */
    public void changed(String province) {
        any.incrementAndGet();
        if (province == null) {
            global.incrementAndGet();
        } else {
            versions.computeIfAbsent(province, p -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Changes whenever anything of {@code province} may have changed. */
    public long version(String province) {
        if (NATIONAL.equals(province)) {
            return any.get() + (global.get() << 32);
        }
        return versions.computeIfAbsent(province, p -> new AtomicLong()).get() + (global.get() << 32);
    }

    /**
     * The counts of {@code units} (all of {@code province}; {@code scope} names the selection,
     * e.g. a tier or one unit) for [from, to] with period end {@code end}.
     */
    public Uni<Map<String, Counts>> counts(String province, String scope, List<String> units,
                                           LocalDate from, LocalDate to, LocalDate end) {
        long version = version(province);
        Key key = new Key(province, scope + "|" + String.join(",", units), from, to, end, version);
        Map<String, Counts> hit = cache.get(key);
        if (hit != null) {
            return Uni.createFrom().item(hit);
        }
        return facts.counts(units, from, to, end).invoke(result -> cache.put(key, result));
    }

    /** Entries held now (never more than egov.reporting.caches.counts-entries). */
    public int size() {
        return cache.size();
    }
}
