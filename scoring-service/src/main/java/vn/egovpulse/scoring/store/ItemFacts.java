package vn.egovpulse.scoring.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.events.Payload;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the operators' tools (SPEC 8) need beyond the counters, written in the batch's transaction
 * (tables of migration V7): one row per counted document and meeting event, the events behind each
 * case (and feedback, assessment record), and per-source volumes. One multi-row statement per table.
 * Plain inserts, no ON CONFLICT (a speculative insertion costs more): {@code seen_key}, in the same
 * transaction, already lets each (source, id) through once.
 */
final class ItemFacts {

    static final String INSERT_DOCS = """
            INSERT INTO scoring.doc_item (unit, day, source, id, document_id, issued, confidential, electronic,
                    signed_org, signed_leader, via_axis, processed_online)
            SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::bool[],
                    $8::bool[], $9::bool[], $10::bool[], $11::bool[], $12::bool[])""";

    static final String INSERT_MEETINGS = """
            INSERT INTO scoring.meeting_item (unit, day, source, id, meeting_id, duration_minutes, endpoints,
                    participants, lowest_tier)
            SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[], $6::int4[], $7::int4[],
                    $8::int4[], $9::text[])""";

    static final String INSERT_ITEM_EVENTS = """
            INSERT INTO scoring.item_event (kind, unit, item_id, source, id, type, time)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])""";

    static final String UPSERT_SOURCE_DAY = """
            INSERT INTO scoring.source_day AS s (source, type, day, events, last_time)
            SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::int8[], $5::timestamptz[])
            ON CONFLICT (source, type, day) DO UPDATE SET
                events = s.events + excluded.events, last_time = GREATEST(s.last_time, excluded.last_time)""";

    /** Only new pairs: an existing one is not rewritten. */
    static final String INSERT_SOURCE_UNITS = """
            INSERT INTO scoring.source_unit (source, unit)
            SELECT * FROM unnest($1::text[], $2::text[])
            ON CONFLICT DO NOTHING""";

    static final String UPSERT_SOURCE_HOUR = """
            INSERT INTO scoring.source_hour AS s (source, type, hour, events)
            SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int8[])
            ON CONFLICT (source, type, hour) DO UPDATE SET events = s.events + excluded.events""";

    /** Hourly volumes are kept for events younger than this when consumed (the sources view reads 7 days). */
    static final long HOURLY_DAYS = 8;

    private record SourceKey(String source, String type, LocalDate day) {
    }

    private record SourceHourKey(String source, String type, OffsetDateTime hour) {
    }

    private static final Comparator<SourceKey> SOURCE_KEY_ORDER =
            Comparator.comparing(SourceKey::source).thenComparing(SourceKey::type).thenComparing(SourceKey::day);

    private static final Comparator<SourceHourKey> SOURCE_HOUR_ORDER = Comparator.comparing(SourceHourKey::source)
            .thenComparing(SourceHourKey::type).thenComparing(k -> k.hour().toInstant());

    /** Benchmark only (ItemFactsTest): off, a batch is written as before V7, to time the difference in one run. */
    static volatile boolean skipForBenchmark;

    private ItemFacts() {
    }

