package vn.egovpulse.reporting.rankings;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Scorer;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.platform.units.UnitLineage;
import vn.egovpulse.reporting.rankings.Views.CriteriaRef;
import vn.egovpulse.reporting.store.FactsStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A unit's score under one criteria set, period by period (the 766 view's week-by-week trend): the
 * same facts as the unit's history series, scored as in its league (by its tier), without ranking.
 */
@ApplicationScoped
public class ScoreHistory {
    /** One period: score null when nothing applied; band only when the score would be ranked (as in rankings). */
    public record Point(String period, LocalDate from, LocalDate to, Double score, boolean ranked, String band,
                        Map<String, Double> groups) {
    }

    public record Scores(String unit, String name, Tier tier, CriteriaRef criteria, String granularity, List<Point> points) {
    }

    private final FactsStore facts;
    private final RankingService rankings;
    private final UnitLineage lineage;

    public ScoreHistory(FactsStore facts, RankingService rankings, UnitLineage lineage) {
        this.lineage = lineage;
        this.facts = facts;
        this.rankings = rankings;
    }

    public Uni<Scores> scores(Unit unit, String criteriaId, Period from, Period to, String granularity) {
        LocalDate today = RankingService.today();
        List<Period> buckets = new ArrayList<>();
        for (Period b = Period.bucket(granularity, from.from()); !b.from().isAfter(to.to());
             b = Period.bucket(granularity, b.to().plusDays(1))) {
            if (buckets.size() == IndicatorService.MAX_BUCKETS) {
                throw ProblemException.badRequest("to", "at most " + IndicatorService.MAX_BUCKETS + " periods of '"
                        + granularity + "' per series; narrow from/to or use a coarser granularity");
            }
            buckets.add(b);
        }
        List<FactsStore.Bucket> rows = buckets.stream().map(b -> new FactsStore.Bucket(b.from(), b.to(), b.end(today))).toList();
        return rankings.criteria(criteriaId).flatMap(set -> facts.history(asRestructured(unit), rows).map(counts -> {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < buckets.size(); i++) {
                Scorer.Score s = Scorer.score(counts.get(i).indicators(), set, unit.tier());
                Period b = buckets.get(i);
                points.add(new Point(b.label(), b.from(), b.to(), s.score(), s.ranked(),
                        s.ranked() ? set.band(s.score()) : null, s.groups()));
            }
            return new Scores(unit.code(), unit.name(), unit.tier(), new CriteriaRef(set.id(), set.version()), granularity, points);
        }));
    }

    /** The unit with all its predecessors (SPEC 6), as its indicators and history count it. */
    private List<String> asRestructured(Unit unit) {
        List<String> codes = new ArrayList<>();
        codes.add(unit.code());
        codes.addAll(lineage.predecessors(unit.code()));
        return codes;
    }

    /** Default series bounds: the last {@code n} weeks up to the current one. */
    public static Period[] lastWeeks(int n, LocalDate today) {
        Period now = Period.weekOf(today);
        return new Period[]{Period.weekOf(now.from().minusWeeks(n - 1L)), now};
    }

}
