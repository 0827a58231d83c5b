package vn.egovpulse.reporting.rankings;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Tier;
import vn.egovpulse.reporting.rankings.Views.CriteriaRef;
import vn.egovpulse.reporting.rankings.Views.Entry;
import vn.egovpulse.reporting.rankings.Views.PeriodView;
import vn.egovpulse.reporting.rankings.Views.Ranking;
import vn.egovpulse.reporting.rankings.Views.UnitRef;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Methodologies side by side (SPEC 7.4): one league ranked under several criteria sets, per unit
 * its rank, score and band under each, and how far its rank moves from the first set to the last.
 */
@ApplicationScoped
public class Comparison {
    public static final int MIN_SETS = 2;
    public static final int MAX_SETS = 5;

    /** One unit under one set; rank null when unranked under it. */
    public record Result(String criteria, Integer rank, Double score, String band) {
    }

    /** rankMove = rank under the last set − rank under the first (positive: lower under the last); null if unranked in either. */
    public record CompareEntry(UnitRef unit, List<Result> results, Integer rankMove) {
    }

    /** {@code province} null for the national league. */
    public record Compared(String province, Tier tier, PeriodView period, LocalDate structure,
                           List<CriteriaRef> criteria, List<CompareEntry> entries) {
    }

    private final RankingService rankings;

    public Comparison(RankingService rankings) {
        this.rankings = rankings;
    }

    /** The league ranked under each of {@code criteriaIds} (2..5 distinct ids, checked by the caller). */
    public Uni<Compared> compare(String province, Tier tier, Period period, List<String> criteriaIds) {
        List<Uni<Ranking>> each = criteriaIds.stream().map(id -> rankings.ranking(province, tier, period, id)).toList();
        return Uni.join().all(each).andFailFast().map(all -> combine(province, tier, period, all));
    }

    static Compared combine(String province, Tier tier, Period period, List<Ranking> all) {
        // Units in the order of the first set's ranking: ranked by rank, then unranked by code.
        Map<String, UnitRef> units = new LinkedHashMap<>();
        List<Map<String, Entry>> byUnit = new ArrayList<>();
        for (Ranking r : all) {
            Map<String, Entry> m = new HashMap<>();
            for (Entry e : r.entries()) {
                m.put(e.unit().code(), e);
                units.putIfAbsent(e.unit().code(), e.unit());
            }
            for (Entry e : r.unranked()) {
                m.put(e.unit().code(), e);
            }
            byUnit.add(m);
        }
        for (Ranking r : all) {
            r.unranked().forEach(e -> units.putIfAbsent(e.unit().code(), e.unit()));
        }
        List<CompareEntry> entries = new ArrayList<>();
        units.forEach((code, unit) -> {
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Entry e = byUnit.get(i).get(code);
                results.add(e == null ? new Result(all.get(i).criteria().id(), null, null, null)
                        : new Result(all.get(i).criteria().id(), e.rank(), e.score(), e.band()));
            }
            Integer first = results.get(0).rank();
            Integer last = results.get(results.size() - 1).rank();
            entries.add(new CompareEntry(unit, results, first == null || last == null ? null : last - first));
        });
        return new Compared(province, tier, PeriodView.of(period), all.get(0).structure(),
                all.stream().map(Ranking::criteria).toList(), entries);
    }
}
