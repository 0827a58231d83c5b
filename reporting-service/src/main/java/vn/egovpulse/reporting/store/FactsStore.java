package vn.egovpulse.reporting.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Counts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the facts scoring-service writes (schema {@code scoring}; this service never writes
 * them) and turns them into {@link Counts}: one query per table for any set of units.
 */
@ApplicationScoped
public class FactsStore {

    /** SPEC section 3: on time at period end E, resolved by its due date or still open and not yet due. */
    private static final String ON_TIME = "((resolved_day <= $E AND resolved_day <= due_day)"
            + " OR ((resolved_day IS NULL OR resolved_day > $E) AND due_day >= $E))";

    /**
     * Case columns. F, T = period bounds, E = period end (min(T, today)). The onTime
     * denominator D holds the cases with a known due date received or resolved in the period.
     */
    private static final String CASE_COLUMNS = """
            count(*) FILTER (WHERE received_day BETWEEN $F AND $T) AS received,
            count(*) FILTER (WHERE resolved_day BETWEEN $F AND $T) AS resolved,
            count(*) FILTER (WHERE due_day IS NOT NULL
                AND (received_day BETWEEN $F AND $T OR resolved_day BETWEEN $F AND $T)) AS d,
            count(*) FILTER (WHERE due_day IS NOT NULL
                AND (received_day BETWEEN $F AND $T OR resolved_day BETWEEN $F AND $T)
                AND $ON_TIME) AS on_time,
            count(*) FILTER (WHERE due_day IS NOT NULL
                AND (received_day BETWEEN $F AND $T OR resolved_day BETWEEN $F AND $T)
                AND $ON_TIME AND rated_satisfied IS NOT FALSE) AS satisfied,
            count(*) FILTER (WHERE received_day BETWEEN $F AND $T AND channel = 'ONLINE') AS online,
            count(*) FILTER (WHERE received_day BETWEEN $F AND $T AND channel = 'ONLINE' AND online_level = 4) AS full_online,
            count(*) FILTER (WHERE received_day BETWEEN $F AND $T AND channel = 'POSTAL') AS postal,
            $V2_RECEIVED,
            count(*) FILTER (WHERE resolved_day BETWEEN $F AND $T AND result_document) AS result_document,
            count(*) FILTER (WHERE resolved_day BETWEEN $F AND $T AND result_document AND electronic_result) AS electronic_result
            """.replace("$ON_TIME", ON_TIME).replace("$V2_RECEIVED", v2Received("received_day BETWEEN $F AND $T AND "));

    /**
     * A received case paid online (SPEC 7.1: a payment may come before its case; it counts once the
     * case is here). scoring keeps case_payment.paid_online copied on the case: no probe per case.
     */
    private static final String PAID_ONLINE = "paid_online";

    /**
     * SPEC 7.2: the counts over the cases received in the period, each behind {@code condition}
     * (the period test, or nothing where the rows are already those received in the period).
     */
    private static String v2Received(String condition) {
        String[][] columns = {
                {"synced_national", "synced"},
                {"full_online_eligible", "eligible"},
                {"full_online_eligible AND channel = 'ONLINE' AND online_level = 4", "uptake"},
                {"fee_required", "fee"},
                {"fee_required AND " + PAID_ONLINE, "paid_online"},
                {"digitized", "digitized"},
                {"reused_data", "reused"},
                {"data_store", "data_store"},
                {"citizen_data", "citizen_data"}};
        StringBuilder b = new StringBuilder();
        for (String[] c : columns) {
            b.append(b.length() == 0 ? "" : ", ").append("count(*) FILTER (WHERE ").append(condition).append(c[0])
                    .append(") AS ").append(c[1]);
        }
        return b.toString();
    }

    private static final String V2_SUMS = ", sum(synced)::bigint AS synced, sum(eligible)::bigint AS eligible,"
            + " sum(uptake)::bigint AS uptake, sum(fee)::bigint AS fee, sum(paid_online)::bigint AS paid_online,"
            + " sum(digitized)::bigint AS digitized, sum(reused)::bigint AS reused, sum(data_store)::bigint AS data_store,"
            + " sum(citizen_data)::bigint AS citizen_data, sum(result_document)::bigint AS result_document,"
            + " sum(electronic_result)::bigint AS electronic_result, sum(satisfied)::bigint AS satisfied";

