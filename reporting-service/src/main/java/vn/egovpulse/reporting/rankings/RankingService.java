package vn.egovpulse.reporting.rankings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.events.Counts;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.events.Scorer;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.platform.units.UnitLineage;
import vn.egovpulse.platform.units.UnitRegistry;
import vn.egovpulse.reporting.observability.ReportingMetrics;
import vn.egovpulse.reporting.config.ReportingConfig;
import vn.egovpulse.reporting.rankings.Views.CriteriaRef;
import vn.egovpulse.reporting.rankings.Views.Entry;
import vn.egovpulse.reporting.rankings.Views.PeriodView;
import vn.egovpulse.reporting.rankings.Views.Previous;
import vn.egovpulse.reporting.rankings.Views.Ranking;
import vn.egovpulse.reporting.rankings.Views.ScoredIndicator;
import vn.egovpulse.reporting.rankings.Views.UnitRef;
import vn.egovpulse.reporting.store.CriteriaStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/** SPEC section 4: a league (units of one tier in one province) scored and ranked for a period. */
@ApplicationScoped
public class RankingService {
    private final UnitRegistry registry;
    private final UnitLineage lineage;
    private final CountsCache counts;
    private final CriteriaStore criteria;

    private final ObjectMapper json;
    private final MeterRegistry meters;
    /** Bounded by entries and bytes (egov.reporting.caches.*): readers choose leagues and periods. */
    private final BoundedCache<JsonKey, RankingBytes> jsonCache;
    /** When a reader last asked for a ranking of each province (System.nanoTime()). */
    private final Map<String, Long> lastRead = new ConcurrentHashMap<>();

    /**
     * The key of the national league (SPEC 7.4: tier PROVINCE without a province) in the caches and
     * read marks; its counts change whenever any province's do.
     */
    public static final String NATIONAL = CountsCache.NATIONAL;

    /** Who asked for a ranking that had to be computed: a reader, or the live-window refresh. */
    public enum Trigger { REQUEST, LIVE }

    public RankingService(UnitRegistry registry, UnitLineage lineage, CountsCache counts, CriteriaStore criteria,
                          ObjectMapper json, MeterRegistry meters, ReportingConfig config) {
        this.jsonCache = new BoundedCache<>(config.caches().rankingsEntries(), config.caches().rankingsBytes().asLongValue(),
                b -> b.json().length + b.gzip().length);
        this.registry = registry;
        this.lineage = lineage;
        this.counts = counts;
        this.criteria = criteria;
        this.json = json;
        this.meters = meters;
    }

    public static LocalDate today() {
        return Calendar.today(Clock.systemUTC());
    }

    public static String now() {
        return OffsetDateTime.now(Calendar.ZONE).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** 404 unless {@code code} is a PROVINCE unit. */
    public Unit province(String code) {
        Unit p = code == null ? null : registry.get(code);
        if (p == null || p.tier() != Tier.PROVINCE) {
            throw ProblemException.notFound("unknown province '" + code + "'");
        }
        return p;
    }

    /** The current version of a criteria set, or a 404. */
    public Uni<CriteriaSet> criteria(String id) {
        return criteria.current(id).map(set -> {
            if (set == null) {
                throw ProblemException.notFound("unknown criteria set '" + id + "'");
            }
            return set;
        });
    }

    /**
     * A serialized ranking, also gzip-compressed once: browsers ask for gzip, and a 225-commune
     * league is about 400 KB of JSON but a few tens of KB compressed.
     */
    public record RankingBytes(byte[] json, byte[] gzip) {
        static RankingBytes of(byte[] json) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new RankingBytes(json, out.toByteArray());
        }
    }

    /**
     * The ranking as JSON bytes, kept until the province's counts or the criteria set change:
     * a warm league is served without scoring or serializing again (benchmark B4).
     */
    public Uni<RankingBytes> rankingJson(String province, Tier tier, Period period, String criteriaId) {
        return rankingJson(province, tier, period, criteriaId, Trigger.REQUEST);
    }

    public Uni<RankingBytes> rankingJson(String province, Tier tier, Period period, String criteriaId, Trigger trigger) {
        return rankingJson(province, tier, period, criteriaId, null, trigger);
    }

