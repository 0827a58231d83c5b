package vn.egovpulse.scoring.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.events.Payload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one consumed batch into the {@code scoring} schema in ONE transaction with a handful
 * of multi-row statements (never one statement per event): dedupe, cases, document and meeting
 * counters, and the change notices for what they touched (the outbox). Safe to run again with the
 * same batch: the dedupe table makes a repeat a no-op.
 */
@ApplicationScoped
public class FactsStore {

    /**
     * Only the keys that were not there yet come back: those are the events to count. A key is
     * the event's (source, id) hashed to 16 bytes ({@link #seenKey}, migration V9).
     */
    static final String INSERT_SEEN = """
            INSERT INTO scoring.seen_key (key)
            SELECT * FROM unnest($1::uuid[])
            ON CONFLICT DO NOTHING
            RETURNING key""";

    /** Where the cases of this batch were counted before: a correction may move them to another day. */
    static final String SELECT_CASE_DAYS = """
            SELECT c.unit, c.received_day, c.resolved_day
            FROM scoring.onestop_case c
            JOIN unnest($1::text[], $2::text[]) AS k(unit, case_id) ON c.unit = k.unit AND c.case_id = k.case_id""";

    /**
     * Each side (received, resolved) is replaced only by an event with a strictly later time; the
     * SPEC 7.1 flags go with their side.
     */
    static final String UPSERT_CASES = """
            INSERT INTO scoring.onestop_case AS c (unit, case_id, received_at, received_day, channel, online_level,
                    received_due_day, resolved_at, resolved_day, resolved_due_day, fee_required, full_online_eligible,
                    digitized, reused_data, data_store, citizen_data, synced_national, result_document, electronic_result,
                    paid_online, rated_satisfied)
            SELECT k.*, p.paid_online, r.satisfied FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::date[], $5::text[],
                    $6::smallint[], $7::date[], $8::timestamptz[], $9::date[], $10::date[], $11::bool[], $12::bool[],
                    $13::bool[], $14::bool[], $15::bool[], $16::bool[], $17::bool[], $18::bool[], $19::bool[])
                AS k(unit, case_id, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19)
            -- a payment that came before its case (the payments step keeps existing cases up to date)
            LEFT JOIN scoring.case_payment p ON p.unit = k.unit AND p.case_id = k.case_id
            LEFT JOIN scoring.case_rating r ON r.unit = k.unit AND r.case_id = k.case_id
            ON CONFLICT (unit, case_id) DO UPDATE SET
                fee_required     = CASE WHEN %1$s THEN excluded.fee_required ELSE c.fee_required END,
                full_online_eligible = CASE WHEN %1$s THEN excluded.full_online_eligible ELSE c.full_online_eligible END,
                digitized        = CASE WHEN %1$s THEN excluded.digitized ELSE c.digitized END,
                reused_data      = CASE WHEN %1$s THEN excluded.reused_data ELSE c.reused_data END,
                data_store       = CASE WHEN %1$s THEN excluded.data_store ELSE c.data_store END,
                citizen_data     = CASE WHEN %1$s THEN excluded.citizen_data ELSE c.citizen_data END,
                synced_national  = CASE WHEN %1$s THEN excluded.synced_national ELSE c.synced_national END,
                result_document  = CASE WHEN %2$s THEN excluded.result_document ELSE c.result_document END,
                electronic_result = CASE WHEN %2$s THEN excluded.electronic_result ELSE c.electronic_result END,
                received_at      = CASE WHEN %1$s THEN excluded.received_at ELSE c.received_at END,
                received_day     = CASE WHEN %1$s THEN excluded.received_day ELSE c.received_day END,
                channel          = CASE WHEN %1$s THEN excluded.channel ELSE c.channel END,
                online_level     = CASE WHEN %1$s THEN excluded.online_level ELSE c.online_level END,
                received_due_day = CASE WHEN %1$s THEN excluded.received_due_day ELSE c.received_due_day END,
                resolved_at      = CASE WHEN %2$s THEN excluded.resolved_at ELSE c.resolved_at END,
                resolved_day     = CASE WHEN %2$s THEN excluded.resolved_day ELSE c.resolved_day END,
                resolved_due_day = CASE WHEN %2$s THEN excluded.resolved_due_day ELSE c.resolved_due_day END"""
            .formatted(newer("received_at"), newer("resolved_at"));

