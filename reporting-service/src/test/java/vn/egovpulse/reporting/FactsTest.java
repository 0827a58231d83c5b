package vn.egovpulse.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.reporting.Fixtures.d;
import static vn.egovpulse.reporting.Fixtures.kase;

/**
 * SPEC 8, GET /units/{code}/facts. Commune A took over commune P (merged into it after 2020-06-30),
 * so A's 2020 items are A's and P's. Hand-worked, period 2020 (ended: period end 2020-12-31):
 * <pre>
 * a1 received 03-01 due 03-10 resolved 03-05  EARLY        ONLINE 4
 * a2 received 03-01 due 03-10 resolved 03-10  ON_TIME      DIRECT
 * a3 received 03-01 due 03-10 resolved 03-12  LATE         POSTAL
 * a4 received 12-01 due 2021-01-05 open       OPEN_ON_TIME ONLINE 3
 * a5 received 11-01 due 11-10 open            OPEN_LATE    DIRECT
 * a6 resolved 04-01, due unknown              DUE_UNKNOWN  (resolved only)
 * a7 received 2019-12-20 due 01-05 resolved 01-03  EARLY   (not received in 2020)
 * a8 received 12-20 due 12-28 resolved 2021-01-03  OPEN_LATE at the period end
 * p1 received 02-01 due 02-10 resolved 02-11  LATE         DIRECT
 * p2 received 02-01 due 02-10 resolved 02-09  EARLY        ONLINE 4
 * onTimeRate 5/9 (a1 a2 a4 a7 p2 of a1-a5 a7 a8 p1 p2), lateCount 4, received 8 (a1-a5 a8 p1 p2), resolved 7.
 * Documents: A issued d1 (electronic, org), d2 (leader), d3 (confidential), received r1; P issued d4 (org, leader,
 * axis); d5 in 2021. signedRate 3/3, electronicRate 1/3. Meetings: A m1 COMMUNE 5/20, m2 DISTRICT 3/10; P m3
 * COMMUNE 2/4: communeReach 2/3, endpoints 10, participants 34.
 * </pre>
 */
@QuarkusTest
class FactsTest {
    static final List<String> V1 = List.of("onestop.received", "onestop.resolved", "onestop.onTimeRate",
            "onestop.lateCount", "onestop.onlineRate", "onestop.fullOnlineRate", "onestop.postalRate",
            "docs.issued", "docs.received", "docs.signedRate", "docs.orgSignedRate", "docs.leaderSignedRate",
            "docs.electronicRate", "docs.axisRate", "vc.meetings", "vc.endpoints", "vc.participants",
            "vc.communeReachRate");

    @Inject
    Pool pool;

    String q, a, p;

