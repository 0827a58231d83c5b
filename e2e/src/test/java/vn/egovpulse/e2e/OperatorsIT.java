package vn.egovpulse.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.e2e.Stack.REPORTING;
import static vn.egovpulse.e2e.Stack.data;
import static vn.egovpulse.e2e.Stack.event;
import static vn.egovpulse.e2e.Stack.newProvince;
import static vn.egovpulse.e2e.Stack.postAccepted;
import static vn.egovpulse.e2e.Stack.putUnits;
import static vn.egovpulse.e2e.Stack.reader;
import static vn.egovpulse.e2e.Stack.unit;

/**
 * SPEC 8 through the whole stack (ingest → scoring → reporting). Commune A took over commune O (merged into it
 * at the end of 2024). Hand-worked, period 2020 (ended):
 * <pre>
 * A a1 received 03-02 due 03-10 resolved 03-05 EARLY; a2 resolved 03-12 LATE; a3 open, due 03-10: OPEN_LATE;
 *   a4 received 12-20 due 2021-01-05, resolved 2021-01-04: OPEN_ON_TIME at the period end.
 * O o1 received 02-01 due 02-10 resolved 02-10 ON_TIME (ONLINE 4).
 * onTimeRate 3/5 (a1 a4 o1), lateCount 2 (a2 a3). Documents: A issued 3 (one confidential, one electronic),
 * O received 1. Meetings: A 2 (one reaching communes, 4 + 6 endpoints).
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorsIT {
    static final String RECEIVED = "vn.gov.egov.onestop.case.received";
    static final String RESOLVED = "vn.gov.egov.onestop.case.resolved";
    static final List<String> V1 = List.of("onestop.received", "onestop.resolved", "onestop.onTimeRate",
            "onestop.lateCount", "onestop.onlineRate", "onestop.fullOnlineRate", "onestop.postalRate",
            "docs.issued", "docs.received", "docs.signedRate", "docs.orgSignedRate", "docs.leaderSignedRate",
            "docs.electronicRate", "docs.axisRate", "vc.meetings", "vc.endpoints", "vc.participants",
            "vc.communeReachRate");

    final String p = newProvince();
    final String a = p + ".X.A";
    final String o = p + ".X.O";
    final String onestop = "urn:egov:" + p + ":one-stop";
    final String old = "urn:egov:" + p + ":old-one-stop";
    final String docs = "urn:egov:" + p + ":docs";
    final String vc = "urn:egov:" + p + ":vc";
    final LocalDate today = LocalDate.now(ZoneOffset.ofHours(7));

    ObjectNode received(String source, String id, String time, String unit, String caseId, String channel, Integer level, String due) {
        ObjectNode d = data().put("caseId", caseId).put("channel", channel).put("dueAt", due);
        if (level != null) {
            d.put("onlineLevel", level);
        }
        return event(source, p + "-" + id, RECEIVED, time, unit, d);
    }

    ObjectNode resolved(String source, String id, String time, String unit, String caseId) {
        return event(source, p + "-" + id, RESOLVED, time, unit, data().put("caseId", caseId));
    }

    @BeforeAll
    void load() {
        ObjectNode merged = unit(o, "UBND xã Cũ", "COMMUNE", p).put("validTo", "2024-12-31").put("successor", a);
        putUnits(p, List.of(unit(p, "Tỉnh Vận hành " + p, "PROVINCE", null), unit(a, "UBND xã Mới", "COMMUNE", p), merged));
        String due = "2020-03-10T17:00:00+07:00";
        String soon = today.plusDays(1) + "T17:00:00+07:00";
        String now = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toString();
        postAccepted(onestop, p, List.of(
                received(onestop, "a1r", "2020-03-02T09:00:00+07:00", a, "a1", "ONLINE", 4, due),
                resolved(onestop, "a1s", "2020-03-05T09:00:00+07:00", a, "a1"),
                received(onestop, "a2r", "2020-03-02T09:00:00+07:00", a, "a2", "DIRECT", null, due),
                resolved(onestop, "a2s", "2020-03-12T09:00:00+07:00", a, "a2"),
                received(onestop, "a3r", "2020-03-02T09:00:00+07:00", a, "a3", "POSTAL", null, due),
                received(onestop, "a4r", "2020-12-20T09:00:00+07:00", a, "a4", "DIRECT", null, "2021-01-05T17:00:00+07:00"),
                resolved(onestop, "a4s", "2021-01-04T09:00:00+07:00", a, "a4"),
                received(onestop, "n1r", now, a, "n1", "DIRECT", null, soon)));
        postAccepted(old, p, List.of(
                received(old, "o1r", "2020-02-01T09:00:00+07:00", o, "o1", "ONLINE", 4, "2020-02-10T17:00:00+07:00"),
                resolved(old, "o1s", "2020-02-10T16:00:00+07:00", o, "o1")));
        postAccepted(docs, p, List.of(
                event(docs, p + "-d1", "vn.gov.egov.docs.document.issued", "2020-05-01T09:00:00+07:00", a, data()
                        .put("documentId", "d1").put("electronic", true).put("signedByOrganization", true).put("signedByLeader", false)),
                event(docs, p + "-d2", "vn.gov.egov.docs.document.issued", "2020-05-02T09:00:00+07:00", a, data()
                        .put("documentId", "d2").put("electronic", false).put("signedByOrganization", false).put("signedByLeader", true)),
                event(docs, p + "-d3", "vn.gov.egov.docs.document.issued", "2020-05-03T09:00:00+07:00", a, data()
                        .put("documentId", "d3").put("electronic", true).put("signedByOrganization", true)
                        .put("signedByLeader", true).put("confidential", true)),
                event(docs, p + "-r1", "vn.gov.egov.docs.document.received", "2020-05-04T09:00:00+07:00", o, data()
                        .put("documentId", "r1").put("electronic", true).put("processedOnline", true))));
        postAccepted(vc, p, List.of(
                event(vc, p + "-m1", "vn.gov.egov.vc.meeting.held", "2020-06-01T09:00:00+07:00", a, data().put("meetingId", "m1")
                        .put("durationMinutes", 60).put("endpoints", 4).put("participants", 20).put("lowestTier", "COMMUNE")),
                event(vc, p + "-m2", "vn.gov.egov.vc.meeting.held", "2020-06-02T09:00:00+07:00", a, data().put("meetingId", "m2")
                        .put("durationMinutes", 30).put("endpoints", 6).put("participants", 9).put("lowestTier", "DISTRICT"))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get(REPORTING + "/api/v1/units/" + a
                + "/indicators?period=2020").then().statusCode(200)
                .body("indicators['onestop.onTimeRate'].denominator", is(5))
                .body("indicators['docs.received'].numerator", is(1))
                .body("indicators['vc.meetings'].numerator", is(2)));
    }

    List<Map<String, Object>> all(String indicator) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = reader().get(REPORTING + "/api/v1/units/" + a + "/facts?period=2020&limit=2&indicator=" + indicator
                    + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items"));
            cursor = page.getString("next");
        } while (cursor != null && items.size() < 1000);
        return items;
    }

    @Test
    void theItemsAreExactlyEveryIndicatorsDenominatorAndNumerator() {
        JsonPath ind = reader().get(REPORTING + "/api/v1/units/" + a + "/indicators?period=2020").then().statusCode(200)
                .extract().jsonPath();
        for (String key : V1) {
            List<Map<String, Object>> items = all(key);
            long numerator = ind.getLong("indicators['" + key + "'].numerator");
            Object denominator = ind.get("indicators['" + key + "'].denominator");
            long in = items.stream().filter(i -> Boolean.TRUE.equals(i.get("inNumerator"))).count();
            if (key.equals("vc.endpoints") || key.equals("vc.participants")) {
                assertThat(items.stream().mapToLong(i -> ((Number) i.get(key.substring(3))).longValue()).sum()).as(key).isEqualTo(numerator);
            } else {
                assertThat(items).as(key).hasSize(denominator == null ? (int) numerator : ((Number) denominator).intValue());
                assertThat(in).as(key).isEqualTo(numerator);
            }
        }
        assertThat(ind.getLong("indicators['onestop.onTimeRate'].numerator")).isEqualTo(3);
        assertThat(ind.getLong("indicators['onestop.lateCount'].numerator")).isEqualTo(2);
        // Every event behind a case, and the outcome at the period end.
        List<Map<String, Object>> cases = all("onestop.onTimeRate");
        assertThat(cases).extracting(c -> c.get("caseId") + " " + c.get("outcome")).containsExactly(
                "a1 EARLY", "a2 LATE", "a3 OPEN_LATE", "a4 OPEN_ON_TIME", "o1 ON_TIME");
        assertThat(cases.get(0).get("events")).isEqualTo(List.of(Map.of("source", onestop, "id", p + "-a1r"),
                Map.of("source", onestop, "id", p + "-a1s")));
        assertThat(cases.get(4)).containsEntry("unit", o);
        assertThat(cases.get(4).get("events")).isEqualTo(List.of(Map.of("source", old, "id", p + "-o1r"),
                Map.of("source", old, "id", p + "-o1s")));
    }

    @Test
    void atRiskGapsAndSources() {
        reader().get(REPORTING + "/api/v1/units/" + a + "/at-risk?within=P3D").then().statusCode(200)
                .body("items.caseId", is(List.of("a3", "n1"))).body("items[1].daysLeft", is(1))
                .body("items[0].daysLeft", is((int) ChronoUnit.DAYS.between(today, LocalDate.of(2020, 3, 10))));
        reader().get(REPORTING + "/api/v1/provinces/" + p + "/at-risk?within=P0D").then().statusCode(200)
                .body("items.caseId", is(List.of("a3")));
        JsonPath gaps = reader().get(REPORTING + "/api/v1/units/" + a + "/gaps?period=2020").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> onTime = gaps.<Map<String, Object>>getList("indicators").stream()
                .filter(r -> r.get("indicator").equals("onestop.onTimeRate")).findFirst().orElseThrow();
        // Gaps use A's league of 2020, where O was still a commune of its own: A alone has 2 of 4 on time (a1, a4).
        assertThat(onTime).containsEntry("toFullMarks", null).containsEntry("points", 15.0f).containsEntry("lost", 15.0f)
                .containsEntry("numerator", 2).containsEntry("denominator", 4);
        JsonPath s = reader().get(REPORTING + "/api/v1/sources?province=" + p).then().statusCode(200).extract().jsonPath();
        assertThat(s.getList("sources.source")).containsExactly(docs, old, onestop, vc);
        assertThat(s.getList("sources.silent")).containsExactly(false, false, false, false);
        assertThat(s.getLong("sources[2].last24h")).isEqualTo(1);
    }
}