    /** case.paid: counted once per case, online if any payment was. */
    static final String UPSERT_PAYMENTS = """
            INSERT INTO scoring.case_payment AS p (unit, case_id, paid_online)
            SELECT * FROM unnest($1::text[], $2::text[], $3::bool[])
            ON CONFLICT (unit, case_id) DO UPDATE SET paid_online = p.paid_online OR excluded.paid_online""";

    /** An online payment marks its case (if already there) paid online: what the readings count. */
    static final String MARK_PAID_ONLINE = """
            UPDATE scoring.onestop_case c SET paid_online = true
            FROM unnest($1::text[], $2::text[]) AS k(unit, case_id)
            WHERE c.unit = k.unit AND c.case_id = k.case_id AND c.paid_online IS NOT TRUE""";

    /** case.rated: the rating with the strictly later time wins. */
    static final String UPSERT_RATINGS = """
            INSERT INTO scoring.case_rating AS r (unit, case_id, rated_at, satisfied)
            SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bool[])
            ON CONFLICT (unit, case_id) DO UPDATE SET rated_at = excluded.rated_at, satisfied = excluded.satisfied
            WHERE excluded.rated_at > r.rated_at""";

    /** The latest rating's verdict copied onto its case (if already there): what the readings count. */
    static final String MARK_RATED = """
            UPDATE scoring.onestop_case c SET rated_satisfied = r.satisfied
            FROM unnest($1::text[], $2::text[]) AS k(unit, case_id)
            JOIN scoring.case_rating r ON r.unit = k.unit AND r.case_id = k.case_id
            WHERE c.unit = k.unit AND c.case_id = k.case_id AND c.rated_satisfied IS DISTINCT FROM r.satisfied""";

    /** Where the feedback of this batch was counted before. */
    static final String SELECT_FEEDBACK_DAYS = """
            SELECT f.unit, f.received_day, f.resolved_day
            FROM scoring.feedback f
            JOIN unnest($1::text[], $2::text[]) AS k(unit, feedback_id) ON f.unit = k.unit AND f.feedback_id = k.feedback_id""";

    /** Feedback: the case rules, each side replaced only by a strictly later time. */
    static final String UPSERT_FEEDBACK = """
            INSERT INTO scoring.feedback AS c (unit, feedback_id, received_at, received_day, due_day,
                    resolved_at, resolved_day, satisfied)
            SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::date[], $5::date[],
                    $6::timestamptz[], $7::date[], $8::bool[])
            ON CONFLICT (unit, feedback_id) DO UPDATE SET
                received_at  = CASE WHEN %1$s THEN excluded.received_at ELSE c.received_at END,
                received_day = CASE WHEN %1$s THEN excluded.received_day ELSE c.received_day END,
                due_day      = CASE WHEN %1$s THEN excluded.due_day ELSE c.due_day END,
                resolved_at  = CASE WHEN %2$s THEN excluded.resolved_at ELSE c.resolved_at END,
                resolved_day = CASE WHEN %2$s THEN excluded.resolved_day ELSE c.resolved_day END,
                satisfied    = CASE WHEN %2$s THEN excluded.satisfied ELSE c.satisfied END"""
            .formatted(newer("received_at"), newer("resolved_at"));

    /** assessment.recorded: a strictly later time for the same (unit, indicator, period) replaces the record. */
    static final String UPSERT_ASSESSMENTS = """
            INSERT INTO scoring.assessment AS a (unit, indicator, period, period_from, period_to, recorded_at,
                    numerator, denominator, note)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::timestamptz[],
                    $7::int8[], $8::int8[], $9::text[])
            ON CONFLICT (unit, indicator, period) DO UPDATE SET recorded_at = excluded.recorded_at,
                numerator = excluded.numerator, denominator = excluded.denominator, note = excluded.note
            WHERE excluded.recorded_at > a.recorded_at""";

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
    private final CaseMoves moves;

    public FactsStore(Pool pool, CaseMoves moves) {
        this.pool = pool;
        this.moves = moves;
    }