    /** Feedback (SPEC 7.2): F, T, E as for cases; the rows are those received or resolved in the period. */
    private static final String FEEDBACK_COLUMNS = """
            count(*) FILTER (WHERE received_day BETWEEN $F AND $T) AS received,
            count(*) FILTER (WHERE resolved_day BETWEEN $F AND $T) AS resolved,
            count(*) FILTER (WHERE due_day IS NOT NULL) AS d,
            count(*) FILTER (WHERE due_day IS NOT NULL AND $ON_TIME) AS on_time,
            count(*) FILTER (WHERE resolved_day BETWEEN $F AND $T AND satisfied IS DISTINCT FROM false) AS satisfied
            """.replace("$ON_TIME", ON_TIME);

    /** Assessment records (SPEC 7.2): counts and rates kept apart, see Counts.Assessed. */
    private static final String ASSESSED_COLUMNS = "c.indicator,"
            + " coalesce(sum(c.numerator) FILTER (WHERE c.denominator IS NULL), 0)::bigint AS count_numerator,"
            + " coalesce(sum(c.numerator) FILTER (WHERE c.denominator IS NOT NULL), 0)::bigint AS rate_numerator,"
            + " coalesce(sum(c.denominator), 0)::bigint AS rate_denominator, count(c.denominator) AS rate_records";

    private static final String DOCS_COLUMNS = """
            SUM(issued)::bigint AS issued, SUM(received)::bigint AS received, SUM(issued_open)::bigint AS issued_open,
            SUM(signed)::bigint AS signed, SUM(org_signed)::bigint AS org_signed,
            SUM(leader_signed)::bigint AS leader_signed, SUM(electronic)::bigint AS electronic,
            SUM(via_axis)::bigint AS via_axis
            """;

    private static final String VC_COLUMNS = """
            SUM(meetings)::bigint AS meetings, SUM(endpoints)::bigint AS endpoints,
            SUM(participants)::bigint AS participants, SUM(commune_reach)::bigint AS commune_reach
            """;

    // One period, many units: $1 units, $2 F, $3 T, $4 E. Two disjoint parts, each an index-only
    // range scan (V2 migration): the cases received in the period, and those resolved in it but
    // received outside it (or not yet). About 1.5 × faster than one scan with an OR (BENCHMARKS.md, B4).
    private static final String UNIT_CASES = "SELECT unit, sum(received)::bigint AS received, sum(resolved)::bigint AS resolved,"
            + " sum(d)::bigint AS d, sum(on_time)::bigint AS on_time, sum(online)::bigint AS online,"
            + " sum(full_online)::bigint AS full_online, sum(postal)::bigint AS postal" + V2_SUMS + " FROM ("
            + " SELECT unit, count(*) AS received,"
            + " count(*) FILTER (WHERE resolved_day BETWEEN $2 AND $3) AS resolved,"
            + " count(*) FILTER (WHERE due_day IS NOT NULL) AS d,"
            + " count(*) FILTER (WHERE due_day IS NOT NULL AND " + cols(ON_TIME, "$2", "$3", "$4") + ") AS on_time,"
            + " count(*) FILTER (WHERE channel = 'ONLINE') AS online,"
            + " count(*) FILTER (WHERE channel = 'ONLINE' AND online_level = 4) AS full_online,"
            + " count(*) FILTER (WHERE channel = 'POSTAL') AS postal, " + v2Received("") + ","
            + " count(*) FILTER (WHERE resolved_day BETWEEN $2 AND $3 AND result_document) AS result_document,"
            + " count(*) FILTER (WHERE resolved_day BETWEEN $2 AND $3 AND result_document AND electronic_result)"
            + " AS electronic_result,"
            + " count(*) FILTER (WHERE due_day IS NOT NULL AND " + cols(ON_TIME, "$2", "$3", "$4")
            + " AND rated_satisfied IS NOT FALSE) AS satisfied"
            + " FROM scoring.onestop_case c WHERE unit = ANY($1) AND received_day BETWEEN $2 AND $3 GROUP BY unit"
            + " UNION ALL"
            + " SELECT unit, 0, count(*), count(*) FILTER (WHERE due_day IS NOT NULL),"
            + " count(*) FILTER (WHERE due_day IS NOT NULL AND " + cols(ON_TIME, "$2", "$3", "$4") + "), 0, 0, 0,"
            + " 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*) FILTER (WHERE result_document),"
            + " count(*) FILTER (WHERE result_document AND electronic_result),"
            + " count(*) FILTER (WHERE due_day IS NOT NULL AND " + cols(ON_TIME, "$2", "$3", "$4")
            + " AND rated_satisfied IS NOT FALSE)"
            + " FROM scoring.onestop_case WHERE unit = ANY($1) AND resolved_day BETWEEN $2 AND $3"
            + " AND (received_day IS NULL OR received_day NOT BETWEEN $2 AND $3) GROUP BY unit"
            + ") parts GROUP BY unit";
    private static final String UNIT_FEEDBACK = "SELECT unit, " + cols(FEEDBACK_COLUMNS, "$2", "$3", "$4")
            + " FROM scoring.feedback WHERE unit = ANY($1)"
            + " AND (received_day BETWEEN $2 AND $3 OR resolved_day BETWEEN $2 AND $3) GROUP BY unit";
    /** The records whose period lies inside [F, T]. */
    private static final String UNIT_ASSESSED = "SELECT c.unit, " + ASSESSED_COLUMNS
            + " FROM scoring.assessment c WHERE c.unit = ANY($1) AND c.period_from BETWEEN $2 AND $3"
            + " AND c.period_to <= $3 GROUP BY c.unit, c.indicator";
    private static final String UNIT_DOCS = "SELECT unit, " + DOCS_COLUMNS
            + " FROM scoring.docs_daily WHERE unit = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY unit";
    private static final String UNIT_VC = "SELECT unit, " + VC_COLUMNS
            + " FROM scoring.vc_daily WHERE unit = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY unit";

