package vn.egovpulse.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static vn.egovpulse.reporting.Fixtures.kase;

/**
 * SPEC 7.3 and 7.4 through the API: bands in ranking entries, the national league of provinces,
 * methodologies side by side and ISO weeks. Week 2013-W10 = 2013-03-04..2013-03-10, worked by hand:
 * <pre>
 * province A: A.H.X on time 1/2; A.X.Y on time 2/2; A.X.OLD (merged into A.X.Y on 2013-03-01) 1/1
 *             → the province aggregate 4/5, all DIRECT (received 5, online 0).
 * province B: B.STTTT 1/2 on time, both ONLINE level 4.
 * set T (onTimeRate 100 points at 1.00, bands 80 Tốt, 0 Yếu): A 80 Tốt (1st), B 50 Yếu (2nd).
 * default-2026: A 30×0.8 = 24 of 55 → 43.64 (2nd); B 15 + 15 + 10 = 40 of 55 → 72.73 (1st).
 * qd766 (only v1 facts here): A 20×0.8 + 12 (the two feedback rows, whenNoData FULL) = 28 of 32 → 87.5;
 *        B 10 + 12 = 22 of 32 → 68.75; 32 is less than half of 100: both unranked, no band.
 * </pre>
 */
@QuarkusTest
class QdRankingsTest {
    static final String WEEK = "2013-W10";

    @Inject
    Pool pool;

    // Once for the class: every province with facts in 2013-W10 is in the national league.
    static String a;
    static String b;
    static String t;

