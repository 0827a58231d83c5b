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

    public static Score score(Map<String, Indicator> indicators, CriteriaSet set) {
        double earned = 0;
        double applicable = 0;
        Map<String, Double> groups = new LinkedHashMap<>();
        Map<String, Double> points = new LinkedHashMap<>();
        for (CriteriaSet.Group g : set.groups()) {
            Double groupPoints = null;
            for (CriteriaSet.Criterion c : g.indicators()) {
                Indicator ind = indicators.get(c.key());
                if (ind == null || ind.value() == null) {
                    points.put(c.key(), null); // denominator 0: not applicable
                    continue;
                }
                double p = c.maxPoints() * Math.min(1.0, ind.value() / c.fullMarksAt());
                points.put(c.key(), round(p));
                earned += p;
                applicable += c.maxPoints();
                groupPoints = (groupPoints == null ? 0 : groupPoints) + p;
            }
            groups.put(g.name(), groupPoints == null ? null : round(groupPoints));
        }
        Double score = applicable == 0 ? null : round(100 * earned / applicable);
        return new Score(score, earned, applicable, set.maxPoints(), groups, points);
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