    // One unit (with its predecessors), many periods (history buckets): $1 units, $2 F[], $3 T[], $4 E[], $5 min F, $6 max T.
    private static final String BUCKETS = " unnest($2::date[], $3::date[], $4::date[]) WITH ORDINALITY AS b(f, t, e, i)";
    private static final String BUCKET_CASES = "SELECT b.i, " + cols(CASE_COLUMNS, "b.f", "b.t", "b.e")
            + " FROM scoring.onestop_case c JOIN" + BUCKETS
            + " ON (c.received_day BETWEEN b.f AND b.t OR c.resolved_day BETWEEN b.f AND b.t)"
            + " WHERE c.unit = ANY($1) AND (c.received_day BETWEEN $5 AND $6 OR c.resolved_day BETWEEN $5 AND $6) GROUP BY b.i";
    private static final String BUCKET_FEEDBACK = "SELECT b.i, " + cols(FEEDBACK_COLUMNS, "b.f", "b.t", "b.e")
            + " FROM scoring.feedback c JOIN" + BUCKETS
            + " ON (c.received_day BETWEEN b.f AND b.t OR c.resolved_day BETWEEN b.f AND b.t)"
            + " WHERE c.unit = ANY($1) AND (c.received_day BETWEEN $5 AND $6 OR c.resolved_day BETWEEN $5 AND $6) GROUP BY b.i";
    private static final String BUCKET_ASSESSED = "SELECT b.i, " + ASSESSED_COLUMNS
            + " FROM scoring.assessment c JOIN" + BUCKETS + " ON c.period_from >= b.f AND c.period_to <= b.t"
            + " WHERE c.unit = ANY($1) AND c.period_from BETWEEN $5 AND $6 GROUP BY b.i, c.indicator";
    private static final String BUCKET_DOCS = "SELECT b.i, " + DOCS_COLUMNS
            + " FROM scoring.docs_daily c JOIN" + BUCKETS + " ON c.day BETWEEN b.f AND b.t"
            + " WHERE c.unit = ANY($1) AND c.day BETWEEN $5 AND $6 GROUP BY b.i";
    private static final String BUCKET_VC = "SELECT b.i, " + VC_COLUMNS
            + " FROM scoring.vc_daily c JOIN" + BUCKETS + " ON c.day BETWEEN b.f AND b.t"
            + " WHERE c.unit = ANY($1) AND c.day BETWEEN $5 AND $6 GROUP BY b.i";