    /** Writes the rows of the (new, valid) events of one batch. */
    static Uni<Void> write(SqlConnection conn, List<EgovEvent> fresh) {
        if (fresh.isEmpty() || skipForBenchmark) {
            return Uni.createFrom().voidItem();
        }
        List<EgovEvent> docs = new ArrayList<>(), meetings = new ArrayList<>();
        List<String[]> itemEvents = new ArrayList<>();
        List<OffsetDateTime> itemTimes = new ArrayList<>();
        // The source rows in key order: a source's units are spread over partitions, so the two
        // consumers' transactions upsert the same source rows; in one order they wait for each
        // other instead of deadlocking (each deadlock rolled back a whole batch).
        Map<SourceKey, long[]> days = new TreeMap<>(SOURCE_KEY_ORDER);
        Map<SourceKey, OffsetDateTime> dayLast = new HashMap<>();
        java.util.Set<List<String>> sourceUnits = new java.util.TreeSet<>(
                Comparator.<List<String>, String>comparing(l -> l.get(0)).thenComparing(l -> l.get(1)));
        Map<SourceHourKey, long[]> hours = new TreeMap<>(SOURCE_HOUR_ORDER);
        Instant hourlyFrom = Instant.now().minus(HOURLY_DAYS, ChronoUnit.DAYS);
        for (EgovEvent e : fresh) {
            Payload p = e.payload();
            if (p instanceof Payload.DocumentIssued || p instanceof Payload.DocumentReceived) {
                docs.add(e);
            } else if (p instanceof Payload.MeetingHeld) {
                meetings.add(e);
            } else {
                String[] item = item(e);
                if (item != null) {
                    itemEvents.add(new String[]{item[0], e.subject(), item[1], e.source(), e.id(), e.type().type});
                    itemTimes.add(e.time());
                }
            }
            String type = e.type().type;
            SourceKey k = new SourceKey(e.source(), type, Calendar.localDate(e.time()));
            days.computeIfAbsent(k, x -> new long[1])[0]++;
            dayLast.merge(k, e.time(), (a, b) -> a.isAfter(b) ? a : b);
            sourceUnits.add(List.of(e.source(), e.subject()));
            if (e.time().toInstant().isAfter(hourlyFrom)) {
                OffsetDateTime hour = e.time().toInstant().truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
                hours.computeIfAbsent(new SourceHourKey(e.source(), type, hour), x -> new long[1])[0]++;
            }
        }
        return docs(conn, docs)
                .chain(() -> meetings(conn, meetings))
                .chain(() -> itemEvents(conn, itemEvents, itemTimes))
                .chain(() -> sourceDays(conn, days, dayLast))
                .chain(() -> sourceUnits(conn, sourceUnits))
                .chain(() -> sourceHours(conn, hours));
    }

    /**
     * The item an event belongs to, from its {@code data}: a case ({@code caseId}: received,
     * resolved, and V5's paid and rated), a feedback ({@code feedbackId}) or an assessment record
     * ({@code indicator} and {@code period}); null for anything else. Read from the JSON so that
     * new event types of these items are recorded without a change here.
     */
    static String[] item(EgovEvent e) {
        JsonNode data = e.json() == null ? null : e.json().get("data");
        if (data == null) {
            return null;
        }
        if (data.hasNonNull("caseId")) {
            return new String[]{"case", data.get("caseId").asText()};
        }
        if (data.hasNonNull("feedbackId")) {
            return new String[]{"feedback", data.get("feedbackId").asText()};
        }
        if (data.hasNonNull("indicator") && data.hasNonNull("period")) {
            return new String[]{"assessment", data.get("indicator").asText() + "|" + data.get("period").asText()};
        }
        return null;
    }