    @BeforeEach
    void facts() {
        q = Fixtures.randomProvince();
        a = q + ".X.A";
        p = q + ".X.P";
        Map<String, Object> pred = new LinkedHashMap<>(Fixtures.unit(p, "UBND xã Cũ", "COMMUNE", q));
        pred.put("validTo", "2020-06-30");
        pred.put("successor", a);
        Fixtures.putUnits(List.of(Fixtures.unit(q, "Tỉnh Thử", "PROVINCE", null),
                Fixtures.unit(a, "=UBND xã Mới", "COMMUNE", q), pred));
        kase(pool, a, "a1", "2020-03-01", "ONLINE", 4, "2020-03-10", "2020-03-05", null);
        kase(pool, a, "a2", "2020-03-01", "DIRECT", null, "2020-03-10", "2020-03-10", null);
        kase(pool, a, "a3", "2020-03-01", "POSTAL", null, "2020-03-10", "2020-03-12", null);
        kase(pool, a, "a4", "2020-12-01", "ONLINE", 3, "2021-01-05", null, null);
        kase(pool, a, "a5", "2020-11-01", "DIRECT", null, "2020-11-10", null, null);
        kase(pool, a, "a6", null, null, null, null, "2020-04-01", null);
        kase(pool, a, "a7", "2019-12-20", "DIRECT", null, "2020-01-05", "2020-01-03", null);
        kase(pool, a, "a8", "2020-12-20", "DIRECT", null, "2020-12-28", "2021-01-03", null);
        kase(pool, p, "p1", "2020-02-01", "DIRECT", null, "2020-02-10", "2020-02-11", null);
        kase(pool, p, "p2", "2020-02-01", "ONLINE", 4, "2020-02-10", "2020-02-09", null);
        event("case", a, "a1", "urn:egov:" + q + ":one-stop", "e-a1-r", "vn.gov.egov.onestop.case.received", "2020-03-01T09:00:00+07:00");
        event("case", a, "a1", "urn:egov:" + q + ":one-stop", "e-a1-s", "vn.gov.egov.onestop.case.resolved", "2020-03-05T09:00:00+07:00");
        event("case", p, "p1", "urn:egov:" + q + ":old", "e-p1-r", "vn.gov.egov.onestop.case.received", "2020-02-01T09:00:00+07:00");
        doc(a, "2020-05-01", "d1", true, false, true, true, false, false, false);
        doc(a, "2020-05-01", "d2", true, false, false, false, true, false, false);
        doc(a, "2020-05-02", "d3", true, true, true, true, true, false, false);
        doc(a, "2020-05-02", "r1", false, false, true, false, false, false, true);
        doc(p, "2020-04-01", "d4", true, false, false, true, true, true, false);
        doc(a, "2021-01-02", "d5", true, false, true, true, true, true, false);
        meeting(a, "2020-06-01", "m1", 5, 20, "COMMUNE");
        meeting(a, "2020-06-02", "m2", 3, 10, "DISTRICT");
        meeting(p, "2020-06-03", "m3", 2, 4, "COMMUNE");
    }

