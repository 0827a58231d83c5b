package vn.egovpulse.scoring.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.events.EgovEvent;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one consumed batch into the {@code scoring} schema in ONE transaction with a handful
 * of multi-row statements (never one statement per event): dedupe, cases, document and meeting
 * counters, and the change notices for what they touched (the outbox). Safe to run again with the
 * same batch: the dedupe table makes a repeat a no-op.
 */
@ApplicationScoped
public class FactsStore {

    /** Only the keys that were not there yet come back: those are the events to count. */
    static final String INSERT_SEEN = """
            INSERT INTO scoring.seen_event (source, id)
            SELECT * FROM unnest($1::text[], $2::text[])
            ON CONFLICT DO NOTHING
            RETURNING source, id""";

    /** Where the cases of this batch were counted before: a correction may move them to another day. */
    static final String SELECT_CASE_DAYS = """
            SELECT c.unit, c.received_day, c.resolved_day
            FROM scoring.onestop_case c
            JOIN unnest($1::text[], $2::text[]) AS k(unit, case_id) ON c.unit = k.unit AND c.case_id = k.case_id""";

    /** Each side (received, resolved) is replaced only by an event with a strictly later time. */
    static final String UPSERT_CASES = """
            INSERT INTO scoring.onestop_case AS c (unit, case_id, received_at, received_day, channel, online_level,
                    received_due_day, resolved_at, resolved_day, resolved_due_day)
            SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::date[], $5::text[], $6::smallint[],
                    $7::date[], $8::timestamptz[], $9::date[], $10::date[])
            ON CONFLICT (unit, case_id) DO UPDATE SET
                received_at      = CASE WHEN %1$s THEN excluded.received_at ELSE c.received_at END,
                received_day     = CASE WHEN %1$s THEN excluded.received_day ELSE c.received_day END,
                channel          = CASE WHEN %1$s THEN excluded.channel ELSE c.channel END,
                online_level     = CASE WHEN %1$s THEN excluded.online_level ELSE c.online_level END,
                received_due_day = CASE WHEN %1$s THEN excluded.received_due_day ELSE c.received_due_day END,
                resolved_at      = CASE WHEN %2$s THEN excluded.resolved_at ELSE c.resolved_at END,
                resolved_day     = CASE WHEN %2$s THEN excluded.resolved_day ELSE c.resolved_day END,
                resolved_due_day = CASE WHEN %2$s THEN excluded.resolved_due_day ELSE c.resolved_due_day END"""
            .formatted(newer("received_at"), newer("resolved_at"));

    static final String UPSERT_DOCS = """
            INSERT INTO scoring.docs_daily AS d (unit, day, issued, issued_open, signed, org_signed, leader_signed,
                    electronic, via_axis, received, received_electronic, received_online)
            SELECT * FROM unnest($1::text[], $2::date[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], $7::int8[],
                    $8::int8[], $9::int8[], $10::int8[], $11::int8[], $12::int8[])
            ON CONFLICT (unit, day) DO UPDATE SET
                issued = d.issued + excluded.issued,
                issued_open = d.issued_open + excluded.issued_open,
                signed = d.signed + excluded.signed,
                org_signed = d.org_signed + excluded.org_signed,
                leader_signed = d.leader_signed + excluded.leader_signed,
                electronic = d.electronic + excluded.electronic,
                via_axis = d.via_axis + excluded.via_axis,
                received = d.received + excluded.received,
                received_electronic = d.received_electronic + excluded.received_electronic,
                received_online = d.received_online + excluded.received_online""";

    static final String UPSERT_VC = """
            INSERT INTO scoring.vc_daily AS v (unit, day, meetings, endpoints, participants, duration_minutes, commune_reach)
            SELECT * FROM unnest($1::text[], $2::date[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], $7::int8[])
            ON CONFLICT (unit, day) DO UPDATE SET
                meetings = v.meetings + excluded.meetings,
                endpoints = v.endpoints + excluded.endpoints,
                participants = v.participants + excluded.participants,
                duration_minutes = v.duration_minutes + excluded.duration_minutes,
                commune_reach = v.commune_reach + excluded.commune_reach""";

    /** The batch's change notices, one per unit with the days it touched (see notice/NoticeOutbox). */
    static final String INSERT_NOTICES = """
            INSERT INTO scoring.notice_outbox (unit, days)
            SELECT u, string_to_array(d, ',')::date[] FROM unnest($1::text[], $2::text[]) AS t(u, d)""";

