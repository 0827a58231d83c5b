package vn.egovpulse.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.egovpulse.e2e.Stack.*;

/**
 * SPEC section 3 rules, worked by hand, through the whole stack: HTTP ingest → Kafka → scoring
 * (PostgreSQL) → reporting. One province per run; every expectation below is counted by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorRulesIT {
    static final String RECEIVED = "vn.gov.egov.onestop.case.received";
    static final String RESOLVED = "vn.gov.egov.onestop.case.resolved";

    final String p = newProvince();
    final String d1 = p + ".H.ONE";
    final String d2 = p + ".H.TWO";
    final String c1 = p + ".X.ONE";
    final String c2 = p + ".X.TWO";
    final String onestop = "urn:egov:" + p + ":one-stop";
    final String docs = "urn:egov:" + p + ":docs";
    final String vc = "urn:egov:" + p + ":vc";

    @BeforeAll
    void loadScenario() {
        putUnits(p, List.of(
                unit(p, "Tỉnh Thử nghiệm " + p, "PROVINCE", null),
                unit(d1, "UBND huyện Thanh Ba", "DISTRICT", p),
                unit(d2, "UBND huyện Lâm Thao", "DISTRICT", p),
                unit(c1, "UBND xã Xuân Lũng", "COMMUNE", d1),
                unit(c2, "UBND xã Tứ Xã", "COMMUNE", d1)));

        List<ObjectNode> cases = new ArrayList<>();
        // A: early; later corrected to ONLINE level 3 by a second received event with a later time.
        cases.add(received("a1", "2020-03-02T09:00:00+07:00", d1, "A", "DIRECT", null, "2020-03-10T17:00:00+07:00"));
        cases.add(resolved("a2", "2020-03-05T10:00:00+07:00", d1, "A", null));
        // B: POSTAL, resolved on the due date, late in the evening (16:30 UTC is still the due date locally).
        cases.add(received("b1", "2020-03-02T09:00:00+07:00", d1, "B", "POSTAL", null, "2020-03-10T17:00:00+07:00"));
        cases.add(resolved("b2", "2020-03-10T16:30:00Z", d1, "B", null));
        // C: resolved the next morning after its due date: late.
        cases.add(received("c1", "2020-03-02T09:00:00+07:00", d1, "C", "DIRECT", null, "2020-03-10T17:00:00+07:00"));
        cases.add(resolved("c2", "2020-03-11T08:00:00+07:00", d1, "C", null));
        // D: received in 2020, resolved in 2021 before its due date: counts in both years.
        cases.add(received("d1", "2020-12-20T09:00:00+07:00", d1, "D", "DIRECT", null, "2021-01-05T17:00:00+07:00"));
        cases.add(resolved("d2", "2021-01-04T10:00:00+07:00", d1, "D", null));
        // E: never resolved, past its due date: late.
        cases.add(received("e1", "2020-06-01T09:00:00+07:00", d1, "E", "DIRECT", null, "2020-06-10T17:00:00+07:00"));
        // F: 00:30 on 1 January local time belongs to the new year.
        cases.add(received("f1", "2021-01-01T00:30:00+07:00", d1, "F", "ONLINE", 4, "2021-01-10T17:00:00+07:00"));
        // G: resolution sent before receipt (out of order), on time.
        cases.add(resolved("g2", "2020-04-05T10:00:00+07:00", d1, "G", null));
        // H: resolution whose due date is unknown: counted as resolved only.
        cases.add(resolved("h2", "2020-05-05T10:00:00+07:00", d1, "H", null));
        // Communes: C1 1 of 1 on time; C2 1 of 3 on time (2 open past due) -> tier 2/4, not the mean 0.67.
        cases.add(received("x1", "2020-02-03T09:00:00+07:00", c1, "X1", "ONLINE", 4, "2020-02-10T17:00:00+07:00"));
        cases.add(resolved("x2", "2020-02-04T09:00:00+07:00", c1, "X1", null));
        cases.add(received("y1", "2020-02-03T09:00:00+07:00", c2, "Y1", "DIRECT", null, "2020-02-10T17:00:00+07:00"));
        cases.add(resolved("y2", "2020-02-04T09:00:00+07:00", c2, "Y1", null));
        cases.add(received("y3", "2020-02-03T09:00:00+07:00", c2, "Y2", "DIRECT", null, "2020-02-10T17:00:00+07:00"));
        cases.add(received("y4", "2020-02-03T09:00:00+07:00", c2, "Y3", "DIRECT", null, "2020-02-10T17:00:00+07:00"));
        postAccepted(onestop, p, cases);

        // G's receipt arrives after its resolution; A's correction; B sent again (same id): not counted twice.
        postAccepted(onestop, p, List.of(
                received("g1", "2020-04-01T09:00:00+07:00", d1, "G", "DIRECT", null, "2020-04-10T17:00:00+07:00"),
                received("a3", "2020-03-02T10:00:00+07:00", d1, "A", "ONLINE", 3, "2020-03-10T17:00:00+07:00"),
                received("b1", "2020-03-02T09:00:00+07:00", d1, "B", "POSTAL", null, "2020-03-10T17:00:00+07:00")));

        // D2: documents (one confidential, left out of the rates) and meetings.
        postAccepted(docs, p, List.of(
                document("k1", "2020-05-05T09:00:00+07:00", d2, true, true, false, false),
                document("k2", "2020-05-05T09:00:00+07:00", d2, false, false, false, false),
                document("k3", "2020-05-05T09:00:00+07:00", d2, true, true, true, true),
                event(docs, "k4", "vn.gov.egov.docs.document.received", "2020-05-05T09:00:00+07:00", d2,
                        data().put("documentId", "k4").put("electronic", true).put("processedOnline", true))));
        postAccepted(vc, p, List.of(
                meeting("m1", "2020-05-06T09:00:00+07:00", d2, 3, 40, "COMMUNE"),
                meeting("m2", "2020-05-07T09:00:00+07:00", d2, 2, 25, "DISTRICT")));

        // Wait until the last of them is visible, then assert exactly.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(unitIndicators(d2, "2020").getLong("indicators.'vc.meetings'.numerator")).isEqualTo(2);
            assertThat(unitIndicators(d1, "2020").getInt("indicators.'onestop.received'.numerator")).isEqualTo(6);
            assertThat(unitIndicators(d1, "2020").getString("indicators.'onestop.onlineRate'.numerator")).isEqualTo("1");
        });
    }

    @Test
    void casesOfA2020DistrictFollowEveryRule() {
        JsonPath j = unitIndicators(d1, "2020");
        // received A B C D E G; resolved A B C G H
        assertCount(j, "onestop.received", 6);
        assertCount(j, "onestop.resolved", 5);
        // denominator A B C D E G (H has no due date); on time A (early) B (due date, evening) D (open, not yet due) G
        assertRate(j, "onestop.onTimeRate", 4, 6);
        assertCount(j, "onestop.lateCount", 2); // C (next day), E (open past due)
        assertRate(j, "onestop.onlineRate", 1, 6); // A after its correction
        assertRate(j, "onestop.fullOnlineRate", 0, 6);
        assertRate(j, "onestop.postalRate", 1, 6);
        assertThat(j.getString("indicators.'docs.signedRate'.value")).isNull(); // no documents: no rate
        assertThat(j.getLong("indicators.'docs.signedRate'.denominator")).isZero();
    }

    @Test
    void aCaseReceivedIn2020AndResolvedIn2021CountsInBothYears() {
        JsonPath j = unitIndicators(d1, "2021");
        assertCount(j, "onestop.received", 1);  // F, at 00:30 on 1 January
        assertCount(j, "onestop.resolved", 1);  // D
        assertRate(j, "onestop.onTimeRate", 1, 2); // D on time; F open past its due date at the end of 2021
        assertCount(j, "onestop.lateCount", 1);
        assertRate(j, "onestop.fullOnlineRate", 1, 1);
    }

    @Test
    void localDateDecidesTheDay() {
        assertCount(unitIndicators(d1, "2021-01-01"), "onestop.received", 1);
        assertCount(unitIndicators(d1, "2020-12-31"), "onestop.received", 0);
        assertCount(unitIndicators(d1, "2020-03-10"), "onestop.resolved", 1); // B, 16:30 UTC = 23:30 local
    }

    @Test
    void documentsAndMeetings() {
        JsonPath j = unitIndicators(d2, "2020");
        assertCount(j, "docs.issued", 3);
        assertCount(j, "docs.received", 1);
        assertRate(j, "docs.signedRate", 1, 2);       // k3 is confidential
        assertRate(j, "docs.orgSignedRate", 1, 2);
        assertRate(j, "docs.leaderSignedRate", 0, 2);
        assertRate(j, "docs.electronicRate", 1, 2);
        assertRate(j, "docs.axisRate", 0, 2);
        assertCount(j, "vc.meetings", 2);
        assertCount(j, "vc.endpoints", 5);
        assertCount(j, "vc.participants", 65);
        assertRate(j, "vc.communeReachRate", 1, 2);
    }

    @Test
    void tierAggregateSumsNumeratorsAndDenominators() {
        // The setup waits for the districts' facts only; the communes' are on other partitions, so
        // their batch may commit a moment later: poll within the SPEC's freshness, then assert exactly.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath j = JsonPath.from(reader().queryParam("period", "2020").queryParam("tier", "COMMUNE")
                    .get(REPORTING + "/api/v1/provinces/" + p + "/indicators").then().statusCode(200).extract().asString());
            assertRate(j, "onestop.onTimeRate", 2, 4); // 0.5, while the mean of 1/1 and 1/3 would be 0.67
            assertThat(j.getDouble("indicators.'onestop.onTimeRate'.value")).isEqualTo(0.5);
        });
        JsonPath all = JsonPath.from(reader().queryParam("period", "2020")
                .get(REPORTING + "/api/v1/provinces/" + p + "/indicators").then().statusCode(200).extract().asString());
        assertCount(all, "onestop.received", 6 + 4);
        assertRate(all, "onestop.onTimeRate", 4 + 2, 6 + 4);
    }

    @Test
    void rankingScoresByTheDefaultSetAndChangesWithANewSet() {
        JsonPath r = ranking("default-2026");
        // D1: onTime 30*(4/6)=20, online 15*min(1,(1/6)/0.5)=5, fullOnline 0 -> 25 of 55 applicable = 45.45
        assertThat(r.getString("criteria.id")).isEqualTo("default-2026");
        assertThat(r.getList("entries.unit.code")).containsExactly(d1);
        assertThat(r.getDouble("entries[0].score")).isEqualTo(45.45);
        assertThat(r.getInt("entries[0].rank")).isEqualTo(1);
        // D2 has only documents and meetings: 45 of 100 applicable, under half: unranked
        assertThat(r.getList("unranked.unit.code")).containsExactly(d2);

        String id = "e2e-" + p.toLowerCase();
        String set = """
                {"name": "Chỉ văn bản", "groups": [{"name": "Văn bản", "indicators": [
                  {"key": "docs.signedRate", "maxPoints": 100, "fullMarksAt": 1.0}]}]}""";
        as("urn:egov:" + p + ":admin", "admin", p).contentType("application/json").body(set)
                .put(SCORING + "/api/v1/criteria/" + id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath rescored = ranking(id);
            assertThat(rescored.getList("entries.unit.code")).containsExactly(d2);
            assertThat(rescored.getDouble("entries[0].score")).isEqualTo(50.0);
            assertThat(rescored.getInt("criteria.version")).isEqualTo(1);
        });
    }

    private JsonPath ranking(String criteria) {
        return JsonPath.from(reader().queryParam("province", p).queryParam("tier", "DISTRICT")
                .queryParam("period", "2020").queryParam("criteria", criteria)
                .get(REPORTING + "/api/v1/rankings").then().statusCode(200).extract().asString());
    }

    static JsonPath unitIndicators(String unit, String period) {
        return JsonPath.from(reader().queryParam("period", period)
                .get(REPORTING + "/api/v1/units/" + unit + "/indicators").then().statusCode(200).extract().asString());
    }

    static void assertCount(JsonPath j, String key, long n) {
        assertThat(j.getLong("indicators.'" + key + "'.numerator")).as(key).isEqualTo(n);
        assertThat(j.getDouble("indicators.'" + key + "'.value")).as(key).isEqualTo((double) n);
        assertThat(j.getString("indicators.'" + key + "'.denominator")).as(key).isNull();
    }

    static void assertRate(JsonPath j, String key, long num, long den) {
        assertThat(j.getLong("indicators.'" + key + "'.numerator")).as(key + " numerator").isEqualTo(num);
        assertThat(j.getLong("indicators.'" + key + "'.denominator")).as(key + " denominator").isEqualTo(den);
        assertThat(j.getDouble("indicators.'" + key + "'.value")).as(key).isCloseTo((double) num / den, org.assertj.core.data.Offset.offset(1e-6));
    }

    private ObjectNode received(String id, String time, String unit, String caseId, String channel, Integer level, String due) {
        ObjectNode d = data().put("caseId", caseId).put("channel", channel).put("dueAt", due);
        if (level != null) {
            d.put("onlineLevel", level);
        }
        return event(onestop, p + "-" + id, RECEIVED, time, unit, d);
    }

    private ObjectNode resolved(String id, String time, String unit, String caseId, String due) {
        ObjectNode d = data().put("caseId", caseId);
        if (due != null) {
            d.put("dueAt", due);
        }
        return event(onestop, p + "-" + id, RESOLVED, time, unit, d);
    }

    private ObjectNode document(String id, String time, String unit, boolean electronic, boolean org, boolean leader,
                                boolean confidential) {
        return event(docs, p + "-" + id, "vn.gov.egov.docs.document.issued", time, unit, data().put("documentId", id)
                .put("electronic", electronic).put("signedByOrganization", org).put("signedByLeader", leader)
                .put("confidential", confidential).put("viaNationalAxis", false));
    }

    private ObjectNode meeting(String id, String time, String unit, int endpoints, int participants, String lowest) {
        return event(vc, p + "-" + id, "vn.gov.egov.vc.meeting.held", time, unit, data().put("meetingId", id)
                .put("durationMinutes", 60).put("endpoints", endpoints).put("participants", participants)
                .put("lowestTier", lowest));
    }
}