    /** {@code structure}: the structure date asked for (SPEC 6), null for the period's last day. */
    public Uni<RankingBytes> rankingJson(String province, Tier tier, Period period, String criteriaId, LocalDate structure,
                                         Trigger trigger) {
        String scope = province == null ? NATIONAL : province;
        if (trigger == Trigger.REQUEST) {
            lastRead.put(scope, System.nanoTime());
        }
        LocalDate end = period.end(today());
        // A unit added, renamed or moved also bumps the province's version (stream/RegistryChanges);
        // a notice only bumps the versions of the periods holding one of its days.
        long version = counts.version(scope, period.from(), period.to());
        return criteria(criteriaId).flatMap(set -> {
            JsonKey key = new JsonKey(scope, tier, period.from(), period.to(), end, set.id(), set.version(), version,
                    structure);
            RankingBytes hit = jsonCache.get(key);
            ReportingMetrics.cache(meters, "rankings", hit != null).increment();
            if (hit != null) {
                return Uni.createFrom().item(hit);
            }
            meters.counter("egov.reporting.rankings.computed", "province", scope,
                    "trigger", trigger.name().toLowerCase()).increment();
            Timer.Sample computing = Timer.start(meters);
            return ranking(province, tier, period, criteriaId, structure).map(r -> {
                computing.stop(ReportingMetrics.rankingComputation(meters));
                try {
                    RankingBytes bytes = RankingBytes.of(json.writeValueAsBytes(r));
                    jsonCache.put(key, bytes);
                    return bytes;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        });
    }

    /** Rankings held in the JSON cache now. */
    public int cachedRankings() {
        return jsonCache.size();
    }

    /** Whether a reader asked for a ranking of {@code province} within the last {@code within}. */
    public boolean readWithin(String province, Duration within) {
        Long at = lastRead.get(province);
        return at != null && System.nanoTime() - at < within.toNanos();
    }

    private record JsonKey(String province, Tier tier, LocalDate from, LocalDate to, LocalDate end, String criteria,
                           int criteriaVersion, long countsVersion, LocalDate structure) {
    }

    /**
     * The league of the structure at the period's last day (SPEC 6), each unit with its predecessors
     * gone by then. {@code province} null: the national league of SPEC 7.4 (tier PROVINCE), every
     * province valid then on its province aggregate.
     */
    public Uni<Ranking> ranking(String province, Tier tier, Period period, String criteriaId) {
        return ranking(province, tier, period, criteriaId, null);
    }

    /** The league at structure date {@code asked} (SPEC 6 {@code structure=}), or at the period's last day when null. */
    public Uni<Ranking> ranking(String province, Tier tier, Period period, String criteriaId, LocalDate asked) {
        LocalDate today = today();
        LocalDate structure = asked != null ? asked : Structure.dateOf(period, today);
        List<Unit> league = registry.list(province, tier, structure);
        Map<String, List<String>> members = province == null
                ? Structure.provinceMembers(league, structure, registry, lineage)
                : Structure.members(league, structure, registry, lineage);
        List<String> codes = Structure.allCodes(members);
        Period prev = period.previous();
        String scope = province == null ? NATIONAL : province;
        return criteria(criteriaId).flatMap(set -> Uni.combine().all()
                .unis(counts.counts(scope, tier.name(), codes, period.from(), period.to(), period.end(today)),
                        counts.counts(scope, tier.name(), codes, prev.from(), prev.to(), prev.end(today)))
                .with((now, before) -> build(province, tier, period, set, league,
                        Structure.fold(members, now), Structure.fold(members, before), structure)));
    }

    private static Ranking build(String province, Tier tier, Period period, CriteriaSet set, List<Unit> league,
                                 Map<String, Counts> now, Map<String, Counts> before, LocalDate structure) {
        Map<String, Scorer.Ranked<Unit>> previousRanks = new HashMap<>();
        Map<String, Scorer.Score> previousScores = new HashMap<>();
        List<Scorer.Candidate<Unit>> prevCandidates = candidates(league, before, set, previousScores);
        Scorer.rank(prevCandidates).forEach(r -> previousRanks.put(r.candidate().code(), r));

        Map<String, Scorer.Score> scores = new HashMap<>();
        List<Scorer.Candidate<Unit>> candidates = candidates(league, now, set, scores);
        List<Entry> entries = new ArrayList<>();
        java.util.Set<String> ranked = new java.util.HashSet<>();
        for (Scorer.Ranked<Unit> r : Scorer.rank(candidates)) {
            ranked.add(r.candidate().code());
            entries.add(entry(r.rank(), r.candidate(), now, previousRanks, previousScores, set));
        }
        List<Entry> unranked = new ArrayList<>();
        candidates.stream().filter(c -> !ranked.contains(c.code()))
                .sorted(Comparator.comparing(Scorer.Candidate::code))
                .forEach(c -> unranked.add(entry(null, c, now, previousRanks, previousScores, set)));
        return new Ranking(province, tier, PeriodView.of(period), new CriteriaRef(set.id(), set.version()), now(),
                entries, unranked, structure);
    }

    private static List<Scorer.Candidate<Unit>> candidates(List<Unit> league, Map<String, Counts> counts,
                                                           CriteriaSet set, Map<String, Scorer.Score> scores) {
        List<Scorer.Candidate<Unit>> out = new ArrayList<>();
        for (Unit u : league) {
            Scorer.Score s = Scorer.score(counts.getOrDefault(u.code(), Counts.ZERO).indicators(), set, u.tier());
            scores.put(u.code(), s);
            out.add(new Scorer.Candidate<>(u.code(), s, u));
        }
        return out;
    }

    private static Entry entry(Integer rank, Scorer.Candidate<Unit> c, Map<String, Counts> counts,
                               Map<String, Scorer.Ranked<Unit>> previousRanks, Map<String, Scorer.Score> previousScores,
                               CriteriaSet set) {
        Map<String, ScoredIndicator> indicators = new LinkedHashMap<>();
        counts.getOrDefault(c.code(), Counts.ZERO).indicators().forEach((key, i) ->
                indicators.put(key, new ScoredIndicator(i.displayValue(), i.numerator(), i.denominator(),
                        c.score().points().get(key))));
        Scorer.Score prevScore = previousScores.get(c.code());
        Scorer.Ranked<Unit> prevRank = previousRanks.get(c.code());
        Previous previous = prevScore == null || prevScore.score() == null ? null
                : new Previous(prevRank == null ? null : prevRank.rank(), prevScore.score());
        Integer rankChange = rank != null && previous != null && previous.rank() != null ? previous.rank() - rank : null;
        Double scoreChange = c.score().score() != null && previous != null
                ? Scorer.round(c.score().score() - previous.score()) : null;
        return new Entry(rank, new UnitRef(c.item().code(), c.item().name()), c.score().score(), c.score().groups(),
                indicators, previous, rankChange, scoreChange, rank == null ? null : set.band(c.score().score()));
    }
}
