package vn.egovpulse.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scoring and ranking of SPEC section 4, as pure functions. */
public final class Scorer {

    private Scorer() {
    }

    /**
     * A unit's score. {@code score} is 100 × earned / applicable maximum, rounded to 2 decimals
     * (null when nothing is applicable); {@code points} maps each applicable indicator to its
     * points and each not-applicable one to null; {@code groups} likewise per group.
     */
    public record Score(Double score, double earned, double applicableMax, double maxPoints,
                        Map<String, Double> groups, Map<String, Double> points) {
        /** A unit with less than half of the maximum applicable is listed as unranked. */
        public boolean ranked() {
            return score != null && applicableMax * 2 >= maxPoints;
        }
    }

    /** A v1 score: every indicator applies whatever the unit's tier. */
    public static Score score(Map<String, Indicator> indicators, CriteriaSet set) {
        return score(indicators, set, null);
    }

    /**
     * The score of a unit of {@code tier} (null: tiers of the set are ignored). An indicator that
     * does not apply to the tier, or whose denominator is 0 (or that is absent, an assessed key
     * without records) with {@code whenNoData} NOT_APPLICABLE, is not applicable: points null, out of
     * the applicable maximum. FULL and ZERO give maxPoints and 0 points, in the applicable maximum.
     * The half-of-the-maximum rule for ranking compares with the points that apply to the tier.
     */
    public static Score score(Map<String, Indicator> indicators, CriteriaSet set, Tier tier) {
        double earned = 0;
        double applicable = 0;
        Map<String, Double> groups = new LinkedHashMap<>();
        Map<String, Double> points = new LinkedHashMap<>();
        for (CriteriaSet.Group g : set.groups()) {
            Double groupPoints = null;
            for (CriteriaSet.Criterion c : g.indicators()) {
                if (!c.appliesTo(tier)) {
                    points.put(c.key(), null); // another tier's indicator
                    continue;
                }
                Indicator ind = indicators.get(c.key());
                double p;
                if (ind == null || ind.value() == null) { // denominator 0
                    switch (c.whenNoData()) {
                        case FULL -> p = c.maxPoints();
                        case ZERO -> p = 0;
                        default -> {
                            points.put(c.key(), null); // not applicable
                            continue;
                        }
                    }
                } else {
                    p = c.maxPoints() * Math.min(1.0, ind.value() / c.fullMarksAt());
                }
                points.put(c.key(), round(p));
                earned += p;
                applicable += c.maxPoints();
                groupPoints = (groupPoints == null ? 0 : groupPoints) + p;
            }
            groups.put(g.name(), groupPoints == null ? null : round(groupPoints));
        }
        Double score = applicable == 0 ? null : round(100 * earned / applicable);
        return new Score(score, earned, applicable, set.maxPoints(tier), groups, points);
    }

    /** One unit to rank: its code and its score. */
    public record Candidate<T>(String code, Score score, T item) {
    }

    public record Ranked<T>(int rank, Candidate<T> candidate) {
    }

    /**
     * Competition ranking of the ranked candidates: higher score first; equal scores (to 2
     * decimals) share a rank and the next rank is skipped (1, 2, 2, 4); ties listed by code.
     */
    public static <T> List<Ranked<T>> rank(List<Candidate<T>> candidates) {
        List<Candidate<T>> sorted = new ArrayList<>(candidates.stream().filter(c -> c.score().ranked()).toList());
        sorted.sort(Comparator.<Candidate<T>>comparingDouble(c -> -c.score().score()).thenComparing(Candidate::code));
        List<Ranked<T>> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            int rank = i + 1;
            if (i > 0 && sorted.get(i).score().score().equals(sorted.get(i - 1).score().score())) {
                rank = out.get(i - 1).rank();
            }
            out.add(new Ranked<>(rank, sorted.get(i)));
        }
        return out;
    }

    public static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
