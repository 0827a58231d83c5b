package vn.egovpulse.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.reporting.Fixtures.kase;

/**
 * SPEC 6 worked by hand: district H with communes A and B until 2025-06-30; from 2025-07-01
 * commune N, directly under the province, took over A and B (merged). A has 2 cases in 2024,
 * B 1, N 3 in 2025-H2. Only A's and N's received days matter here.
 */
@QuarkusTest
class StructureTest {
    @Inject
    Pool pool;
    String p;

    static Map<String, Object> unit(String code, String tier, Object parent, String from, String to, String successor) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("code", code);
        u.put("name", "Đơn vị " + code);
        u.put("tier", tier);
        if (parent instanceof String s) {
            u.put("parent", s);
        } else if (parent != null) {
            u.put("parents", parent);
        }
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

    @BeforeEach
    void units() {
        p = Fixtures.randomProvince();
        Fixtures.putUnits(List.of(unit(p, "PROVINCE", null, null, null, null),
                unit(p + ".H", "DISTRICT", p, null, "2025-06-30", null),
                unit(p + ".X.N", "COMMUNE", p, "2025-07-01", null, null),
                unit(p + ".X.A", "COMMUNE", p + ".H", null, "2025-06-30", p + ".X.N"),
                unit(p + ".X.B", "COMMUNE", p + ".H", null, "2025-06-30", p + ".X.N"),
                // C changed parent on the day of the reform and lives on.
                unit(p + ".X.C", "COMMUNE", List.of(Map.of("code", p + ".H", "to", "2025-06-30"),
                        Map.of("code", p, "from", "2025-07-01")), null, null, null)));
        kase(pool, p + ".X.A", "a1", "2024-03-01", "DIRECT", null, "2024-03-10", null, null);
        kase(pool, p + ".X.A", "a2", "2024-04-01", "DIRECT", null, "2024-04-10", null, null);
        kase(pool, p + ".X.B", "b1", "2025-02-01", "DIRECT", null, "2025-02-10", null, null);
        kase(pool, p + ".X.N", "n1", "2025-08-01", "DIRECT", null, "2025-08-10", null, null);
        kase(pool, p + ".X.C", "c1", "2024-05-01", "DIRECT", null, "2024-05-10", null, null);
    }

    static io.restassured.path.json.JsonPath league(String p, String tier, String period) {
        return io.restassured.path.json.JsonPath.from(given().queryParam("province", p).queryParam("tier", tier)
                .queryParam("period", period).get("/api/v1/rankings").then().statusCode(200).extract().asString());
    }

    static List<String> codes(io.restassured.path.json.JsonPath j) {
        List<String> all = new java.util.ArrayList<>(j.getList("entries.unit.code", String.class));
        all.addAll(j.getList("unranked.unit.code", String.class));
        java.util.Collections.sort(all);
        return all;
    }

    @Test
    void aLeagueIsTheStructureAtThePeriodsLastDayWithThePredecessorsGoneByThen() {
        // 2024: the old structure as it was, v1 answer unchanged.
        var y2024 = league(p, "COMMUNE", "2024");
        org.assertj.core.api.Assertions.assertThat(y2024.getString("structure")).isEqualTo("2024-12-31");
        org.assertj.core.api.Assertions.assertThat(codes(y2024)).containsExactly(p + ".X.A", p + ".X.B", p + ".X.C");
        // 2025: today's communes, N with the first half-year of A and B (b1) and its own n1.
        var y2025 = league(p, "COMMUNE", "2025");
        org.assertj.core.api.Assertions.assertThat(y2025.getString("structure")).isEqualTo("2025-12-31");
        org.assertj.core.api.Assertions.assertThat(codes(y2025)).containsExactly(p + ".X.C", p + ".X.N");
        String n = "find { it.unit.code == '" + p + ".X.N' }.indicators.'onestop.received'.value";
        Integer received = y2025.get("entries." + n) != null ? y2025.get("entries." + n) : y2025.get("unranked." + n);
        org.assertj.core.api.Assertions.assertThat(received).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(codes(league(p, "DISTRICT", "2025"))).isEmpty();
    }