    private final Pool pool;
    private final DatabaseFailures failures;

    public FactsStore(Pool pool, DatabaseFailures failures) {
        this.pool = pool;
        this.failures = failures;
    }

    private static String cols(String template, String f, String t, String e) {
        return template.replace("$F", f).replace("$T", t).replace("$E", e);
    }

    /** The counts of each unit for [from, to] with period end {@code end}; units without facts get ZERO. */
    public Uni<Map<String, Counts>> counts(List<String> units, LocalDate from, LocalDate to, LocalDate end) {
        Map<String, Builder> out = new HashMap<>();
        units.forEach(u -> out.put(u, new Builder()));
        if (units.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] codes = units.toArray(new String[0]);
        Uni<Void> cases = pool.preparedQuery(UNIT_CASES).execute(Tuple.of(codes, from, to, end))
                .onFailure().transform(failures::map)
                .invoke(rows -> rows.forEach(r -> out.get(r.getString("unit")).cases(r))).replaceWithVoid();
        Uni<Void> docs = pool.preparedQuery(UNIT_DOCS).execute(Tuple.of(codes, from, to))
                .onFailure().transform(failures::map)
                .invoke(rows -> rows.forEach(r -> out.get(r.getString("unit")).docs(r))).replaceWithVoid();
        Uni<Void> vc = pool.preparedQuery(UNIT_VC).execute(Tuple.of(codes, from, to))
                .onFailure().transform(failures::map)
                .invoke(rows -> rows.forEach(r -> out.get(r.getString("unit")).vc(r))).replaceWithVoid();
        Tuple withEnd = Tuple.of(codes, from, to, end);
        Uni<Void> feedback = pool.preparedQuery(UNIT_FEEDBACK).execute(withEnd)
                .onFailure().transform(failures::map)
                .invoke(rows -> rows.forEach(r -> out.get(r.getString("unit")).feedback(r))).replaceWithVoid();
        Uni<Void> assessed = pool.preparedQuery(UNIT_ASSESSED).execute(Tuple.of(codes, from, to))
                .onFailure().transform(failures::map)
                .invoke(rows -> rows.forEach(r -> out.get(r.getString("unit")).assessed(r))).replaceWithVoid();
        return Uni.combine().all().unis(cases, docs, vc, feedback, assessed).discardItems().map(v -> {
            Map<String, Counts> result = new HashMap<>();
            out.forEach((u, b) -> result.put(u, b.build()));
            return result;
        });
    }

    /** One period of a history series: bounds and period end. */
    public record Bucket(LocalDate from, LocalDate to, LocalDate end) {
    }