    private static String newer(String column) {
        return "excluded.%1$s IS NOT NULL AND (c.%1$s IS NULL OR excluded.%1$s > c.%1$s)".formatted(column);
    }

    /** What a committed batch did: how many events were new, and which unit days they touched. */
    public record Outcome(int fresh, int duplicates, BatchFacts facts) {
        public static Outcome none() {
            return new Outcome(0, 0, new BatchFacts());
        }

        /** Several batches' outcomes as one (the parts of a batch stored one event at a time). */
        public static Outcome sum(List<Outcome> parts) {
            BatchFacts facts = new BatchFacts();
            int fresh = 0, duplicates = 0;
            for (Outcome o : parts) {
                fresh += o.fresh();
                duplicates += o.duplicates();
                o.facts().touched().forEach((unit, days) -> days.forEach(day -> facts.touch(unit, day)));
            }
            return new Outcome(fresh, duplicates, facts);
        }
    }

    private final Pool pool;

    public FactsStore(Pool pool) {
        this.pool = pool;
    }

    /** Applies {@code events} (already valid) in one transaction; completes once it is committed. */
    public Uni<Outcome> apply(List<EgovEvent> events) {
        // The same (source, id) twice in one batch: keep the first, the second is a duplicate.
        Map<List<String>, EgovEvent> byKey = new LinkedHashMap<>();
        for (EgovEvent e : events) {
            byKey.putIfAbsent(List.of(e.source(), e.id()), e);
        }
        if (byKey.isEmpty()) {
            return Uni.createFrom().item(Outcome.none());
        }
        return pool.withTransaction(conn -> insertSeen(conn, byKey).chain(fresh -> {
            BatchFacts facts = new BatchFacts();
            fresh.forEach(facts::add);
            return previousCaseDays(conn, facts)
                    .chain(() -> upsertCases(conn, facts))
                    .chain(() -> upsertDocs(conn, facts))
                    .chain(() -> upsertVc(conn, facts))
                    .chain(() -> insertNotices(conn, facts))
                    .chain(() -> ItemFacts.write(conn, fresh)) // SPEC 8 items and source volumes (V7)
                    .replaceWith(new Outcome(fresh.size(), events.size() - fresh.size(), facts));
        }));
    }

    private static Uni<List<EgovEvent>> insertSeen(SqlConnection conn, Map<List<String>, EgovEvent> byKey) {
        String[] sources = new String[byKey.size()];
        String[] ids = new String[byKey.size()];
        int i = 0;
        for (List<String> k : byKey.keySet()) {
            sources[i] = k.get(0);
            ids[i++] = k.get(1);
        }
        return conn.preparedQuery(INSERT_SEEN).execute(Tuple.of(sources, ids)).map(rows -> {
            if (rows.rowCount() == byKey.size()) {
                return new ArrayList<>(byKey.values()); // all new, as in any first replay: no lookups
            }
            List<EgovEvent> fresh = new ArrayList<>(rows.size());
            for (Row r : rows) {
                EgovEvent e = byKey.get(List.of(r.getString(0), r.getString(1)));
                if (e == null) {
                    // The database stored a key other than the one sent (text it cannot hold as
                    // given): a fault of this batch's data, stored one event at a time instead.
                    throw new IllegalStateException("PostgreSQL returned the key (" + r.getString(0) + ", "
                            + r.getString(1) + ") which is not in the batch as sent");
                }
                fresh.add(e);
            }
            return fresh;
        });
    }

    private static Uni<Void> previousCaseDays(SqlConnection conn, BatchFacts facts) {
        if (facts.cases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] units = new String[facts.cases.size()];
        String[] caseIds = new String[facts.cases.size()];
        int i = 0;
        for (BatchFacts.CaseKey k : facts.cases.keySet()) {
            units[i] = k.unit();
            caseIds[i++] = k.caseId();
        }
        return conn.preparedQuery(SELECT_CASE_DAYS).execute(Tuple.of(units, caseIds)).invoke(rows -> {
            for (Row r : rows) {
                facts.touch(r.getString(0), r.getLocalDate(1));
                facts.touch(r.getString(0), r.getLocalDate(2));
            }
        }).replaceWithVoid();
    }