    static io.restassured.path.json.JsonPath league(String p, String tier, String period, String structure) {
        return io.restassured.path.json.JsonPath.from(given().queryParam("province", p).queryParam("tier", tier)
                .queryParam("period", period).queryParam("structure", structure)
                .get("/api/v1/rankings").then().statusCode(200).extract().asString());
    }

    static Integer received(io.restassured.path.json.JsonPath j, String code) {
        String n = "find { it.unit.code == '" + code + "' }.indicators.'onestop.received'.value";
        return j.get("entries." + n) != null ? j.get("entries." + n) : j.get("unranked." + n);
    }

    @Test
    void aStructureDateCanBeAskedFor() {
        // 2024 under today's structure: N counts A's 2024 cases, C stays itself; a like-for-like trend.
        var current = league(p, "COMMUNE", "2024", "current");
        org.assertj.core.api.Assertions.assertThat(current.getString("structure"))
                .isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString());
        org.assertj.core.api.Assertions.assertThat(codes(current)).containsExactly(p + ".X.C", p + ".X.N");
        org.assertj.core.api.Assertions.assertThat(received(current, p + ".X.N")).isEqualTo(2);
        // 2025 under the old structure (a date before the reform): A, B, C as they were, N not yet.
        var old = league(p, "COMMUNE", "2025", "2025-06-30");
        org.assertj.core.api.Assertions.assertThat(old.getString("structure")).isEqualTo("2025-06-30");
        org.assertj.core.api.Assertions.assertThat(codes(old)).containsExactly(p + ".X.A", p + ".X.B", p + ".X.C");
        org.assertj.core.api.Assertions.assertThat(received(old, p + ".X.B")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(codes(league(p, "DISTRICT", "2025", "2025-06-30"))).containsExactly(p + ".H");

        given().queryParam("province", p).queryParam("tier", "COMMUNE").queryParam("period", "2024")
                .queryParam("structure", "yesterday").get("/api/v1/rankings").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("structure"));
        given().queryParam("period", "2024").queryParam("structure", "2024-02-30")
                .get("/api/v1/provinces/" + p + "/indicators").then().statusCode(400).body("errors[0].field", is("structure"));
        given().accept("text/event-stream").queryParam("province", p).queryParam("tier", "COMMUNE")
                .queryParam("structure", "now").get("/api/v1/rankings/stream").then().statusCode(400)
                .body("errors[0].field", is("structure"));

        // Province aggregates, with and without tier, say which structure they used.
        given().queryParam("period", "2024").queryParam("tier", "COMMUNE").queryParam("structure", "current")
                .get("/api/v1/provinces/" + p + "/indicators").then().statusCode(200)
                .body("structure", is(current.getString("structure"))).body("units", is(2))
                .body("indicators.'onestop.received'.value", is(3));
        given().queryParam("period", "2024").get("/api/v1/provinces/" + p + "/indicators").then().statusCode(200)
                .body("structure", is("2024-12-31")).body("units", is(5));

