package vn.egovpulse.scoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.egovpulse.scoring.ConsumeTest.DEADLINE;
import static vn.egovpulse.scoring.ConsumeTest.barrier;
import static vn.egovpulse.scoring.ConsumeTest.id;
import static vn.egovpulse.scoring.ConsumeTest.unit;
import static vn.egovpulse.scoring.TestSupport.*;

/**
 * SPEC 7.1: payments, ratings, feedback and assessment records are stored exactly once and
 * order-independently, in the batch's transaction, whatever the order and batching of the events.
 */
@QuarkusTest
class Qd766FactsTest {
    static KafkaCompanion kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(BOOTSTRAP);
        ConsumeTest.kafka = kafka;
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static ObjectNode paid(String unit, String time, String caseId, boolean online) {
        return event("urn:egov:test:payment", id(), "vn.gov.egov.onestop.case.paid", time, unit,
                data().put("caseId", caseId).put("online", online));
    }

    static ObjectNode rated(String unit, String time, String caseId, boolean satisfied) {
        return event("urn:egov:test:rating", id(), "vn.gov.egov.onestop.case.rated", time, unit,
                data().put("caseId", caseId).put("satisfied", satisfied));
    }

    static ObjectNode feedbackReceived(String unit, String time, String feedbackId, String dueAt) {
        return event("urn:egov:test:feedback", id(), "vn.gov.egov.feedback.received", time, unit,
                data().put("feedbackId", feedbackId).put("dueAt", dueAt));
    }

    static ObjectNode feedbackResolved(String unit, String time, String feedbackId, Boolean satisfied) {
        ObjectNode d = data().put("feedbackId", feedbackId);
        if (satisfied != null) {
            d.put("satisfied", satisfied);
        }
        return event("urn:egov:test:feedback", id(), "vn.gov.egov.feedback.resolved", time, unit, d);
    }

    static ObjectNode assessment(String unit, String time, String indicator, String period, long numerator, Long denominator) {
        ObjectNode d = data().put("indicator", indicator).put("period", period).put("numerator", numerator);
        if (denominator != null) {
            d.put("denominator", denominator);
        }
        return event("urn:egov:test:assessment", id(), "vn.gov.egov.assessment.recorded", time, unit, d);
    }