    private static Uni<Void> docs(SqlConnection conn, List<EgovEvent> docs) {
        int n = docs.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] units = new String[n], sources = new String[n], ids = new String[n], docIds = new String[n];
        LocalDate[] days = new LocalDate[n];
        Boolean[] issued = new Boolean[n], confidential = new Boolean[n], electronic = new Boolean[n];
        Boolean[] org = new Boolean[n], leader = new Boolean[n], axis = new Boolean[n], online = new Boolean[n];
        for (int i = 0; i < n; i++) {
            EgovEvent e = docs.get(i);
            units[i] = e.subject();
            days[i] = Calendar.localDate(e.time());
            sources[i] = e.source();
            ids[i] = e.id();
            if (e.payload() instanceof Payload.DocumentIssued d) {
                docIds[i] = d.documentId();
                issued[i] = true;
                confidential[i] = d.confidential();
                electronic[i] = d.electronic();
                org[i] = d.signedByOrganization();
                leader[i] = d.signedByLeader();
                axis[i] = d.viaNationalAxis();
                online[i] = false;
            } else {
                Payload.DocumentReceived d = (Payload.DocumentReceived) e.payload();
                docIds[i] = d.documentId();
                issued[i] = false;
                confidential[i] = false;
                electronic[i] = d.electronic();
                org[i] = false;
                leader[i] = false;
                axis[i] = false;
                online[i] = d.processedOnline();
            }
        }
        return execute(conn, INSERT_DOCS, units, days, sources, ids, docIds, issued, confidential, electronic,
                org, leader, axis, online);
    }

    private static Uni<Void> meetings(SqlConnection conn, List<EgovEvent> meetings) {
        int n = meetings.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] units = new String[n], sources = new String[n], ids = new String[n], meetingIds = new String[n];
        String[] tiers = new String[n];
        LocalDate[] days = new LocalDate[n];
        Integer[] minutes = new Integer[n], endpoints = new Integer[n], participants = new Integer[n];
        for (int i = 0; i < n; i++) {
            EgovEvent e = meetings.get(i);
            Payload.MeetingHeld m = (Payload.MeetingHeld) e.payload();
            units[i] = e.subject();
            days[i] = Calendar.localDate(e.time());
            sources[i] = e.source();
            ids[i] = e.id();
            meetingIds[i] = m.meetingId();
            minutes[i] = m.durationMinutes();
            endpoints[i] = m.endpoints();
            participants[i] = m.participants();
            tiers[i] = m.lowestTier().name();
        }
        return execute(conn, INSERT_MEETINGS, units, days, sources, ids, meetingIds, minutes, endpoints,
                participants, tiers);
    }

    private static Uni<Void> itemEvents(SqlConnection conn, List<String[]> rows, List<OffsetDateTime> times) {
        int n = rows.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[][] cols = new String[6][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 6; c++) {
                cols[c][i] = rows.get(i)[c];
            }
        }
        return execute(conn, INSERT_ITEM_EVENTS, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5],
                times.toArray(new OffsetDateTime[0]));
    }

    private static Uni<Void> sourceDays(SqlConnection conn, Map<SourceKey, long[]> days, Map<SourceKey, OffsetDateTime> lastOf) {
        int n = days.size();
        String[] sources = new String[n], types = new String[n];
        LocalDate[] dates = new LocalDate[n];
        Long[] events = new Long[n];
        OffsetDateTime[] last = new OffsetDateTime[n];
        int i = 0;
        for (Map.Entry<SourceKey, long[]> e : days.entrySet()) {
            SourceKey k = e.getKey();
            sources[i] = k.source();
            types[i] = k.type();
            dates[i] = k.day();
            events[i] = e.getValue()[0];
            last[i++] = lastOf.get(k);
        }
        return execute(conn, UPSERT_SOURCE_DAY, sources, types, dates, events, last);
    }

    private static Uni<Void> sourceUnits(SqlConnection conn, java.util.Set<List<String>> pairs) {
        String[] sources = new String[pairs.size()], units = new String[pairs.size()];
        int i = 0;
        for (List<String> p : pairs) {
            sources[i] = p.get(0);
            units[i++] = p.get(1);
        }
        return execute(conn, INSERT_SOURCE_UNITS, sources, units);
    }

    private static Uni<Void> sourceHours(SqlConnection conn, Map<SourceHourKey, long[]> hours) {
        int n = hours.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] sources = new String[n], types = new String[n];
        OffsetDateTime[] hour = new OffsetDateTime[n];
        Long[] events = new Long[n];
        int i = 0;
        for (Map.Entry<SourceHourKey, long[]> e : hours.entrySet()) {
            sources[i] = e.getKey().source();
            types[i] = e.getKey().type();
            hour[i] = e.getKey().hour();
            events[i++] = e.getValue()[0];
        }
        return execute(conn, UPSERT_SOURCE_HOUR, sources, types, hour, events);
    }

    private static Uni<Void> execute(SqlConnection conn, String sql, Object... arrays) {
        return conn.preparedQuery(sql).execute(Tuple.tuple(List.of(arrays))).replaceWithVoid();
    }
}
