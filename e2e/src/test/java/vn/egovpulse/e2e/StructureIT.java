package vn.egovpulse.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.e2e.IndicatorRulesIT.assertCount;
import static vn.egovpulse.e2e.IndicatorRulesIT.assertRate;
import static vn.egovpulse.e2e.IndicatorRulesIT.unitIndicators;
import static vn.egovpulse.e2e.Stack.*;

/**
 * SPEC 6 worked by hand through the whole stack (registry PUT on ingest, events over HTTP,
 * scoring, reporting). On 1 July 2025 province P goes two-tier:
 * <ul>
 *   <li>district H is abolished; its communes A and B merge into the new commune N (directly under P);</li>
 *   <li>commune C lives on and changes parent from H to P;</li>
 *   <li>province Q merges into P, and Q's health department Q.SOYT into P's, P.SOYT.</li>
 * </ul>
 * Cases: a1 (A, 2024, on time), b1 (B, 2024, open past due), c1 (C, 2024, on time), a2 (received by A on
 * 2025-06-25, resolved on 2025-07-08 with N's code), n1 (N, 2025), q1 (Q.SOYT, 2024, sent by P's
 * one-stop system: a merged province's systems keep sending), s1 (P.SOYT, 2024, late).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StructureIT {
    static final String RECEIVED = "vn.gov.egov.onestop.case.received";
    static final String RESOLVED = "vn.gov.egov.onestop.case.resolved";

    final String p = newProvince();
    final String q = newProvince();
    final String h = p + ".H.H";
    final String a = p + ".X.A";
    final String b = p + ".X.B";
    final String c = p + ".X.C";
    final String n = p + ".X.N";
    final String pSoyt = p + ".SOYT";
    final String qSoyt = q + ".SOYT";
    final String onestop = "urn:egov:" + p + ":one-stop";
    final String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();

    static ObjectNode over(ObjectNode u, String from, String to, String successor) {
        if (from != null) {
            u.put("validFrom", from);
        }
        if (to != null) {
            u.put("validTo", to);
        }
        if (successor != null) {
            u.put("successor", successor);
        }
        return u;
    }

    static void putNational(List<ObjectNode> units) {
        ArrayNode body = JSON.createArrayNode().addAll(units);
        as("urn:egov:VN:admin", "admin,national", "VN").contentType("application/json").body(body.toString())
                .put(INGEST + "/api/v1/units").then().statusCode(200);
    }

    @BeforeAll
    void reorganise() {
        ObjectNode cUnit = unit(c, "UBND xã Tứ Xã", "COMMUNE", null);
        cUnit.putArray("parents").add(JSON.createObjectNode().put("code", h).put("to", "2025-06-30"))
                .add(JSON.createObjectNode().put("code", p).put("from", "2025-07-01"));
        putNational(List.of(
                unit(p, "Tỉnh Phú Thọ (thử " + p + ")", "PROVINCE", null),
                over(unit(q, "Tỉnh Vĩnh Phúc (thử " + q + ")", "PROVINCE", null), null, "2025-06-30", p),
                unit(pSoyt, "Sở Y tế", "DEPARTMENT", p),
                over(unit(qSoyt, "Sở Y tế Vĩnh Phúc", "DEPARTMENT", q), null, "2025-06-30", pSoyt),
                over(unit(h, "UBND huyện Lâm Thao", "DISTRICT", p), null, "2025-06-30", null),
                over(unit(n, "UBND xã Lâm Thao", "COMMUNE", p), "2025-07-01", null, null),
                over(unit(a, "UBND thị trấn Lâm Thao", "COMMUNE", h), null, "2025-06-30", n),
                over(unit(b, "UBND xã Sơn Vi", "COMMUNE", h), null, "2025-06-30", n),
                cUnit));

        postAccepted(onestop, p, List.of(
                received("a1", "2024-03-01T09:00:00+07:00", a, "A1", "DIRECT", "2024-03-10T17:00:00+07:00"),
                resolved("a1r", "2024-03-05T09:00:00+07:00", a, "A1"),
                received("b1", "2024-05-01T09:00:00+07:00", b, "B1", "DIRECT", "2024-05-10T17:00:00+07:00"),
                received("c1", "2024-06-01T09:00:00+07:00", c, "C1", "ONLINE", "2024-06-10T17:00:00+07:00"),
                resolved("c1r", "2024-06-02T09:00:00+07:00", c, "C1"),
                received("s1", "2024-04-01T09:00:00+07:00", pSoyt, "S1", "DIRECT", "2024-04-10T17:00:00+07:00"),
                resolved("s1r", "2024-04-20T09:00:00+07:00", pSoyt, "S1"),
                // Q's old unit, sent with P's token: the token covers the units merged into P.
                received("q1", "2024-04-01T09:00:00+07:00", qSoyt, "Q1", "DIRECT", "2024-04-10T17:00:00+07:00"),
                resolved("q1r", "2024-04-02T09:00:00+07:00", qSoyt, "Q1"),
                // a2: received by A a few days before the merger...
                received("a2", "2025-06-25T09:00:00+07:00", a, "A2", "DIRECT", "2025-07-10T17:00:00+07:00"),
                received("n1", "2025-08-01T09:00:00+07:00", n, "N1", "DIRECT", "2025-08-10T17:00:00+07:00"),
                resolved("n1r", "2025-08-05T09:00:00+07:00", n, "N1")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertCount(unitIndicators(a, "2025"), "onestop.received", 1);
            assertCount(unitIndicators(qSoyt, "2024"), "onestop.received", 1);
        });
        // ...and resolved after it by the new commune's system, with the new commune's code.
        postAccepted(onestop, p, List.of(resolved("a2r", "2025-07-08T10:00:00+07:00", n, "A2")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertCount(lineageFalse(a, "2025"), "onestop.resolved", 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertCount(unitIndicators(c, "2024"), "onestop.resolved", 1);
            assertCount(unitIndicators(pSoyt, "2024"), "onestop.resolved", 2);
            assertCount(unitIndicators(n, "2025"), "onestop.resolved", 2);
        });
    }

    @Test
    void a2024LeagueAsItStoodAndUnderTodaysStructure() {
        JsonPath asItStood = league(p, "COMMUNE", "2024", null);
        assertThat(asItStood.getString("structure")).isEqualTo("2024-12-31");
        assertThat(codes(asItStood)).containsExactly(a, b, c);

        JsonPath current = league(p, "COMMUNE", "2024", "current");
        assertThat(current.getString("structure")).isEqualTo(today);
        assertThat(codes(current)).containsExactly(c, n);
        // N on 2024 facts = A's and B's: a1 on time, b1 open past its due date.
        JsonPath nEntry = JsonPath.from(JSON.valueToTree(entry(current, n)).toString());
        assertThat(nEntry.getLong("indicators.'onestop.onTimeRate'.numerator")).isEqualTo(1);
        assertThat(nEntry.getLong("indicators.'onestop.onTimeRate'.denominator")).isEqualTo(2);
        assertThat(nEntry.getLong("indicators.'onestop.received'.numerator")).isEqualTo(2);

        // A CSV says which structure it used, in its last column.
        String csv = reader().accept("text/csv").queryParam("province", p).queryParam("tier", "COMMUNE")
                .queryParam("period", "2024").queryParam("structure", "current")
                .get(REPORTING + "/api/v1/rankings").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).endsWith(",structure");
        assertThat(lines[1]).endsWith("," + today);
    }

    @Test
    void aMergerOfCommunesAndACaseThatMovesWithIt() {
        // 2025 (structure 2025-12-31): N with A's and B's first half-year, and C; no district left.
        JsonPath y2025 = league(p, "COMMUNE", "2025", null);
        assertThat(y2025.getString("structure")).isEqualTo("2025-12-31");
        assertThat(codes(y2025)).containsExactly(c, n);
        assertThat(codes(league(p, "DISTRICT", "2025", null))).isEmpty();
        assertThat(codes(league(p, "DISTRICT", "2024", null))).containsExactly(h);

        // a2 is one case: received by A, resolved under N's code, counted once, on time.
        JsonPath nAll = unitIndicators(n, "2025");
        assertCount(nAll, "onestop.received", 2);   // a2, n1
        assertCount(nAll, "onestop.resolved", 2);   // a2, n1
        assertRate(nAll, "onestop.onTimeRate", 2, 2);
        JsonPath nOwn = lineageFalse(n, "2025");
        assertCount(nOwn, "onestop.received", 1);
        assertCount(nOwn, "onestop.resolved", 1);   // n1 only: a2 stayed A's case
        JsonPath province = JsonPath.from(reader().queryParam("period", "2025")
                .get(REPORTING + "/api/v1/provinces/" + p + "/indicators").then().statusCode(200).extract().asString());
        assertCount(province, "onestop.received", 2);
        assertCount(province, "onestop.resolved", 2);
        assertRate(province, "onestop.onTimeRate", 2, 2);

        // N's history runs back through A and B.
        reader().queryParam("indicator", "onestop.received").queryParam("from", "2024").queryParam("to", "2025")
                .queryParam("granularity", "year").get(REPORTING + "/api/v1/units/" + n + "/history")
                .then().statusCode(200).body("value", is(List.of(2, 2)));
        reader().get(REPORTING + "/api/v1/units/" + n + "/lineage").then().statusCode(200)
                .body("predecessors.code", is(List.of(a, b)));
        reader().get(REPORTING + "/api/v1/units/" + a + "/lineage").then().statusCode(200)
                .body("successor.code", is(n));
    }

    @Test
    void aCommuneThatChangesParent() {
        // C is in the commune league of P both before (under H) and after (directly under P).
        assertThat(codes(league(p, "COMMUNE", "2024", null))).contains(c);
        assertThat(codes(league(p, "COMMUNE", "2025", null))).contains(c);
        reader().queryParam("province", p).queryParam("tier", "COMMUNE").queryParam("asOf", "2024-06-01")
                .get(REPORTING + "/api/v1/units").then().statusCode(200).body("code", is(List.of(a, b, c)));
        reader().queryParam("province", p).queryParam("tier", "COMMUNE")
                .get(REPORTING + "/api/v1/units").then().statusCode(200).body("code", is(List.of(c, n)));
        // Its own facts, whatever the structure.
        assertCount(unitIndicators(c, "2024"), "onestop.received", 1);
    }

    @Test
    void aMergedProvince() {
        // As it stood, Q was a province of its own, with its department.
        assertThat(codes(league(q, "DEPARTMENT", "2024", null))).containsExactly(qSoyt);
        JsonPath pDept2024 = league(p, "DEPARTMENT", "2024", null);
        assertThat(codes(pDept2024)).containsExactly(pSoyt);
        assertThat(JsonPath.from(JSON.valueToTree(entry(pDept2024, pSoyt)).toString())
                .getLong("indicators.'onestop.received'.numerator")).isEqualTo(1);
        // Under today's structure Q's department counts in P's.
        JsonPath pDeptNow = league(p, "DEPARTMENT", "2024", "current");
        assertThat(codes(pDeptNow)).containsExactly(pSoyt);
        JsonPath soyt = JsonPath.from(JSON.valueToTree(entry(pDeptNow, pSoyt)).toString());
        assertThat(soyt.getLong("indicators.'onestop.received'.numerator")).isEqualTo(2);
        assertThat(soyt.getLong("indicators.'onestop.onTimeRate'.numerator")).isEqualTo(1); // q1 on time, s1 late
        // Province aggregates: 2024 as it stood (a1 b1 c1 s1) and under today's structure (+ q1).
        JsonPath asItStood = JsonPath.from(reader().queryParam("period", "2024")
                .get(REPORTING + "/api/v1/provinces/" + p + "/indicators").then().statusCode(200).extract().asString());
        assertThat(asItStood.getString("structure")).isEqualTo("2024-12-31");
        assertCount(asItStood, "onestop.received", 4);
        JsonPath current = JsonPath.from(reader().queryParam("period", "2024").queryParam("structure", "current")
                .get(REPORTING + "/api/v1/provinces/" + p + "/indicators").then().statusCode(200).extract().asString());
        assertThat(current.getString("structure")).isEqualTo(today);
        assertCount(current, "onestop.received", 5);
    }

    @Test
    void aCycleAndABadStructureAreRefused() {
        ObjectNode cycle = over(unit(n, "UBND xã Lâm Thao", "COMMUNE", p), "2025-07-01", "2026-01-01", a);
        as("urn:egov:VN:admin", "admin,national", "VN").contentType("application/json")
                .body(JSON.createArrayNode().add(cycle).toString()).put(INGEST + "/api/v1/units")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors[0].field", is("successor")).body("errors[0].message", containsString("cycle"));
        // Nothing changed.
        reader().get(REPORTING + "/api/v1/units/" + n + "/lineage").then().statusCode(200)
                .body("successor", org.hamcrest.Matchers.nullValue());
        reader().queryParam("province", p).queryParam("tier", "COMMUNE").queryParam("period", "2024")
                .queryParam("structure", "2024-13-01").get(REPORTING + "/api/v1/rankings")
                .then().statusCode(400).body("errors[0].field", is("structure"));
    }

    private JsonPath league(String province, String tier, String period, String structure) {
        var req = reader().queryParam("province", province).queryParam("tier", tier).queryParam("period", period);
        if (structure != null) {
            req = req.queryParam("structure", structure);
        }
        return JsonPath.from(req.get(REPORTING + "/api/v1/rankings").then().statusCode(200).extract().asString());
    }

    private static List<String> codes(JsonPath j) {
        List<String> all = new ArrayList<>(j.getList("entries.unit.code", String.class));
        all.addAll(j.getList("unranked.unit.code", String.class));
        Collections.sort(all);
        return all;
    }

    private static Object entry(JsonPath j, String code) {
        Object e = j.get("entries.find { it.unit.code == '" + code + "' }");
        return e != null ? e : j.get("unranked.find { it.unit.code == '" + code + "' }");
    }

    private static JsonPath lineageFalse(String unit, String period) {
        return JsonPath.from(reader().queryParam("period", period).queryParam("lineage", "false")
                .get(REPORTING + "/api/v1/units/" + unit + "/indicators").then().statusCode(200).extract().asString());
    }

    private ObjectNode received(String id, String time, String unit, String caseId, String channel, String due) {
        ObjectNode d = data().put("caseId", caseId).put("channel", channel).put("dueAt", due);
        if (channel.equals("ONLINE")) {
            d.put("onlineLevel", 4);
        }
        return event(onestop, p + "-" + id, RECEIVED, time, unit, d);
    }

    private ObjectNode resolved(String id, String time, String unit, String caseId) {
        return event(onestop, p + "-" + id, RESOLVED, time, unit, data().put("caseId", caseId));
    }
}
