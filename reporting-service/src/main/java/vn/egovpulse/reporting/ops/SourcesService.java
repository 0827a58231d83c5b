package vn.egovpulse.reporting.ops;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.reporting.store.DatabaseFailures;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SPEC 8, sources: every CloudEvents {@code source} seen for a set of units, with its last event
 * time, its volumes of the last 24 hours and 7 days per type, and whether it is silent. All by
 * event time ({@code time}), as scoring-service records them (migration V7): a source is
 * <b>silent</b> when it sent events on each of the 7 local days ending with the day of its last
 * event, and that last event is at least {@code egov.alerts.silent-after} old.
 */
@ApplicationScoped
public class SourcesService {

    private static final String SOURCES = "SELECT DISTINCT source FROM scoring.source_unit WHERE unit = ANY($1)";
    private static final String LAST = "SELECT DISTINCT ON (source, type) source, type, last_time AS last FROM scoring.source_day"
            + " WHERE source = ANY($1) ORDER BY source, type, day DESC";
    private static final String VOLUMES = "SELECT source, type, sum(events) FILTER (WHERE hour >= $2)::bigint AS h24,"
            + " sum(events)::bigint AS d7 FROM scoring.source_hour WHERE source = ANY($1) AND hour >= $3 GROUP BY source, type";
    private static final String DAYS = "SELECT s.source, count(DISTINCT d.day) AS days"
            + " FROM unnest($1::text[], $2::date[]) AS s(source, last_day)"
            + " JOIN scoring.source_day d ON d.source = s.source AND d.day BETWEEN s.last_day - 6 AND s.last_day GROUP BY s.source";

    /** One source: last event, volumes per type, silent. */
    public record Source(String source, OffsetDateTime lastEventTime, boolean silent, long last24h, long last7d,
                         List<TypeVolume> types) {
    }

    public record TypeVolume(String type, OffsetDateTime lastEventTime, long last24h, long last7d) {
    }

    private final Pool pool;
    private final DatabaseFailures failures;
    private final AlertsConfig config;

    public SourcesService(Pool pool, DatabaseFailures failures, AlertsConfig config) {
        this.pool = pool;
        this.failures = failures;
        this.config = config;
    }

    public Duration silentAfter() {
        return config.silentAfter();
    }

    public Uni<List<Source>> sources(List<String> units, Instant now) {
        if (units.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        OffsetDateTime since24 = now.minus(24, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
        OffsetDateTime since7 = now.minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
        Map<String, Map<String, long[]>> volumes = new TreeMap<>();
        Map<String, Map<String, OffsetDateTime>> lastByType = new TreeMap<>();
        return pool.preparedQuery(SOURCES).execute(Tuple.of(units.toArray(new String[0]))).onFailure().transform(failures::map)
                .flatMap(rows -> {
                    List<String> list = new ArrayList<>();
                    rows.forEach(r -> list.add(r.getString(0)));
                    return list.isEmpty() ? Uni.createFrom().item(List.<Source>of())
                            : details(list.toArray(new String[0]), now, since24, since7, volumes, lastByType);
                });
    }

    private Uni<List<Source>> details(String[] codes, Instant now, OffsetDateTime since24, OffsetDateTime since7,
                                      Map<String, Map<String, long[]>> volumes,
                                      Map<String, Map<String, OffsetDateTime>> lastByType) {
        Uni<Void> last = pool.preparedQuery(LAST).execute(Tuple.of(codes)).onFailure().transform(failures::map)
                .invoke(rows -> {
                    for (Row r : rows) {
                        lastByType.computeIfAbsent(r.getString("source"), k -> new TreeMap<>())
                                .put(r.getString("type"), r.getOffsetDateTime("last"));
                    }
                }).replaceWithVoid();
        Uni<Void> vol = pool.preparedQuery(VOLUMES).execute(Tuple.of(codes, since24, since7))
                .onFailure().transform(failures::map).invoke(rows -> {
                    for (Row r : rows) {
                        Long h24 = r.getLong("h24");
                        volumes.computeIfAbsent(r.getString("source"), k -> new TreeMap<>())
                                .put(r.getString("type"), new long[]{h24 == null ? 0 : h24, r.getLong("d7")});
                    }
                }).replaceWithVoid();
        return Uni.combine().all().unis(last, vol).discardItems().flatMap(v -> {
            List<String> names = new ArrayList<>(lastByType.keySet());
            String[] sources = names.toArray(new String[0]);
            LocalDate[] lastDays = names.stream().map(s -> Calendar.localDate(latest(lastByType.get(s))))
                    .toArray(LocalDate[]::new);
            Map<String, Long> days = new LinkedHashMap<>();
            Uni<Void> counted = names.isEmpty() ? Uni.createFrom().voidItem()
                    : pool.preparedQuery(DAYS).execute(Tuple.of(sources, lastDays))
                    .onFailure().transform(failures::map)
                    .invoke(rows -> rows.forEach(r -> days.put(r.getString("source"), r.getLong("days"))))
                    .replaceWithVoid();
            return counted.map(x -> {
                List<Source> out = new ArrayList<>();
                for (String s : names) {
                    OffsetDateTime lastTime = latest(lastByType.get(s));
                    boolean silent = days.getOrDefault(s, 0L) >= 7
                            && !lastTime.toInstant().plus(config.silentAfter()).isAfter(now);
                    List<TypeVolume> types = new ArrayList<>();
                    long h24 = 0, d7 = 0;
                    for (Map.Entry<String, OffsetDateTime> t : lastByType.get(s).entrySet()) {
                        long[] vv = volumes.getOrDefault(s, Map.of()).getOrDefault(t.getKey(), new long[2]);
                        types.add(new TypeVolume(t.getKey(), t.getValue(), vv[0], vv[1]));
                        h24 += vv[0];
                        d7 += vv[1];
                    }
                    out.add(new Source(s, lastTime, silent, h24, d7, types));
                }
                return out;
            });
        });
    }

    private static OffsetDateTime latest(Map<String, OffsetDateTime> byType) {
        OffsetDateTime max = null;
        for (OffsetDateTime t : byType.values()) {
            if (max == null || t.isAfter(max)) {
                max = t;
            }
        }
        return max;
    }
}