    /** The counts of {@code units} together (a unit as restructured, SPEC 6) for each bucket, in the buckets' order. */
    public Uni<List<Counts>> history(List<String> units, List<Bucket> buckets) {
        List<Builder> out = new ArrayList<>();
        buckets.forEach(b -> out.add(new Builder()));
        if (buckets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        LocalDate[] f = buckets.stream().map(Bucket::from).toArray(LocalDate[]::new);
        LocalDate[] t = buckets.stream().map(Bucket::to).toArray(LocalDate[]::new);
        LocalDate[] e = buckets.stream().map(Bucket::end).toArray(LocalDate[]::new);
        Tuple args = Tuple.tuple(List.of(units.toArray(new String[0]), f, t, e, f[0], t[t.length - 1]));
        Uni<Void> cases = pool.preparedQuery(BUCKET_CASES).execute(args)
                .onFailure().transform(failures::map)
                .invoke(rows -> rows.forEach(r -> out.get(index(r)).cases(r))).replaceWithVoid();
        Uni<Void> docs = pool.preparedQuery(BUCKET_DOCS).execute(args)
                .onFailure().transform(failures::map)
                .invoke(rows -> rows.forEach(r -> out.get(index(r)).docs(r))).replaceWithVoid();
        Uni<Void> vc = pool.preparedQuery(BUCKET_VC).execute(args)
                .onFailure().transform(failures::map)
                .invoke(rows -> rows.forEach(r -> out.get(index(r)).vc(r))).replaceWithVoid();
        Uni<Void> feedback = pool.preparedQuery(BUCKET_FEEDBACK).execute(args)
                .onFailure().transform(failures::map)
                .invoke(rows -> rows.forEach(r -> out.get(index(r)).feedback(r))).replaceWithVoid();
        Uni<Void> assessed = pool.preparedQuery(BUCKET_ASSESSED).execute(args)
                .onFailure().transform(failures::map)
                .invoke(rows -> rows.forEach(r -> out.get(index(r)).assessed(r))).replaceWithVoid();
        return Uni.combine().all().unis(cases, docs, vc, feedback, assessed).discardItems()
                .map(v -> out.stream().map(Builder::build).toList());
    }

    private static int index(Row r) {
        return (int) (r.getLong("i") - 1); // WITH ORDINALITY counts from 1
    }

    /** Collects the three tables' columns for one unit or bucket. */
    private static final class Builder {
        long received, resolved, d, onTime, online, fullOnline, postal;
        long issued, docsReceived, issuedOpen, signed, orgSigned, leaderSigned, electronic, viaAxis;
        long meetings, endpoints, participants, communeReach;
        long synced, eligible, uptake, fee, paidOnline, digitized, reused, dataStore, citizenData;
        long resultDocument, electronicResult, satisfied;
        long fbReceived, fbResolved, fbD, fbOnTime, fbSatisfied;
        final java.util.TreeMap<String, Counts.Assessed> assessed = new java.util.TreeMap<>();

        void cases(Row r) {
            synced = n(r, "synced");
            eligible = n(r, "eligible");
            uptake = n(r, "uptake");
            fee = n(r, "fee");
            paidOnline = n(r, "paid_online");
            digitized = n(r, "digitized");
            reused = n(r, "reused");
            dataStore = n(r, "data_store");
            citizenData = n(r, "citizen_data");
            resultDocument = n(r, "result_document");
            electronicResult = n(r, "electronic_result");
            satisfied = n(r, "satisfied"); // SPEC 7.2: on time and not rated unsatisfied
            received = r.getLong("received");
            resolved = r.getLong("resolved");
            d = r.getLong("d");
            onTime = r.getLong("on_time");
            online = r.getLong("online");
            fullOnline = r.getLong("full_online");
            postal = r.getLong("postal");
        }

        void docs(Row r) {
            issued = n(r, "issued");
            docsReceived = n(r, "received");
            issuedOpen = n(r, "issued_open");
            signed = n(r, "signed");
            orgSigned = n(r, "org_signed");
            leaderSigned = n(r, "leader_signed");
            electronic = n(r, "electronic");
            viaAxis = n(r, "via_axis");
        }

        void feedback(Row r) {
            fbReceived = n(r, "received");
            fbResolved = n(r, "resolved");
            fbD = n(r, "d");
            fbOnTime = n(r, "on_time");
            fbSatisfied = n(r, "satisfied");
        }

        // Rows of one unit (or bucket) come in the order of the query's callbacks: one per indicator.
        void assessed(Row r) {
            assessed.put(r.getString("indicator"), new Counts.Assessed(n(r, "count_numerator"),
                    n(r, "rate_numerator"), n(r, "rate_denominator"), n(r, "rate_records")));
        }

        void vc(Row r) {
            meetings = n(r, "meetings");
            endpoints = n(r, "endpoints");
            participants = n(r, "participants");
            communeReach = n(r, "commune_reach");
        }

        private static long n(Row r, String column) {
            Long v = r.getLong(column);
            return v == null ? 0 : v;
        }

        Counts build() {
            return new Counts(received, resolved, d, onTime, d - onTime, online, fullOnline, postal,
                    issued, docsReceived, issuedOpen, signed, orgSigned, leaderSigned, electronic, viaAxis,
                    meetings, endpoints, participants, communeReach,
                    synced, eligible, uptake, fee, paidOnline, digitized, reused, dataStore, citizenData,
                    resultDocument, electronicResult, satisfied,
                    fbReceived, fbResolved, fbD, fbOnTime, fbSatisfied, assessed);
        }
    }
}
