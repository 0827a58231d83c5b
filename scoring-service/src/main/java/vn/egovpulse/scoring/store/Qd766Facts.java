package vn.egovpulse.scoring.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import vn.egovpulse.events.Calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SPEC 7.1 facts of a batch (payments, ratings, feedback, assessments), written in the batch's
 * transaction: one multi-row statement per table, and only when the batch has such events, so
 * that a batch of v1 events costs nothing more.
 */
final class Qd766Facts {
    private Qd766Facts() {
    }

    static Uni<Void> write(SqlConnection conn, BatchFacts facts) {
        return payments(conn, facts)
                .chain(() -> ratings(conn, facts))
                .chain(() -> previousFeedbackDays(conn, facts))
                .chain(() -> feedback(conn, facts))
                .chain(() -> assessments(conn, facts));
    }

    private static Uni<Void> none() {
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> payments(SqlConnection conn, BatchFacts facts) {
        int n = facts.payments.size();
        if (n == 0) {
            return none();
        }
        String[] units = new String[n], ids = new String[n];
        Boolean[] online = new Boolean[n];
        int i = 0;
        for (Map.Entry<BatchFacts.CaseKey, Boolean> e : facts.payments.entrySet()) {
            units[i] = e.getKey().unit();
            ids[i] = e.getKey().caseId();
            online[i++] = e.getValue();
        }
        List<String> onlineUnits = new ArrayList<>(), onlineIds = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (online[k]) {
                onlineUnits.add(units[k]);
                onlineIds.add(ids[k]);
            }
        }
        Uni<Void> upsert = FactsStore.execute(conn, FactsStore.UPSERT_PAYMENTS, units, ids, online);
        if (onlineUnits.isEmpty()) {
            return upsert;
        }
        return upsert.chain(() -> FactsStore.execute(conn, FactsStore.MARK_PAID_ONLINE,
                onlineUnits.toArray(new String[0]), onlineIds.toArray(new String[0])));
    }

    private static Uni<Void> ratings(SqlConnection conn, BatchFacts facts) {
        int n = facts.ratings.size();
        if (n == 0) {
            return none();
        }
        String[] units = new String[n], ids = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        Boolean[] satisfied = new Boolean[n];
        int i = 0;
        for (Map.Entry<BatchFacts.CaseKey, BatchFacts.Rating> e : facts.ratings.entrySet()) {
            units[i] = e.getKey().unit();
            ids[i] = e.getKey().caseId();
            at[i] = e.getValue().at();
            satisfied[i++] = e.getValue().satisfied();
        }
        return FactsStore.execute(conn, FactsStore.UPSERT_RATINGS, units, ids, at, satisfied)
                .chain(() -> FactsStore.execute(conn, FactsStore.MARK_RATED, units, ids));
    }

    private static Uni<Void> previousFeedbackDays(SqlConnection conn, BatchFacts facts) {
        int n = facts.feedback.size();
        if (n == 0) {
            return none();
        }
        String[] units = new String[n], ids = new String[n];
        int i = 0;
        for (BatchFacts.FeedbackKey k : facts.feedback.keySet()) {
            units[i] = k.unit();
            ids[i++] = k.feedbackId();
        }
        return conn.preparedQuery(FactsStore.SELECT_FEEDBACK_DAYS).execute(Tuple.of(units, ids)).invoke(rows -> {
            for (Row r : rows) {
                facts.touch(r.getString(0), r.getLocalDate(1));
                facts.touch(r.getString(0), r.getLocalDate(2));
            }
        }).replaceWithVoid();
    }

    private static Uni<Void> feedback(SqlConnection conn, BatchFacts facts) {
        int n = facts.feedback.size();
        if (n == 0) {
            return none();
        }
        String[] units = new String[n], ids = new String[n];
        OffsetDateTime[] receivedAt = new OffsetDateTime[n], resolvedAt = new OffsetDateTime[n];
        LocalDate[] receivedDay = new LocalDate[n], due = new LocalDate[n], resolvedDay = new LocalDate[n];
        Boolean[] satisfied = new Boolean[n];
        int i = 0;
        for (Map.Entry<BatchFacts.FeedbackKey, BatchFacts.FeedbackFacts> e : facts.feedback.entrySet()) {
            BatchFacts.FeedbackFacts f = e.getValue();
            units[i] = e.getKey().unit();
            ids[i] = e.getKey().feedbackId();
            if (f.received != null) {
                receivedAt[i] = f.receivedAt;
                receivedDay[i] = Calendar.localDate(f.receivedAt);
                due[i] = FactsStore.localDate(f.received.dueAt());
            }
            if (f.resolved != null) {
                resolvedAt[i] = f.resolvedAt;
                resolvedDay[i] = Calendar.localDate(f.resolvedAt);
                satisfied[i] = f.resolved.satisfied();
            }
            i++;
        }
        return FactsStore.execute(conn, FactsStore.UPSERT_FEEDBACK, units, ids, receivedAt, receivedDay, due,
                resolvedAt, resolvedDay, satisfied);
    }

    private static Uni<Void> assessments(SqlConnection conn, BatchFacts facts) {
        int n = facts.assessments.size();
        if (n == 0) {
            return none();
        }
        String[] units = new String[n], indicators = new String[n], periods = new String[n], notes = new String[n];
        LocalDate[] from = new LocalDate[n], to = new LocalDate[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        Long[] numerators = new Long[n], denominators = new Long[n];
        int i = 0;
        for (Map.Entry<BatchFacts.AssessmentKey, BatchFacts.Assessment> e : facts.assessments.entrySet()) {
            BatchFacts.Assessment a = e.getValue();
            units[i] = e.getKey().unit();
            indicators[i] = e.getKey().indicator();
            periods[i] = e.getKey().period();
            from[i] = a.record().period().from();
            to[i] = a.record().period().to();
            at[i] = a.at();
            numerators[i] = a.record().numerator();
            denominators[i] = a.record().denominator();
            notes[i++] = a.record().note();
        }
        return FactsStore.execute(conn, FactsStore.UPSERT_ASSESSMENTS, units, indicators, periods, from, to, at,
                numerators, denominators, notes);
    }
}