    static Map<String, Object> unit(String code, String tier, String parent, String validTo, String successor) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("code", code);
        u.put("name", "Đơn vị " + code);
        u.put("tier", tier);
        if (parent != null) {
            u.put("parent", parent);
        }
        if (validTo != null) {
            u.put("validTo", validTo);
            u.put("successor", successor);
        }
        return u;
    }

    @BeforeEach
    void facts() {
        if (a != null) {
            return;
        }
        a = Fixtures.randomProvince();
        b = Fixtures.randomProvince();
        t = "t-" + a.toLowerCase();
        Fixtures.putUnits(List.of(unit(a, "PROVINCE", null, null, null), unit(b, "PROVINCE", null, null, null),
                unit(a + ".H.X", "DISTRICT", a, null, null),
                unit(a + ".X.Y", "COMMUNE", a + ".H.X", null, null),
                unit(a + ".X.OLD", "COMMUNE", a + ".H.X", "2013-03-01", a + ".X.Y"),
                unit(b + ".STTTT", "DEPARTMENT", b, null, null)));
        String rec = "2013-03-04", due = "2013-03-06", onTime = "2013-03-05", late = "2013-03-08";
        kase(pool, a + ".H.X", "x1", rec, "DIRECT", null, due, onTime, null);
        kase(pool, a + ".H.X", "x2", rec, "DIRECT", null, due, late, null);
        kase(pool, a + ".X.Y", "y1", rec, "DIRECT", null, due, onTime, null);
        kase(pool, a + ".X.Y", "y2", rec, "DIRECT", null, due, onTime, null);
        kase(pool, a + ".X.OLD", "o1", rec, "DIRECT", null, due, onTime, null);
        kase(pool, b + ".STTTT", "s1", rec, "ONLINE", 4, due, onTime, null);
        kase(pool, b + ".STTTT", "s2", rec, "ONLINE", 4, due, late, null);
        pool.preparedQuery("INSERT INTO scoring.criteria_set (id, version, name, groups, bands)"
                        + " VALUES ($1, 1, $2, $3::text::jsonb, $4::text::jsonb)")
                .execute(Tuple.of(t, "Bộ thử",
                        "[{\"name\": \"Tiến độ\", \"indicators\": [{\"key\": \"onestop.onTimeRate\", \"maxPoints\": 100, \"fullMarksAt\": 1.0}]}]",
                        "[{\"min\": 80, \"label\": \"Tốt\"}, {\"min\": 0, \"label\": \"Yếu\"}]"))
                .await().indefinitely();
    }

    @Test
    void theNationalLeagueRanksProvincesOnTheirAggregates() {
        given().queryParam("tier", "PROVINCE").queryParam("period", WEEK).queryParam("criteria", t)
                .get("/api/v1/rankings").then().statusCode(200)
                .body("province", nullValue())
                .body("tier", is("PROVINCE"))
                .body("period.from", is("2013-03-04"))
                .body("period.to", is("2013-03-10"))
                .body("period.label", is(WEEK))
                .body("structure", is("2013-03-10"))
                .body("criteria.id", is(t))
                .body("entries.unit.code", contains(a, b))
                .body("entries.rank", contains(1, 2))
                .body("entries.score", contains(80.0f, 50.0f))
                .body("entries.band", contains("Tốt", "Yếu"))
                .body("entries[0].indicators.'onestop.onTimeRate'.numerator", is(4))
                .body("entries[0].indicators.'onestop.onTimeRate'.denominator", is(5))
                .body("entries[0].previous", nullValue());
        // the same sums as the province aggregate
        given().queryParam("period", WEEK).get("/api/v1/provinces/" + a + "/indicators").then().statusCode(200)
                .body("indicators.'onestop.onTimeRate'.numerator", is(4))
                .body("indicators.'onestop.onTimeRate'.denominator", is(5));
        // default-2026: B first
        given().queryParam("tier", "PROVINCE").queryParam("period", WEEK)
                .get("/api/v1/rankings").then().statusCode(200)
                .body("entries.unit.code", contains(b, a))
                .body("entries.score", contains(72.73f, 43.64f))
                .body("entries.band", contains(nullValue(), nullValue()));
        // qd766 on cases without the SPEC 7.1 flags: sync, digitised, reuse, data store and citizen data are 0 of the
        // cases received (applicable, 0 points); payment, uptake, electronic result and assessed.* have no
        // denominator (not applicable); feedback rows FULL. A: on time 4/5 → 16, satisfaction 4/5 ÷ 0.9 × 6 = 5.33,
        // feedback 12 → 33.33 of 56 applicable = 59.52; B: 10 + 3.33 + 12 = 25.33 of 56 = 45.24.
        String body = given().queryParam("tier", "PROVINCE").queryParam("period", WEEK).queryParam("criteria", "qd766")
                .get("/api/v1/rankings").then().statusCode(200)
                .body("entries.unit.code", contains(a, b))
                .body("entries.score", contains(59.52f, 45.24f))
                .body("entries.band", contains("Trung bình", "Yếu"))
                .body("entries[0].groups.'Mức độ hài lòng'", is(17.33f))
                .extract().asString();
        assertThat(body).contains("\"criteria\":{\"id\":\"qd766\",\"version\":1}");
        // CSV of the national league
        String csv = given().accept("text/csv").queryParam("tier", "PROVINCE").queryParam("period", WEEK)
                .queryParam("criteria", t).get("/api/v1/rankings").then().statusCode(200).extract().asString();
        assertThat(csv.lines().skip(1).limit(2).map(l -> l.split(",")[1]).toList()).containsExactly(a, b);
    }

    @Test
    void aProvinceLeagueCarriesBands() {
        given().queryParam("province", a).queryParam("tier", "DISTRICT").queryParam("period", WEEK).queryParam("criteria", t)
                .get("/api/v1/rankings").then().statusCode(200)
                .body("province", is(a))
                .body("entries.unit.code", contains(a + ".H.X"))
                .body("entries[0].score", is(50.0f))
                .body("entries[0].band", is("Yếu"));
        given().queryParam("province", a).queryParam("tier", "COMMUNE").queryParam("period", WEEK).queryParam("criteria", t)
                .get("/api/v1/rankings").then().statusCode(200)
                .body("entries.unit.code", contains(a + ".X.Y"))
                .body("entries[0].score", is(100.0f)) // 3/3 with the commune merged into it
                .body("entries[0].band", is("Tốt"));
    }

    @Test
    void otherTiersStillNeedAProvince() {
        given().queryParam("tier", "DISTRICT").queryParam("period", WEEK).get("/api/v1/rankings").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", is("province"));
        given().queryParam("tier", "COMMUNE").queryParam("period", WEEK).queryParam("criteria", "default-2026," + t)
                .get("/api/v1/rankings/compare").then().statusCode(400).body("errors[0].field", is("province"));
    }

    @Test
    void methodologiesSideBySide() {
        given().queryParam("tier", "PROVINCE").queryParam("period", WEEK).queryParam("criteria", "default-2026,qd766," + t)
                .get("/api/v1/rankings/compare").then().statusCode(200)
                .body("province", nullValue())
                .body("tier", is("PROVINCE"))
                .body("period.label", is(WEEK))
                .body("structure", is("2013-03-10"))
                .body("criteria.id", contains("default-2026", "qd766", t))
                .body("criteria.version", contains(1, 1, 1))
                .body("entries[0].unit.code", is(b))
                .body("entries[0].results.criteria", contains("default-2026", "qd766", t))
                .body("entries[0].results.rank", contains(1, 2, 2))
                .body("entries[0].results.score", contains(72.73f, 45.24f, 50.0f))
                .body("entries[0].results.band", contains(null, "Yếu", "Yếu"))
                .body("entries[0].rankMove", is(1))
                .body("entries[1].unit.code", is(a))
                .body("entries[1].unit.name", is("Đơn vị " + a))
                .body("entries[1].results.rank", contains(2, 1, 1))
                .body("entries[1].rankMove", is(-1));
        given().queryParam("province", a).queryParam("tier", "DISTRICT").queryParam("period", WEEK)
                .queryParam("criteria", t + ",default-2026")
                .get("/api/v1/rankings/compare").then().statusCode(200)
                .body("province", is(a))
                .body("entries.unit.code", contains(a + ".H.X"))
                .body("entries[0].results.score", contains(50.0f, 27.27f))
                .body("entries[0].rankMove", is(0));
        String csv = given().queryParam("tier", "PROVINCE").queryParam("period", WEEK).queryParam("format", "csv")
                .queryParam("criteria", "default-2026," + t).get("/api/v1/rankings/compare").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFcode,name,default-2026.rank,default-2026.score,default-2026.band,"
                + t + ".rank," + t + ".score," + t + ".band,rankMove");
        assertThat(lines.get(1)).isEqualTo(b + ",Đơn vị " + b + ",1,72.73,,2,50.0,Yếu,1");
    }

    @Test
    void compareNeedsTwoToFiveKnownSets() {
        for (String bad : List.of("default-2026", "", "default-2026,default-2026", "default-2026,,qd766",
                "a1,a2,a3,a4,a5,a6")) {
            given().queryParam("province", a).queryParam("tier", "DISTRICT").queryParam("period", WEEK)
                    .queryParam("criteria", bad).get("/api/v1/rankings/compare").then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("errors[0].field", is("criteria"));
        }
        given().queryParam("province", a).queryParam("tier", "DISTRICT").queryParam("period", WEEK)
                .queryParam("criteria", "default-2026,no-such-set-" + t).get("/api/v1/rankings/compare").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void isoWeeksInRankingsAndHistory() {
        given().queryParam("province", a).queryParam("tier", "DISTRICT").queryParam("period", "2013-W53")
                .get("/api/v1/rankings").then().statusCode(400).body("errors[0].field", is("period"));
        given().queryParam("province", a).queryParam("tier", "DISTRICT").queryParam("period", "WTD")
                .get("/api/v1/rankings").then().statusCode(200)
                .body("period.label", is("WTD"))
                .body("period.from", is(LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).with(DayOfWeek.MONDAY).toString()));
        given().queryParam("indicator", "onestop.onTimeRate").queryParam("from", "2013-W10").queryParam("to", "2013-03-11")
                .queryParam("granularity", "week").get("/api/v1/units/" + a + ".H.X/history").then().statusCode(200)
                .body("period", contains("2013-W10", "2013-W11"))
                .body("numerator", contains(1, 0))
                .body("denominator", contains(2, 0))
                .body("value", contains(0.5f, null));
        // a week across the new year belongs to its ISO week-based year
        given().queryParam("indicator", "onestop.received").queryParam("from", "2012-12-30").queryParam("to", "2013-01-01")
                .queryParam("granularity", "week").get("/api/v1/units/" + a + ".H.X/history").then().statusCode(200)
                .body("period", contains("2012-W52", "2013-W01"));
        given().queryParam("indicator", "onestop.received").queryParam("from", "2013-W54").queryParam("to", "2013-W10")
                .queryParam("granularity", "week").get("/api/v1/units/" + a + ".H.X/history").then().statusCode(400)
                .body("errors[0].field", is("from"));
        given().queryParam("indicator", "onestop.received").queryParam("from", "2013-W01").queryParam("to", "2013-W10")
                .queryParam("granularity", "fortnight").get("/api/v1/units/" + a + ".H.X/history").then().statusCode(400)
                .body("errors[0].field", is("granularity"));
    }

    @Test
    void aUnitsScoreWeekByWeek() {
        given().queryParam("criteria", t).queryParam("from", "2013-W09").queryParam("to", "2013-W11")
                .get("/api/v1/units/" + a + ".H.X/scores").then().statusCode(200)
                .body("unit", is(a + ".H.X"))
                .body("tier", is("DISTRICT"))
                .body("criteria.id", is(t))
                .body("granularity", is("week"))
                .body("points.period", contains("2013-W09", "2013-W10", "2013-W11"))
                .body("points[1].from", is("2013-03-04"))
                .body("points.score", contains(null, 50.0f, null))
                .body("points.ranked", contains(false, true, false))
                .body("points.band", contains(null, "Yếu", null));
        // qd766 for a commune: on time 2/2 → 20, satisfaction 2/2 → 6, feedback FULL 12; sync, digitised, reuse and
        // data store 0 of 2 (16 applicable, 0 points); uptake and citizen data not for communes → 38 of 54 = 70.37
        given().queryParam("criteria", "qd766").queryParam("from", WEEK).queryParam("to", WEEK)
                .get("/api/v1/units/" + a + ".X.Y/scores").then().statusCode(200)
                .body("points.score", contains(70.37f))
                .body("points.ranked", contains(true))
                .body("points[0].band", is("Khá"))
                .body("points[0].groups.'Cung cấp dịch vụ trực tuyến'", nullValue())
                .body("points[0].groups.'Mức độ hài lòng'", is(18.0f));
        given().get("/api/v1/units/" + a + ".X.Y/scores").then().statusCode(200)
                .body("criteria.id", is("default-2026")).body("points.size()", is(8));
        given().queryParam("from", "2013-W60").get("/api/v1/units/" + a + ".X.Y/scores").then().statusCode(400)
                .body("errors[0].field", is("from"));
        given().queryParam("criteria", "no-such-" + t).get("/api/v1/units/" + a + ".X.Y/scores").then().statusCode(404);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    /** The 766 view in headless Chromium (as BrowserTest): the unit's card, its weeks and the national league. */
    @Test
    void theDashboardShowsThe766View() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/chromium").exists(),
                "Debian's chromium (apt-get install -y chromium), as BrowserTest");
        java.nio.file.Path profile = java.nio.file.Files.createTempDirectory("egov-chromium");
        java.nio.file.Path out = java.nio.file.Files.createTempFile("egov-dom", ".html");
        Process p = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=8000", "--dump-dom",
                root + "?live=0&u766=" + a + ".H.X&week=" + WEEK + "#qd766")
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("chromium finished").isTrue();
        String dom = java.nio.file.Files.readString(out, java.nio.charset.StandardCharsets.UTF_8);
        // A.H.X under qd766: on time 1/2 → 10, satisfaction 1/2 ÷ 0.9 × 6 = 3.33, feedback FULL 12 → 25.33 of 56 → 45,24
        assertThat(dom).contains("id=\"qd766-score\">45,24<")
                .contains("Yếu")
                .contains("<th scope=\"row\">Mức độ hài lòng</th>")
                .contains(">2013-W10<")
                .contains("Tuần 2013-W10 (2013-03-04 – 2013-03-10)")
                .contains("Đơn vị " + a).contains("Đơn vị " + b)
                .containsPattern("id=\"ranking-section\"[^>]*hidden")
                .doesNotContainPattern("id=\"qd766-view\"[^>]*hidden")
                .containsPattern("<tr tabindex=\"0\" data-unit=\"" + a + "\"");
    }

    @Test
    void criteriaListingShowsTheV2Fields() {
        given().get("/api/v1/criteria/qd766").then().statusCode(200)
                .body("bands.label", contains("Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"))
                .body("groups[5].indicators.whenNoData", contains("FULL", "FULL", "NOT_APPLICABLE"))
                .body("groups[2].indicators[0].tiers", contains("PROVINCE", "DEPARTMENT", "DISTRICT"))
                .body("groups[1].indicators[0].tiers", nullValue())
                .body("maxPoints", is(100.0f));
        given().get("/api/v1/criteria/default-2026").then().statusCode(200)
                .body("bands", nullValue())
                .body("groups[0].indicators[0].whenNoData", is("NOT_APPLICABLE"));
    }
}
