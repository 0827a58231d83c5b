package vn.egovpulse.reporting.rankings;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Counts;
import vn.egovpulse.platform.units.UnitRegistry;
import vn.egovpulse.reporting.config.ReportingConfig;
import vn.egovpulse.reporting.store.FactsStore;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Counts per unit for a (province, scope, period) kept in memory. An entry is keyed by the
 * {@link Freshness} version of the province's days in the period, so a change notice makes the
 * next read of an affected period recompute while the others stay cached; entries of old
 * versions are never asked for again and are evicted as least recently used. The cache is
 * bounded by entries and by the units they hold (egov.reporting.caches.*): readers choose the
 * periods. Scores are not cached: they are cheap and depend on the criteria set, which can
 * change on its own.
 */
@ApplicationScoped
public class CountsCache {
    record Key(String province, String scope, LocalDate from, LocalDate to, LocalDate end, long version) {
    }

    /** The scope of the national league (SPEC 7.4): it changes whenever any province changes. */
    public static final String NATIONAL = Freshness.ALL;

    private final FactsStore facts;
    private final Freshness freshness;
    private final BoundedCache<Key, Map<String, Counts>> cache;

    public CountsCache(FactsStore facts, Freshness freshness, UnitRegistry registry, ReportingConfig config) {
        this.facts = facts;
        this.freshness = freshness;
        this.cache = new BoundedCache<>(config.caches().countsEntries(), config.caches().countsUnits(), Map::size);
        // Registry changes: see stream/RegistryChanges.
    }

    /** Anything of {@code province} changed, on any day (null: unknown province, invalidate everything). */
    public void changed(String province) {
        freshness.changed(province, null);
    }

    /** The facts of these local days of {@code province} changed (a change notice). */
    public void changed(String province, Collection<LocalDate> days) {
        freshness.changed(province, days);
    }

    /** Changes whenever anything of {@code province} within days [from, to] may have changed. */
    public long version(String province, LocalDate from, LocalDate to) {
        return freshness.version(province, from, to);
    }

    /**
     * The counts of {@code units} (all of {@code province}; {@code scope} names the selection,
     * e.g. a tier or one unit) for [from, to] with period end {@code end}.
     */
    public Uni<Map<String, Counts>> counts(String province, String scope, List<String> units,
                                           LocalDate from, LocalDate to, LocalDate end) {
        long version = version(province, from, to);
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
