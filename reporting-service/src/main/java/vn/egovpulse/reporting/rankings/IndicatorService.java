package vn.egovpulse.reporting.rankings;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Counts;
import vn.egovpulse.events.Indicator;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.platform.units.UnitLineage;
import vn.egovpulse.platform.units.UnitRegistry;
import vn.egovpulse.reporting.rankings.Views.HistoryPoint;
import vn.egovpulse.reporting.rankings.Views.IndicatorView;
import vn.egovpulse.reporting.rankings.Views.PeriodView;
import vn.egovpulse.reporting.rankings.Views.ProvinceIndicators;
import vn.egovpulse.reporting.rankings.Views.UnitIndicators;
import vn.egovpulse.reporting.store.FactsStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** SPEC section 3 readings: one unit, a province aggregate, and a unit's history. */
@ApplicationScoped
public class IndicatorService {
    public static final int MAX_BUCKETS = 1_000;
    public static final List<String> GRANULARITIES = List.of("day", "week", "month", "quarter", "year");

    private final UnitRegistry registry;
    private final UnitLineage lineage;
    private final CountsCache counts;
    private final FactsStore facts;

    public IndicatorService(UnitRegistry registry, UnitLineage lineage, CountsCache counts, FactsStore facts) {
        this.registry = registry;
        this.lineage = lineage;
        this.counts = counts;
        this.facts = facts;
    }

    public Unit unit(String code) {
        Unit u = code == null ? null : registry.get(code);
        if (u == null) {
            throw ProblemException.notFound("unknown unit '" + code + "'");
        }
        return u;
    }

    /**
     * A unit's indicators as restructured (SPEC 6): its own facts and those of all its
     * predecessors, whatever the period; {@code lineage} false counts its own facts only.
     */
    public Uni<UnitIndicators> unitIndicators(Unit unit, Period period, boolean withLineage) {
        LocalDate today = RankingService.today();
        String province = registry.provinceOf(unit.code());
        List<String> codes = new ArrayList<>();
        codes.add(unit.code());
        if (withLineage) {
            codes.addAll(lineage.predecessors(unit.code()));
        }
        return counts.counts(province == null ? "" : province, "unit", codes,
                        period.from(), period.to(), period.end(today))
                .map(m -> new UnitIndicators(unit.code(), unit.name(), unit.tier(), PeriodView.of(period),
                        IndicatorView.of(codes.size() == 1 ? m.getOrDefault(unit.code(), Counts.ZERO).indicators()
                                : Counts.sum(m.values()).indicators())));
    }

    /**
     * Sums the counts of the province unit and every unit under it (or only those of
     * {@code tier}) in the structure at the period's last day, with their predecessors gone by
     * then (a merged province's old units arrive through their successors), then forms the
     * rates: never an average of the units' rates.
     */
    public Uni<ProvinceIndicators> provinceIndicators(Unit province, Tier tier, Period period) {
        return provinceIndicators(province, tier, period, null);
    }

    /** {@code asked}: the structure date asked for ({@code structure=}), null for the period's last day. */
    public Uni<ProvinceIndicators> provinceIndicators(Unit province, Tier tier, Period period, LocalDate asked) {
        LocalDate today = RankingService.today();
        LocalDate structure = asked != null ? asked : Structure.dateOf(period, today);
        List<Unit> units = registry.list(province.code(), tier, structure);
        List<String> codes = Structure.allCodes(Structure.members(units, structure, registry, lineage));
        return counts.counts(province.code(), tier == null ? "all" : tier.name(), codes,
                        period.from(), period.to(), period.end(today))
                .map(m -> new ProvinceIndicators(province.code(), province.name(), province.code(), tier,
                        PeriodView.of(period), units.size(), IndicatorView.of(Counts.sum(m.values()).indicators()),
                        structure));
    }

    /**
     * One point per bucket of {@code granularity} from the bucket holding from's start to the one holding to's end;
     * the unit as restructured (with all its predecessors, SPEC 6) unless {@code withLineage} is false.
     */
    public Uni<List<HistoryPoint>> history(Unit unit, String indicator, Period from, Period to, String granularity,
                                           boolean withLineage) {
        LocalDate today = RankingService.today();
        List<Period> buckets = new ArrayList<>();
        for (Period b = Period.bucket(granularity, from.from()); !b.from().isAfter(to.to());
             b = Period.bucket(granularity, b.to().plusDays(1))) {
            if (buckets.size() == MAX_BUCKETS) {
                throw ProblemException.badRequest("to", "at most " + MAX_BUCKETS + " periods of '" + granularity
                        + "' per series; narrow from/to or use a coarser granularity");
            }
            buckets.add(b);
        }
        List<FactsStore.Bucket> rows = buckets.stream()
                .map(b -> new FactsStore.Bucket(b.from(), b.to(), b.end(today))).toList();
        List<String> codes = new ArrayList<>();
        codes.add(unit.code());
        if (withLineage) {
            codes.addAll(lineage.predecessors(unit.code()));
        }
        return facts.history(codes, rows).map(list -> {
            List<HistoryPoint> out = new ArrayList<>();
            for (int i = 0; i < buckets.size(); i++) {
                Indicator ind = list.get(i).indicators().get(indicator);
                if (ind == null) {
                    // an assessed.* indicator without a record in this period: nothing was measured
                    out.add(new HistoryPoint(buckets.get(i).label(), null, 0, null));
                    continue;
                }
                out.add(new HistoryPoint(buckets.get(i).label(), ind.displayValue(), ind.numerator(), ind.denominator()));
            }
            return out;
        });
    }
}
