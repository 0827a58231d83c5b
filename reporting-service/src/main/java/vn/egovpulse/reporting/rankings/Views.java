package vn.egovpulse.reporting.rankings;

import vn.egovpulse.events.Indicator;
import vn.egovpulse.events.Tier;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON documents of SPEC section 5 (API DTOs, separate from the facts and the events). */
public final class Views {
    private Views() {
    }

    public record PeriodView(LocalDate from, LocalDate to, String label) {
        public static PeriodView of(Period p) {
            return new PeriodView(p.from(), p.to(), p.label());
        }
    }

    public record CriteriaRef(String id, int version) {
    }

    public record UnitRef(String code, String name) {
    }

    /** An indicator of a ranking entry: points is null when the criteria set has no points for it. */
    public record ScoredIndicator(Number value, long numerator, Long denominator, Double points) {
    }

    public record IndicatorView(Number value, long numerator, Long denominator) {
        public static Map<String, IndicatorView> of(Map<String, Indicator> indicators) {
            Map<String, IndicatorView> out = new LinkedHashMap<>();
            indicators.forEach((k, i) -> out.put(k, new IndicatorView(i.displayValue(), i.numerator(), i.denominator())));
            return out;
        }
    }

    public record Previous(Integer rank, Double score) {
    }

    /**
     * One unit of a league; rank is null for an unranked unit. {@code band} (SPEC 7.3): the label of
     * the set's first band whose min ≤ score, null for an unranked unit or a set without bands.
     */
    public record Entry(Integer rank, UnitRef unit, Double score, Map<String, Double> groups,
                        Map<String, ScoredIndicator> indicators, Previous previous, Integer rankChange,
                        Double scoreChange, String band) {
    }

    /** {@code structure}: the structure date of SPEC 6 (whose units make the league). */
    public record Ranking(String province, Tier tier, PeriodView period, CriteriaRef criteria, String asOf,
                          List<Entry> entries, List<Entry> unranked, LocalDate structure) {
        /** The same ranking stamped with another time: what changes without any data changing. */
        public Ranking withAsOf(String at) {
            return new Ranking(province, tier, period, criteria, at, entries, unranked, structure);
        }
    }

    public record UnitIndicators(String unit, String name, Tier tier, PeriodView period,
                                 Map<String, IndicatorView> indicators) {
    }

    public record ProvinceIndicators(String unit, String name, String province, Tier tier, PeriodView period,
                                     int units, Map<String, IndicatorView> indicators, LocalDate structure) {
    }

    public record HistoryPoint(String period, Number value, long numerator, Long denominator) {
    }
}