    /** Applies {@code events} (already valid) in one transaction; completes once it is committed. */
    public Uni<Outcome> apply(List<EgovEvent> events) {
        // The same (source, id) twice in one batch: keep the first, the second is a duplicate.
        Map<UUID, EgovEvent> byKey = new LinkedHashMap<>();
        MessageDigest sha256 = sha256();
        for (EgovEvent e : events) {
            byKey.putIfAbsent(seenKey(sha256, e.source(), e.id()), e);
        }
        if (byKey.isEmpty()) {
            return Uni.createFrom().item(Outcome.none());
        }
        return pool.withTransaction(conn -> insertSeen(conn, byKey).chain(fresh -> {
            BatchFacts facts = new BatchFacts();
            fresh.forEach(facts::add);
            // SPEC 6: a case resolved under its unit's successor code is the predecessor's case.
            return moves.before(conn, facts)
                    .chain(() -> previousCaseDays(conn, facts))
                    .chain(() -> upsertCases(conn, facts))
                    .chain(() -> Qd766Facts.write(conn, facts))
                    .chain(() -> moves.after(conn, facts))
                    .chain(() -> upsertDocs(conn, facts))
                    .chain(() -> upsertVc(conn, facts))
                    .chain(() -> insertNotices(conn, facts))
                    .chain(() -> ItemFacts.write(conn, fresh)) // SPEC 8 items and source volumes (V7)
                    .replaceWith(new Outcome(fresh.size(), events.size() - fresh.size(), facts));
        }));
    }

    /**
     * The dedupe key of an event: the first 16 bytes of SHA-256 of its source's UTF-8 length (4
     * bytes, big-endian: no two (source, id) pairs give the same input), source and id in UTF-8;
     * migration V9 computes the same in SQL. Fixed width keeps the index less than half the size of
     * the (source, id) text pair's, and compares without collation. Two different events share a key
     * with a probability of about n²/2¹²⁹: 10⁻²¹ for a billion events.
     */
    static UUID seenKey(MessageDigest sha256, String source, String id) {
        byte[] s = source.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(4).putInt(s.length).array());
        sha256.update(s);
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(id.getBytes(StandardCharsets.UTF_8)));
        return new UUID(hash.getLong(), hash.getLong());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Uni<List<EgovEvent>> insertSeen(SqlConnection conn, Map<UUID, EgovEvent> byKey) {
        UUID[] keys = byKey.keySet().toArray(new UUID[0]);
        return conn.preparedQuery(INSERT_SEEN).execute(Tuple.of(keys)).map(rows -> {
            if (rows.rowCount() == byKey.size()) {
                return new ArrayList<>(byKey.values()); // all new, as in any first replay: no lookups
            }
            List<EgovEvent> fresh = new ArrayList<>(rows.size());
            for (Row r : rows) {
                fresh.add(byKey.get(r.getUUID(0)));
            }
            return fresh;
        });
    }

    private static Uni<Void> previousCaseDays(SqlConnection conn, BatchFacts facts) {
        java.util.Set<BatchFacts.CaseKey> keys = facts.cases.keySet();
        if (!facts.payments.isEmpty() || !facts.ratings.isEmpty()) {
            // A payment or rating changes the readings of the days its case was counted on.
            keys = new java.util.LinkedHashSet<>(keys);
            keys.addAll(facts.payments.keySet());
            keys.addAll(facts.ratings.keySet());
        }
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] units = new String[keys.size()];
        String[] caseIds = new String[keys.size()];
        int i = 0;
        for (BatchFacts.CaseKey k : keys) {
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
        Boolean[][] flags = new Boolean[9][n]; // SPEC 7.1: 7 of case.received, 2 of case.resolved
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
                Payload.CaseReceived r = c.received;
                boolean[] v = {r.feeRequired(), r.fullOnlineEligible(), r.digitized(), r.reusedData(), r.dataStore(),
                        r.citizenData(), r.syncedNational()};
                for (int f = 0; f < v.length; f++) {
                    flags[f][i] = v[f];
                }
            }
            if (c.resolved != null) {
                resolvedAt[i] = c.resolvedAt;
                resolvedDay[i] = Calendar.localDate(c.resolvedAt);
                resolvedDue[i] = localDate(c.resolved.dueAt());
                flags[7][i] = c.resolved.resultDocument();
                flags[8][i] = c.resolved.electronicResult();
            }
            i++;
        }
        Object[] params = new Object[19];
        Object[] first = {units, caseIds, receivedAt, receivedDay, channels, levels, receivedDue, resolvedAt, resolvedDay,
                resolvedDue};
        System.arraycopy(first, 0, params, 0, 10);
        System.arraycopy(flags, 0, params, 10, 9);
        return execute(conn, UPSERT_CASES, params);
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

    static Uni<Void> execute(SqlConnection conn, String sql, Object... arrays) {
        return conn.preparedQuery(sql).execute(Tuple.tuple(List.of(arrays))).replaceWithVoid();
    }

    static LocalDate localDate(OffsetDateTime t) {
        return t == null ? null : Calendar.localDate(t);
    }
}
