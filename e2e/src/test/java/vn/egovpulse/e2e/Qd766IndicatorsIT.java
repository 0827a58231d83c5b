package vn.egovpulse.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.egovpulse.e2e.IndicatorRulesIT.assertCount;
import static vn.egovpulse.e2e.IndicatorRulesIT.assertRate;
import static vn.egovpulse.e2e.Stack.*;

/**
 * SPEC 7.2 worked by hand for one ISO week (2026-W48 = 2026-11-23..2026-11-29, read here as that
 * date range) of one department and one commune, through the whole stack: HTTP ingest → Kafka →
 * scoring → reporting. Includes a double payment, a re-rating, a payment and a rating before their
 * case, a case correction, a feedback resolved before it was received, and an assessment correction.
 * The week is over: "open at period end" is judged on Sunday 2026-11-29.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Qd766IndicatorsIT {
    static final String WEEK = "2026-11-23..2026-11-29";

    final String p = newProvince();
    final String dep = p + ".STP";           // Sở Tư pháp
    final String district = p + ".H.ONE";
    final String commune = p + ".X.ONE";
    final String onestop = "urn:egov:" + p + ":one-stop";
    final String feedback = "urn:egov:" + p + ":feedback";
    final String assessments = "urn:egov:" + p + ":assessments";

    @BeforeAll
    void loadScenario() {
        putUnits(p, List.of(
                unit(p, "Tỉnh Thử nghiệm " + p, "PROVINCE", null),
                unit(dep, "Sở Tư pháp", "DEPARTMENT", p),
                unit(district, "UBND huyện Thanh Ba", "DISTRICT", p),
                unit(commune, "UBND xã Xuân Lũng", "COMMUNE", district)));

        // Before any case: C's rating and D's online payment (counted once their case is received).
        postAccepted(onestop, p, List.of(
                rated("c-r", "2026-11-25T08:00:00+07:00", dep, "C", true),
                paid("d-p", "2026-11-28T08:00:00+07:00", dep, "D", true)));
        postAccepted(feedback, p, List.of(
                // F2 resolved (unsatisfied) before it was received
                event(feedback, p + "-f2-r", "vn.gov.egov.feedback.resolved", "2026-11-28T10:00:00+07:00", dep,
                        data().put("feedbackId", "F2").put("satisfied", false))));
        postAccepted(onestop, p, List.of(
                // A: early, ONLINE level 4, paid twice (offline, then online: counts once, online), re-rated
                received("a", "2026-11-23T09:00:00+07:00", dep, "A", "ONLINE", 4, "2026-11-27T17:00:00+07:00",
                        "feeRequired", "fullOnlineEligible", "digitized", "syncedNational", "citizenData"),
                resolved("a-s", "2026-11-26T10:00:00+07:00", dep, "A", true, true),
                paid("a-p1", "2026-11-23T09:30:00+07:00", dep, "A", false),
                paid("a-p2", "2026-11-23T09:40:00+07:00", dep, "A", true),
                rated("a-r1", "2026-11-26T12:00:00+07:00", dep, "A", true),
                // B: late, paid at the counter, a result on paper
                received("b", "2026-11-24T09:00:00+07:00", dep, "B", "DIRECT", null, "2026-11-25T17:00:00+07:00",
                        "feeRequired", "fullOnlineEligible", "reusedData", "dataStore", "syncedNational"),
                resolved("b-s", "2026-11-28T10:00:00+07:00", dep, "B", true, false),
                paid("b-p", "2026-11-24T09:10:00+07:00", dep, "B", false),
                // C: open, not yet due
                received("c", "2026-11-25T09:00:00+07:00", dep, "C", "ONLINE", 3, "2026-12-10T17:00:00+07:00",
                        "fullOnlineEligible", "digitized", "syncedNational"),
                // D: open, due after the week
                received("d", "2026-11-29T09:00:00+07:00", dep, "D", "DIRECT", null, "2026-12-01T17:00:00+07:00",
                        "feeRequired", "digitized"),
                // E: received without flags, corrected an hour later: synchronised
                received("e", "2026-11-23T09:00:00+07:00", dep, "E", "DIRECT", null, "2026-11-30T17:00:00+07:00"),
                // X1: the commune's case, everything done right
                received("x1", "2026-11-24T09:00:00+07:00", commune, "X1", "ONLINE", 4, "2026-11-26T17:00:00+07:00",
                        "feeRequired", "fullOnlineEligible", "digitized", "reusedData", "dataStore", "citizenData",
                        "syncedNational"),
                resolved("x1-s", "2026-11-25T10:00:00+07:00", commune, "X1", true, true),
                paid("x1-p", "2026-11-24T09:05:00+07:00", commune, "X1", true),
                rated("x1-r", "2026-11-25T12:00:00+07:00", commune, "X1", true),
                // X2: open, overdue at the end of the week
                received("x2", "2026-11-27T09:00:00+07:00", commune, "X2", "DIRECT", null, "2026-11-28T17:00:00+07:00",
                        "feeRequired", "syncedNational")));
        postAccepted(onestop, p, List.of(
                rated("a-r2", "2026-11-27T12:00:00+07:00", dep, "A", false), // the later rating wins
                received("e-2", "2026-11-23T10:00:00+07:00", dep, "E", "DIRECT", null, "2026-11-30T17:00:00+07:00",
                        "syncedNational")));
        postAccepted(feedback, p, List.of(
                fbReceived("f1", "2026-11-23T09:00:00+07:00", dep, "F1", "2026-11-27T17:00:00+07:00"),
                event(feedback, p + "-f1-r", "vn.gov.egov.feedback.resolved", "2026-11-25T10:00:00+07:00", dep,
                        data().put("feedbackId", "F1").put("satisfied", true)),
                fbReceived("f2", "2026-11-24T09:00:00+07:00", dep, "F2", "2026-11-26T17:00:00+07:00"),
                fbReceived("f3", "2026-11-26T09:00:00+07:00", dep, "F3", "2026-12-03T17:00:00+07:00"),
                fbReceived("xf1", "2026-11-25T09:00:00+07:00", commune, "XF1", "2026-11-26T17:00:00+07:00"),
                event(feedback, p + "-xf1-r", "vn.gov.egov.feedback.resolved", "2026-11-27T10:00:00+07:00", commune,
                        data().put("feedbackId", "XF1"))));
        postAccepted(assessments, p, List.of(
                assessed("s1", "2026-11-30T08:00:00+07:00", dep, "assessed.publishOnTime", 9, 10L),
                assessed("s2", "2026-11-30T08:00:00+07:00", dep, "assessed.publicUpdateOnTime", 3, 4L),
                assessed("s3", "2026-11-30T08:00:00+07:00", dep, "assessed.portalVisits", 250, null),
                assessed("s4", "2026-11-30T08:00:00+07:00", commune, "assessed.publishOnTime", 1, 2L)));
        postAccepted(assessments, p, List.of(
                assessed("s1-fix", "2026-12-01T08:00:00+07:00", dep, "assessed.publishOnTime", 10, 10L), // replaces s1
                assessed("s1-old", "2026-11-29T08:00:00+07:00", dep, "assessed.publishOnTime", 1, 10L))); // older: ignored
    }


    @Test
    void theDepartmentsWeekWorkedByHand() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath j = IndicatorRulesIT.unitIndicators(dep, WEEK);
            assertRate(j, "assessed.publishOnTime", 10, 10);
            assertRate(j, "onestop.syncRate", 4, 5);
            assertRate(j, "onestop.satisfactionRate", 3, 5);
            assertRate(j, "feedback.satisfactionRate", 1, 2);
        });
        JsonPath j = IndicatorRulesIT.unitIndicators(dep, WEEK);
        assertCount(j, "onestop.received", 5);                 // A B C D E
        assertCount(j, "onestop.resolved", 2);                 // A B
        assertRate(j, "onestop.onTimeRate", 4, 5);             // A C D E; B late
        assertRate(j, "onestop.syncRate", 4, 5);               // A B C E (E by its correction)
        assertRate(j, "onestop.fullOnlineUptake", 1, 3);       // A of eligible A B C
        assertRate(j, "onestop.onlinePaymentRate", 2, 3);      // A (paid twice, once online) and D (paid first) of A B D
        assertRate(j, "onestop.electronicResultRate", 1, 2);   // A of results A B
        assertRate(j, "onestop.digitizedRate", 3, 5);          // A C D
        assertRate(j, "onestop.reuseRate", 1, 5);              // B
        assertRate(j, "onestop.dataStoreRate", 1, 5);          // B
        assertRate(j, "onestop.citizenDataRate", 1, 5);        // A
        assertRate(j, "onestop.satisfactionRate", 3, 5);       // C D E: A re-rated unsatisfied, B late
        assertCount(j, "feedback.received", 3);                // F1 F2 F3
        assertRate(j, "feedback.onTimeRate", 2, 3);            // F1 F3; F2 late
        assertRate(j, "feedback.satisfactionRate", 1, 2);      // F1 of resolved F1 F2
        assertRate(j, "assessed.publishOnTime", 10, 10);       // corrected; the older record ignored
        assertRate(j, "assessed.publicUpdateOnTime", 3, 4);
        assertCount(j, "assessed.portalVisits", 250);
    }

    @Test
    void theCommunesWeekWorkedByHand() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath j = IndicatorRulesIT.unitIndicators(commune, WEEK);
            assertRate(j, "assessed.publishOnTime", 1, 2);
            assertRate(j, "feedback.satisfactionRate", 1, 1);
            assertCount(j, "onestop.received", 2);
        });
        JsonPath j = IndicatorRulesIT.unitIndicators(commune, WEEK);
        assertCount(j, "onestop.resolved", 1);                 // X1
        assertRate(j, "onestop.onTimeRate", 1, 2);             // X1; X2 overdue at period end
        assertRate(j, "onestop.syncRate", 2, 2);
        assertRate(j, "onestop.fullOnlineUptake", 1, 1);
        assertRate(j, "onestop.onlinePaymentRate", 1, 2);      // X1 of X1 X2
        assertRate(j, "onestop.electronicResultRate", 1, 1);
        assertRate(j, "onestop.digitizedRate", 1, 2);
        assertRate(j, "onestop.reuseRate", 1, 2);
        assertRate(j, "onestop.dataStoreRate", 1, 2);
        assertRate(j, "onestop.citizenDataRate", 1, 2);
        assertRate(j, "onestop.satisfactionRate", 1, 2);       // X1; X2 late
        assertCount(j, "feedback.received", 1);
        assertRate(j, "feedback.onTimeRate", 0, 1);            // XF1 answered a day late
        assertRate(j, "feedback.satisfactionRate", 1, 1);      // no verdict is not unsatisfied
        assertThat(j.getMap("indicators")).doesNotContainKey("assessed.portalVisits");
    }

    @Test
    void theProvinceSumsNumeratorsAndDenominators() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath all = JsonPath.from(reader().queryParam("period", WEEK)
                    .get(REPORTING + "/api/v1/provinces/" + p + "/indicators").then().statusCode(200).extract().asString());
            assertRate(all, "onestop.onlinePaymentRate", 2 + 1, 3 + 2);
            assertRate(all, "onestop.satisfactionRate", 3 + 1, 5 + 2);
            assertRate(all, "feedback.onTimeRate", 2, 3 + 1);
            assertRate(all, "assessed.publishOnTime", 10 + 1, 10 + 2);
            assertCount(all, "assessed.portalVisits", 250);
        });
    }

    private ObjectNode received(String id, String time, String unit, String caseId, String channel, Integer level,
                                String due, String... flags) {
        ObjectNode d = data().put("caseId", caseId).put("channel", channel).put("dueAt", due);
        if (level != null) {
            d.put("onlineLevel", level);
        }
        for (String f : flags) {
            d.put(f, true);
        }
        return event(onestop, p + "-" + id, "vn.gov.egov.onestop.case.received", time, unit, d);
    }

    private ObjectNode resolved(String id, String time, String unit, String caseId, boolean result, boolean electronic) {
        return event(onestop, p + "-" + id, "vn.gov.egov.onestop.case.resolved", time, unit, data().put("caseId", caseId)
                .put("resultDocument", result).put("electronicResult", electronic));
    }

    private ObjectNode paid(String id, String time, String unit, String caseId, boolean online) {
        return event(onestop, p + "-" + id, "vn.gov.egov.onestop.case.paid", time, unit,
                data().put("caseId", caseId).put("online", online));
    }

    private ObjectNode rated(String id, String time, String unit, String caseId, boolean satisfied) {
        return event(onestop, p + "-" + id, "vn.gov.egov.onestop.case.rated", time, unit,
                data().put("caseId", caseId).put("satisfied", satisfied));
    }

    private ObjectNode fbReceived(String id, String time, String unit, String feedbackId, String due) {
        return event(feedback, p + "-" + id, "vn.gov.egov.feedback.received", time, unit,
                data().put("feedbackId", feedbackId).put("dueAt", due));
    }

    private ObjectNode assessed(String id, String time, String unit, String indicator, long numerator, Long denominator) {
        ObjectNode d = data().put("indicator", indicator).put("period", "2026-W48").put("numerator", numerator);
        if (denominator == null) {
            d.putNull("denominator");
        } else {
            d.put("denominator", denominator);
        }
        return event(assessments, p + "-" + id, "vn.gov.egov.assessment.recorded", time, unit, d);
    }
}