        // CSV: the structure date is the last column of every row.
        String csv = given().accept("text/csv").queryParam("province", p).queryParam("tier", "COMMUNE")
                .queryParam("period", "2024").queryParam("structure", "2025-07-01").get("/api/v1/rankings")
                .then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        org.assertj.core.api.Assertions.assertThat(lines).hasSize(3);
        org.assertj.core.api.Assertions.assertThat(lines[0]).endsWith(",structure");
        org.assertj.core.api.Assertions.assertThat(lines[1]).endsWith(",2025-07-01");
        String prov = given().accept("text/csv").queryParam("period", "2024").queryParam("structure", "current")
                .get("/api/v1/provinces/" + p + "/indicators").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(prov).startsWith("\uFEFFunit,indicator,value,numerator,denominator,structure\r\n")
                .contains(p + ",onestop.received,3,3,," + current.getString("structure") + "\r\n");
    }

    @Test
    void historyRunsBackThroughThePredecessors() {
        given().queryParam("indicator", "onestop.received").queryParam("from", "2024").queryParam("to", "2025")
                .queryParam("granularity", "year").get("/api/v1/units/" + p + ".X.N/history").then().statusCode(200)
                .body("period", contains("2024", "2025")).body("value", contains(2, 2));
        given().queryParam("indicator", "onestop.received").queryParam("from", "2024").queryParam("to", "2025")
                .queryParam("granularity", "year").queryParam("lineage", "false")
                .get("/api/v1/units/" + p + ".X.N/history").then().statusCode(200).body("value", contains(0, 1));
        given().queryParam("indicator", "onestop.received").queryParam("from", "2024").queryParam("to", "2025")
                .queryParam("lineage", "no").get("/api/v1/units/" + p + ".X.N/history").then().statusCode(400)
                .body("errors[0].field", is("lineage"));
    }

    @Test
    void aUnitIsReadAsRestructuredUnlessLineageIsFalse() {
        given().queryParam("period", "2024").get("/api/v1/units/" + p + ".X.N/indicators").then().statusCode(200)
                .body("indicators.'onestop.received'.value", is(2));
        given().queryParam("period", "2024").queryParam("lineage", "false").get("/api/v1/units/" + p + ".X.N/indicators")
                .then().statusCode(200).body("indicators.'onestop.received'.value", is(0));
        given().queryParam("period", "2024").queryParam("lineage", "maybe").get("/api/v1/units/" + p + ".X.N/indicators")
                .then().statusCode(400).body("errors[0].field", is("lineage"));
        // The province aggregate counts each case once, whatever the structure.
        given().queryParam("period", "2024-01-01..2025-12-31")
                .get("/api/v1/provinces/" + p + "/indicators").then().statusCode(200)
                .body("indicators.'onestop.received'.value", is(5));
    }

    @Test
    void lineageListsPredecessorsAndSuccessor() {
        given().get("/api/v1/units/" + p + ".X.N/lineage").then().statusCode(200)
                .body("unit.code", is(p + ".X.N"))
                .body("predecessors.code", contains(p + ".X.A", p + ".X.B"));
        given().get("/api/v1/units/" + p + ".X.A/lineage").then().statusCode(200)
                .body("successor.code", is(p + ".X.N")).body("unit.validTo", is("2025-06-30"));
        given().queryParam("province", p).queryParam("tier", "COMMUNE").get("/api/v1/units").then().statusCode(200)
                .body("code", contains(p + ".X.C", p + ".X.N"));
        given().queryParam("province", p).queryParam("tier", "COMMUNE").queryParam("asOf", "2024-06-01")
                .get("/api/v1/units").then().statusCode(200).body("code", contains(p + ".X.A", p + ".X.B", p + ".X.C"));
        given().queryParam("province", p).queryParam("tier", "COMMUNE").queryParam("all", "true")
                .get("/api/v1/units").then().statusCode(200).body("size()", is(4));
    }

    @Test
    void aCycleOfSuccessorsAndOverlappingParentsAreRefused() {
        given().auth().oauth2(Fixtures.token("admin", "national")).contentType("application/json")
                .body(List.of(unit(p + ".X.N", "COMMUNE", p, "2025-07-01", "2026-01-01", p + ".X.A")))
                .put("/api/v1/units").then().statusCode(400)
                .body("errors[0].field", is("successor")).body("errors[0].message", containsString("cycle"));
        given().auth().oauth2(Fixtures.token("admin", "national")).contentType("application/json")
                .body(List.of(unit(p + ".X.D", "COMMUNE", List.of(Map.of("code", p + ".H", "to", "2025-07-01"),
                        Map.of("code", p, "from", "2025-07-01")), null, null, null)))
                .put("/api/v1/units").then().statusCode(400).body("errors[0].field", is("parents[1]"));
        given().auth().oauth2(Fixtures.token("admin", "national")).contentType("application/json")
                .body(List.of(unit(p + ".X.E", "COMMUNE", p, null, null, p + ".X.N")))
                .put("/api/v1/units").then().statusCode(400).body("errors[0].field", is("successor"));
        given().auth().oauth2(Fixtures.token("admin", "national")).contentType("application/json")
                .body(List.of(unit(p + ".X.F", "COMMUNE", p, "2025-07-02", "2025-07-01", null)))
                .put("/api/v1/units").then().statusCode(400).body("errors[0].field", is("validFrom"));
        given().auth().oauth2(Fixtures.token("admin", "national")).contentType("application/json")
                .body(List.of(unit(p + ".X.G", "COMMUNE", p + ".X.N", null, null, null)))
                .put("/api/v1/units").then().statusCode(400).body("errors[0].field", is("parent"));
    }
}