    private static Uni<Void> upsertCases(SqlConnection conn, BatchFacts facts) {
        int n = facts.cases.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] units = new String[n], caseIds = new String[n], channels = new String[n];
        OffsetDateTime[] receivedAt = new OffsetDateTime[n], resolvedAt = new OffsetDateTime[n];
        LocalDate[] receivedDay = new LocalDate[n], receivedDue = new LocalDate[n];
        LocalDate[] resolvedDay = new LocalDate[n], resolvedDue = new LocalDate[n];
        Short[] levels = new Short[n];
        int i = 0;
        for (Map.Entry<BatchFacts.CaseKey, BatchFacts.CaseFacts> e : facts.cases.entrySet()) {
            BatchFacts.CaseFacts c = e.getValue();
            units[i] = e.getKey().unit();
            caseIds[i] = e.getKey().caseId();
            if (c.received != null) {
                receivedAt[i] = c.receivedAt;
                receivedDay[i] = Calendar.localDate(c.receivedAt);
                channels[i] = c.received.channel().name();
                levels[i] = c.received.onlineLevel() == null ? null : c.received.onlineLevel().shortValue();
                receivedDue[i] = localDate(c.received.dueAt());
            }
            if (c.resolved != null) {
                resolvedAt[i] = c.resolvedAt;
                resolvedDay[i] = Calendar.localDate(c.resolvedAt);
                resolvedDue[i] = localDate(c.resolved.dueAt());
            }
            i++;
        }
        return execute(conn, UPSERT_CASES, units, caseIds, receivedAt, receivedDay, channels, levels, receivedDue,
                resolvedAt, resolvedDay, resolvedDue);
    }

    private static Uni<Void> upsertDocs(SqlConnection conn, BatchFacts facts) {
        int n = facts.docs.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] units = new String[n];
        LocalDate[] days = new LocalDate[n];
        Long[][] cols = new Long[10][n];
        int i = 0;
        for (Map.Entry<BatchFacts.DayKey, BatchFacts.DocCounts> e : facts.docs.entrySet()) {
            BatchFacts.DocCounts c = e.getValue();
            units[i] = e.getKey().unit();
            days[i] = e.getKey().day();
            long[] v = {c.issued, c.issuedOpen, c.signed, c.orgSigned, c.leaderSigned, c.electronic, c.viaAxis,
                    c.received, c.receivedElectronic, c.receivedOnline};
            for (int col = 0; col < v.length; col++) {
                cols[col][i] = v[col];
            }
            i++;
        }
        Object[] params = new Object[12];
        params[0] = units;
        params[1] = days;
        System.arraycopy(cols, 0, params, 2, 10);
        return execute(conn, UPSERT_DOCS, params);
    }

    private static Uni<Void> upsertVc(SqlConnection conn, BatchFacts facts) {
        int n = facts.vc.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] units = new String[n];
        LocalDate[] days = new LocalDate[n];
        Long[] meetings = new Long[n], endpoints = new Long[n], participants = new Long[n];
        Long[] minutes = new Long[n], communeReach = new Long[n];
        int i = 0;
        for (Map.Entry<BatchFacts.DayKey, BatchFacts.VcCounts> e : facts.vc.entrySet()) {
            BatchFacts.VcCounts c = e.getValue();
            units[i] = e.getKey().unit();
            days[i] = e.getKey().day();
            meetings[i] = c.meetings;
            endpoints[i] = c.endpoints;
            participants[i] = c.participants;
            minutes[i] = c.durationMinutes;
            communeReach[i] = c.communeReach;
            i++;
        }
        return execute(conn, UPSERT_VC, units, days, meetings, endpoints, participants, minutes, communeReach);
    }

    private static Uni<Void> insertNotices(SqlConnection conn, BatchFacts facts) {
        int n = facts.touched.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] units = new String[n], days = new String[n];
        int i = 0;
        for (Map.Entry<String, java.util.SortedSet<LocalDate>> e : facts.touched.entrySet()) {
            units[i] = e.getKey();
            days[i++] = String.join(",", e.getValue().stream().map(LocalDate::toString).toList());
        }
        return execute(conn, INSERT_NOTICES, units, days);
    }

    private static Uni<Void> execute(SqlConnection conn, String sql, Object... arrays) {
        return conn.preparedQuery(sql).execute(Tuple.tuple(List.of(arrays))).replaceWithVoid();
    }

    private static LocalDate localDate(OffsetDateTime t) {
        return t == null ? null : Calendar.localDate(t);
    }
}
