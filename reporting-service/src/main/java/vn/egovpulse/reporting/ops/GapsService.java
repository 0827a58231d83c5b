package vn.egovpulse.reporting.ops;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.events.Scorer;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.units.UnitRegistry;
import vn.egovpulse.reporting.rankings.Period;
import vn.egovpulse.reporting.rankings.RankingService;
import vn.egovpulse.reporting.rankings.Views;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SPEC 8, gaps: per indicator of a criteria set the points a unit lost and the fewest additional
 * numerator items that would reach full marks, and the unit ranked just above it in its league.
 * The numbers are those of the unit's league ranking (RankingService), so they match /rankings.
 */
@ApplicationScoped
public class GapsService {
    private final RankingService rankings;
    private final UnitRegistry registry;

    public GapsService(RankingService rankings, UnitRegistry registry) {
        this.rankings = rankings;
        this.registry = registry;
    }

    public Uni<Map<String, Object>> gaps(Unit unit, Period period, String criteriaId) {
        LocalDate today = RankingService.today();
        LocalDate structure = period.to().isAfter(today) ? today : period.to();
        String province = registry.provinceOf(unit.code(), structure);
        return rankings.criteria(criteriaId).flatMap(set -> {
            if (province == null || !unit.validAt(structure)) {
                // Not in a league at the structure date (a unit merged away): no ranking to place it in.
                return Uni.createFrom().item(answer(unit, period, set, null, null, structure));
            }
            return rankings.ranking(province, unit.tier(), period, criteriaId)
                    .map(r -> answer(unit, period, set, r, entryOf(r, unit.code()), structure));
        });
    }

    private static Views.Entry entryOf(Views.Ranking r, String code) {
        for (Views.Entry e : r.entries()) {
            if (e.unit().code().equals(code)) {
                return e;
            }
        }
        for (Views.Entry e : r.unranked()) {
            if (e.unit().code().equals(code)) {
                return e;
            }
        }
        return null;
    }

    private static Map<String, Object> answer(Unit unit, Period period, CriteriaSet set, Views.Ranking ranking,
                                              Views.Entry entry, LocalDate structure) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unit", unit.code());
        out.put("name", unit.name());
        out.put("period", Views.PeriodView.of(period));
        out.put("criteria", new Views.CriteriaRef(set.id(), set.version()));
        out.put("structure", structure);
        out.put("rank", entry == null ? null : entry.rank());
        out.put("score", entry == null ? null : entry.score());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CriteriaSet.Group g : set.groups()) {
            for (CriteriaSet.Criterion c : g.indicators()) {
                Views.ScoredIndicator i = entry == null ? null : entry.indicators().get(c.key());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("indicator", c.key());
                row.put("group", g.name());
                row.put("value", i == null ? null : i.value());
                row.put("numerator", i == null ? 0 : i.numerator());
                row.put("denominator", i == null ? null : i.denominator());
                row.put("points", i == null ? null : i.points());
                row.put("maxPoints", c.maxPoints());
                row.put("fullMarksAt", c.fullMarksAt());
                row.put("lost", i == null || i.points() == null ? null : Scorer.round(c.maxPoints() - i.points()));
                row.put("toFullMarks", i == null ? toFullMarks(0, 0L, c.fullMarksAt())
                        : toFullMarks(i.numerator(), i.denominator(), c.fullMarksAt()));
                rows.add(row);
            }
        }
        out.put("indicators", rows);
        out.put("next", next(ranking, entry));
        return out;
    }

    /**
     * The fewest additional items counted in the numerator (and, for a rate, in the denominator)
     * that reach {@code f}: for a count f − n; for a rate the smallest k with (n+k)/(d+k) ≥ f, 0
     * when already there, null when no k can (f ≥ 1 with an item outside the numerator: a late
     * case cannot be undone).
     */
    public static Long toFullMarks(long n, Long d, double f) {
        if (d == null) {
            return Math.max(0, (long) Math.ceil(f - n - 1e-9));
        }
        if (d > 0 && (double) n / d >= f) {
            return 0L;
        }
        if (f > 1 || (f == 1 && d > n)) {
            return null;
        }
        if (f == 1) { // d == n == 0: one item makes the rate 1
            return 1L;
        }
        long k = Math.max(0, (long) Math.ceil((f * d - n) / (1 - f)) - 1);
        while ((double) (n + k) / (d + k) < f || d + k == 0) {
            k++;
        }
        return k;
    }

    /** The nearest unit with a better rank, its score and the points between them; null for the first or unranked. */
    private static Map<String, Object> next(Views.Ranking ranking, Views.Entry entry) {
        if (ranking == null || entry == null || entry.rank() == null) {
            return null;
        }
        Views.Entry above = null;
        for (Views.Entry e : ranking.entries()) {
            if (e.rank() < entry.rank()) {
                above = e;
            }
        }
        if (above == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", above.unit());
        m.put("rank", above.rank());
        m.put("score", above.score());
        m.put("pointsBetween", Scorer.round(above.score() - entry.score()));
        return m;
    }
}