    void event(String kind, String unit, String item, String source, String id, String type, String time) {
        pool.preparedQuery("INSERT INTO scoring.item_event (kind, unit, item_id, source, id, type, time) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.tuple(List.of(kind, unit, item, source, id, type, OffsetDateTime.parse(time)))).await().indefinitely();
    }

    /** One document event, in doc_item and in the daily counters, as scoring-service writes them. */
    void doc(String unit, String day, String id, boolean issued, boolean confidential, boolean electronic, boolean org,
             boolean leader, boolean axis, boolean online) {
        pool.preparedQuery("INSERT INTO scoring.doc_item (unit, day, source, id, document_id, issued, confidential, electronic,"
                        + " signed_org, signed_leader, via_axis, processed_online) VALUES ($1, $2, 'urn:docs', $3, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(Tuple.tuple(List.of(unit, d(day), id, issued, confidential, electronic, org, leader, axis, online)))
                .await().indefinitely();
        boolean open = issued && !confidential;
        long[] v = {issued ? 1 : 0, open ? 1 : 0, open && (org || leader) ? 1 : 0, open && org ? 1 : 0, open && leader ? 1 : 0,
                open && electronic ? 1 : 0, open && axis ? 1 : 0, issued ? 0 : 1};
        pool.preparedQuery("INSERT INTO scoring.docs_daily AS x (unit, day, issued, issued_open, signed, org_signed, leader_signed,"
                        + " electronic, via_axis, received) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (unit, day) DO UPDATE SET"
                        + " issued = x.issued + excluded.issued, issued_open = x.issued_open + excluded.issued_open,"
                        + " signed = x.signed + excluded.signed, org_signed = x.org_signed + excluded.org_signed,"
                        + " leader_signed = x.leader_signed + excluded.leader_signed, electronic = x.electronic + excluded.electronic,"
                        + " via_axis = x.via_axis + excluded.via_axis, received = x.received + excluded.received")
                .execute(Tuple.tuple(List.of(unit, d(day), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]))).await().indefinitely();
    }

    void meeting(String unit, String day, String id, int endpoints, int participants, String lowest) {
        pool.preparedQuery("INSERT INTO scoring.meeting_item (unit, day, source, id, meeting_id, duration_minutes, endpoints,"
                        + " participants, lowest_tier) VALUES ($1, $2, 'urn:vc', $3, $3, 60, $4, $5, $6)")
                .execute(Tuple.tuple(List.of(unit, d(day), id, endpoints, participants, lowest))).await().indefinitely();
        Fixtures.meetings(pool, unit, day, 0, 0, 0, 0); // the row, then the counts added
        pool.preparedQuery("UPDATE scoring.vc_daily SET meetings = meetings + 1, endpoints = endpoints + $3,"
                        + " participants = participants + $4, commune_reach = commune_reach + $5 WHERE unit = $1 AND day = $2")
                .execute(Tuple.tuple(List.of(unit, d(day), (long) endpoints, (long) participants, "COMMUNE".equals(lowest) ? 1L : 0L)))
                .await().indefinitely();
    }

    Response facts(String query) {
        return given().get("/api/v1/units/" + a + "/facts?" + query);
    }

    /** Every page of one indicator's items. */
    List<Map<String, Object>> all(String indicator, String period, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            JsonPath page = facts("indicator=" + indicator + "&period=" + period + "&limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> got = page.getList("items");
            assertThat(got.size()).isLessThanOrEqualTo(limit);
            items.addAll(got);
            cursor = page.getString("next");
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("more than 100 pages");
    }

    @Test
    void theItemsOfAllPagesAreExactlyTheDenominatorAndTheNumeratorOfEveryIndicator() {
        JsonPath indicators = given().get("/api/v1/units/" + a + "/indicators?period=2020").then().statusCode(200)
                .extract().jsonPath();
        for (String key : V1) {
            List<Map<String, Object>> items = all(key, "2020", 2);
            long numerator = indicators.getLong("indicators['" + key + "'].numerator");
            Object denominator = indicators.get("indicators['" + key + "'].denominator");
            long inNumerator = items.stream().filter(i -> Boolean.TRUE.equals(i.get("inNumerator"))).count();
            if (key.equals("vc.endpoints") || key.equals("vc.participants")) {
                String field = key.substring(3);
                assertThat(items.stream().mapToLong(i -> ((Number) i.get(field)).longValue()).sum()).as(key).isEqualTo(numerator);
                assertThat(items).as(key).hasSize(3);
            } else if (denominator == null) {
                assertThat(items).as(key).hasSize((int) numerator);
                assertThat(inNumerator).as(key).isEqualTo(numerator);
            } else {
                assertThat(items).as(key).hasSize(((Number) denominator).intValue());
                assertThat(inNumerator).as(key).isEqualTo(numerator);
            }
            assertThat(items.stream().map(i -> i.get("unit") + "/" + i.getOrDefault("caseId",
                    i.getOrDefault("documentId", i.get("meetingId")))).distinct().count()).as(key + " no repeats")
                    .isEqualTo(items.size());
        }
        // The hand-worked figures.
        assertThat(indicators.getLong("indicators['onestop.onTimeRate'].numerator")).isEqualTo(5);
        assertThat(indicators.getLong("indicators['onestop.onTimeRate'].denominator")).isEqualTo(9);
        assertThat(indicators.getLong("indicators['onestop.lateCount'].numerator")).isEqualTo(4);
        assertThat(indicators.getLong("indicators['docs.signedRate'].denominator")).isEqualTo(3);
    }

    @Test
    void aCaseCarriesItsDatesOutcomeAndEvents() {
        List<Map<String, Object>> items = all("onestop.onTimeRate", "2020", 1000);
        Map<String, String> outcomes = new LinkedHashMap<>();
        items.forEach(i -> outcomes.put((String) i.get("caseId"), (String) i.get("outcome")));
        assertThat(outcomes).containsExactly(Map.entry("a1", "EARLY"), Map.entry("a2", "ON_TIME"), Map.entry("a3", "LATE"),
                Map.entry("a4", "OPEN_ON_TIME"), Map.entry("a5", "OPEN_LATE"), Map.entry("a7", "EARLY"),
                Map.entry("a8", "OPEN_LATE"), Map.entry("p1", "LATE"), Map.entry("p2", "EARLY"));
        Map<String, Object> a1 = items.get(0);
        assertThat(a1).containsEntry("unit", a).containsEntry("received", "2020-03-01").containsEntry("due", "2020-03-10")
                .containsEntry("resolved", "2020-03-05").containsEntry("channel", "ONLINE").containsEntry("inNumerator", true);
        assertThat(a1.get("events")).isEqualTo(List.of(
                Map.of("source", "urn:egov:" + q + ":one-stop", "id", "e-a1-r"),
                Map.of("source", "urn:egov:" + q + ":one-stop", "id", "e-a1-s")));
        assertThat(items.get(7)).containsEntry("unit", p).containsEntry("inNumerator", false);

        // Outcome filter; the totals stay the indicator's.
        facts("indicator=onestop.onTimeRate&period=2020&outcome=LATE").then().statusCode(200)
                .body("items.caseId", is(List.of("a3", "p1"))).body("numerator", is(5)).body("denominator", is(9));
        facts("indicator=onestop.resolved&period=2020&outcome=DUE_UNKNOWN").then().statusCode(200)
                .body("items.caseId", is(List.of("a6")));
        // A document: its own event.
        facts("indicator=docs.axisRate&period=2020").then().statusCode(200)
                .body("items.documentId", is(List.of("d1", "d2", "d4")))
                .body("items.inNumerator", is(List.of(false, false, true)))
                .body("items[2].events[0].source", is("urn:docs")).body("items[2].events[0].id", is("d4"));
    }

    @Test
    void badRequestsNameTheParameter() {
        facts("indicator=onestop.nope&period=2020").then().statusCode(400).body("errors[0].field", is("indicator"));
        facts("period=2020").then().statusCode(400).body("errors[0].field", is("indicator"));
        facts("indicator=docs.issued&period=20x").then().statusCode(400).body("errors[0].field", is("period"));
        facts("indicator=onestop.onTimeRate&period=2020&outcome=SOON").then().statusCode(400).body("errors[0].field", is("outcome"));
        facts("indicator=docs.issued&period=2020&outcome=LATE").then().statusCode(400).body("errors[0].field", is("outcome"));
        facts("indicator=docs.issued&period=2020&limit=0").then().statusCode(400).body("errors[0].field", is("limit"));
        facts("indicator=docs.issued&period=2020&limit=1001").then().statusCode(400).body("errors[0].field", is("limit"));
        facts("indicator=docs.issued&period=2020&cursor=abc").then().statusCode(400).body("errors[0].field", is("cursor"));
        String caseCursor = facts("indicator=onestop.received&period=2020&limit=1").then().extract().path("next");
        facts("indicator=docs.issued&period=2020&cursor=" + caseCursor).then().statusCode(400).body("errors[0].field", is("cursor"));
        given().get("/api/v1/units/NOPE.X/facts?indicator=docs.issued&period=2020").then().statusCode(404);
    }

    @Test
    void csvOfAPageWithTheNextCursorInAHeader() {
        Response r = given().accept("text/csv").get("/api/v1/units/" + a + "/facts?indicator=onestop.lateCount&period=2020&limit=3");
        r.then().statusCode(200).header("X-Next-Cursor", org.hamcrest.Matchers.notNullValue());
        String body = new String(r.asByteArray(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("\uFEFFcaseId,unit,received,due,resolved,channel,onlineLevel,outcome,inNumerator,events\r\n");
        assertThat(body).contains("a3," + a + ",2020-03-01,2020-03-10,2020-03-12,POSTAL,,LATE,true,");
        assertThat(body.split("\r\n")).hasSize(4);
    }
}