    private static Map<String, Object> one(String sql, Object... params) {
        List<Map<String, Object>> r = rows(sql, params);
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    @Test
    void paymentsAndRatingsBeforeTheirCaseAreKeptDoublePaymentsCountOnceAndTheLatestRatingWins() {
        String unit = unit();
        // Before the case exists, in separate batches (barriers) and within one batch.
        send(kafka, paid(unit, "2026-11-24T09:00:00+07:00", "C1", false));
        barrier(unit);
        send(kafka, paid(unit, "2026-11-24T09:05:00+07:00", "C1", true),
                paid(unit, "2026-11-24T09:06:00+07:00", "C1", false),
                rated(unit, "2026-11-25T10:00:00+07:00", "C1", true));
        barrier(unit);
        send(kafka, rated(unit, "2026-11-26T10:00:00+07:00", "C1", false),
                rated(unit, "2026-11-25T12:00:00+07:00", "C1", true)); // older than the one before it: ignored
        barrier(unit);
        send(kafka, paid(unit, "2026-11-27T09:00:00+07:00", "C1", false)); // a later offline payment: still online
        ObjectNode received = caseReceived(unit, id(), "2026-11-23T08:00:00+07:00", "C1", "ONLINE", 4,
                "2026-11-27T17:00:00+07:00");
        ((ObjectNode) received.get("data")).put("feeRequired", true).put("fullOnlineEligible", true)
                .put("digitized", true).put("syncedNational", true);
        send(kafka, received);
        barrier(unit);

        assertThat(one("SELECT * FROM scoring.case_payment WHERE unit = ?", unit))
                .containsEntry("case_id", "C1").containsEntry("paid_online", true);
        Map<String, Object> rating = one("SELECT * FROM scoring.case_rating WHERE unit = ?", unit);
        assertThat(rating.get("satisfied")).isEqualTo(false);
        assertThat(((java.sql.Timestamp) rating.get("rated_at")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-11-26T10:00:00+07:00").toInstant());
        Map<String, Object> c = one("SELECT * FROM scoring.onestop_case WHERE unit = ?", unit);
        assertThat(c).containsEntry("fee_required", true).containsEntry("full_online_eligible", true)
                .containsEntry("digitized", true).containsEntry("synced_national", true)
                .containsEntry("reused_data", false).containsEntry("data_store", false)
                .containsEntry("citizen_data", false);
        assertThat(c.get("result_document")).isNull(); // not resolved yet
        assertThat(c).containsEntry("paid_online", true); // the payments before the case, on the case
        assertThat(c).containsEntry("rated_satisfied", false); // the latest rating, on the case
    }

    @Test
    void aCaseCorrectionWithALaterTimeReplacesTheFlagsAndAnOlderOneIsIgnored() {
        String unit = unit();
        ObjectNode first = caseReceived(unit, id(), "2026-11-23T08:00:00+07:00", "C2", "DIRECT", null,
                "2026-11-27T17:00:00+07:00");
        ((ObjectNode) first.get("data")).put("feeRequired", true).put("reusedData", true).put("dataStore", true)
                .put("citizenData", true);
        ObjectNode resolved = caseResolved(unit, id(), "2026-11-25T08:00:00+07:00", "C2", null);
        ((ObjectNode) resolved.get("data")).put("resultDocument", true).put("electronicResult", false);
        send(kafka, first, resolved);
        barrier(unit);
        ObjectNode later = caseReceived(unit, id(), "2026-11-23T09:00:00+07:00", "C2", "DIRECT", null,
                "2026-11-27T17:00:00+07:00");
        ((ObjectNode) later.get("data")).put("citizenData", true);
        ObjectNode laterResolved = caseResolved(unit, id(), "2026-11-25T09:00:00+07:00", "C2", null);
        ((ObjectNode) laterResolved.get("data")).put("resultDocument", true).put("electronicResult", true);
        send(kafka, later, laterResolved);
        barrier(unit);
        ObjectNode older = caseReceived(unit, id(), "2026-11-23T07:00:00+07:00", "C2", "DIRECT", null,
                "2026-11-27T17:00:00+07:00");
        ((ObjectNode) older.get("data")).put("feeRequired", true);
        send(kafka, older, caseResolved(unit, id(), "2026-11-25T07:00:00+07:00", "C2", null));
        barrier(unit);
        assertThat(one("SELECT * FROM scoring.onestop_case WHERE unit = ?", unit))
                .containsEntry("fee_required", false).containsEntry("reused_data", false)
                .containsEntry("data_store", false).containsEntry("citizen_data", true)
                .containsEntry("result_document", true).containsEntry("electronic_result", true);
    }

    @Test
    void feedbackFollowsTheCaseRulesWhateverTheOrder() {
        String unit = unit();
        send(kafka, feedbackResolved(unit, "2026-11-26T15:00:00+07:00", "PA1", false));
        barrier(unit);
        Map<String, Object> early = one("SELECT * FROM scoring.feedback WHERE unit = ?", unit);
        assertThat(early.get("received_day")).isNull();
        assertThat(early.get("due_day")).isNull(); // due date unknown until the feedback itself arrives
        assertThat(early).containsEntry("satisfied", false);
        send(kafka, feedbackReceived(unit, "2026-11-23T08:00:00+07:00", "PA1", "2026-11-28T17:00:00+07:00"),
                feedbackReceived(unit, "2026-11-22T08:00:00+07:00", "PA1", "2026-11-20T17:00:00+07:00")); // older: ignored
        barrier(unit);
        send(kafka, feedbackResolved(unit, "2026-11-27T15:00:00+07:00", "PA1", null)); // later, no verdict
        send(kafka, feedbackResolved(unit, "2026-11-25T15:00:00+07:00", "PA1", true)); // older: ignored
        barrier(unit);
        Map<String, Object> f = one("SELECT * FROM scoring.feedback WHERE unit = ?", unit);
        assertThat(f.get("received_day").toString()).isEqualTo("2026-11-23");
        assertThat(f.get("due_day").toString()).isEqualTo("2026-11-28");
        assertThat(f.get("resolved_day").toString()).isEqualTo("2026-11-27");
        assertThat(f.get("satisfied")).isNull();
    }

    @Test
    void anAssessmentCorrectionWithALaterTimeReplacesTheRecordAndTheNoticeNamesItsPeriod() throws Exception {
        String unit = unit();
        ConsumerTask<String, String> notices = kafka.consumeStrings().fromTopics(INDICATORS);
        try {
            send(kafka, assessment(unit, "2026-11-30T08:00:00+07:00", "assessed.publishOnTime", "2026-W48", 5, 10L));
            barrier(unit);
            send(kafka, assessment(unit, "2026-12-01T08:00:00+07:00", "assessed.publishOnTime", "2026-W48", 9, 10L),
                    assessment(unit, "2026-11-29T08:00:00+07:00", "assessed.publishOnTime", "2026-W48", 1, 10L),
                    assessment(unit, "2026-12-01T08:00:00+07:00", "assessed.portalVisits", "2026-11", 1234, null));
            barrier(unit);
            send(kafka, assessment(unit, "2026-11-30T09:00:00+07:00", "assessed.publishOnTime", "2026-W48", 2, 10L));
            barrier(unit);
            List<Map<String, Object>> r = rows("SELECT * FROM scoring.assessment WHERE unit = ? ORDER BY indicator", unit);
            assertThat(r).hasSize(2);
            assertThat(r.get(0)).containsEntry("indicator", "assessed.portalVisits").containsEntry("numerator", 1234L)
                    .containsEntry("denominator", null).containsEntry("period", "2026-11");
            assertThat(r.get(0).get("period_from").toString()).isEqualTo("2026-11-01");
            assertThat(r.get(0).get("period_to").toString()).isEqualTo("2026-11-30");
            assertThat(r.get(1)).containsEntry("numerator", 9L).containsEntry("denominator", 10L);
            assertThat(r.get(1).get("period_from").toString()).isEqualTo("2026-11-23");
            assertThat(r.get(1).get("period_to").toString()).isEqualTo("2026-11-29");
            // The notices name the event days and the bounds of the record's period.
            await().atMost(DEADLINE).until(() -> days(notices, unit).containsAll(
                    Set.of("2026-11-23", "2026-11-29", "2026-11-30", "2026-12-01", "2026-11-01")));
        } finally {
            notices.stop();
        }
    }

    private static Set<String> days(ConsumerTask<String, String> notices, String unit) {
        Set<String> out = new TreeSet<>();
        notices.getRecords().stream().filter(r -> unit.equals(r.key())).forEach(r -> {
            try {
                JSON.readTree(r.value()).get("days").forEach(d -> out.add(d.asText()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out;
    }

    @Test
    void aPaymentNoticeNamesTheDayItsCaseWasReceived() {
        String unit = unit();
        send(kafka, caseReceived(unit, id(), "2026-11-02T08:00:00+07:00", "C3", "DIRECT", null, "2026-11-27T17:00:00+07:00"));
        barrier(unit);
        ConsumerTask<String, String> notices = kafka.consumeStrings().fromTopics(INDICATORS);
        try {
            send(kafka, paid(unit, "2026-11-20T09:00:00+07:00", "C3", false));
            barrier(unit);
            assertThat(one("SELECT paid_online FROM scoring.onestop_case WHERE unit = ?", unit)).containsEntry("paid_online", null);
            send(kafka, paid(unit, "2026-11-20T09:00:00+07:00", "C3", true));
            await().atMost(DEADLINE).until(() -> days(notices, unit).containsAll(Set.of("2026-11-02", "2026-11-20")));
            barrier(unit);
            // a payment after its case marks the case
            assertThat(one("SELECT paid_online FROM scoring.onestop_case WHERE unit = ?", unit)).containsEntry("paid_online", true);
            send(kafka, rated(unit, "2026-11-21T09:00:00+07:00", "C3", false));
            barrier(unit);
            assertThat(one("SELECT rated_satisfied FROM scoring.onestop_case WHERE unit = ?", unit))
                    .containsEntry("rated_satisfied", false);
            send(kafka, rated(unit, "2026-11-22T09:00:00+07:00", "C3", true)); // re-rated: the later one
            barrier(unit);
            assertThat(one("SELECT rated_satisfied FROM scoring.onestop_case WHERE unit = ?", unit))
                    .containsEntry("rated_satisfied", true);
        } finally {
            notices.stop();
        }
    }
}
