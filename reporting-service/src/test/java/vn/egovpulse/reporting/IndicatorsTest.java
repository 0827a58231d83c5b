package vn.egovpulse.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static vn.egovpulse.reporting.Fixtures.docs;
import static vn.egovpulse.reporting.Fixtures.kase;
import static vn.egovpulse.reporting.Fixtures.meetings;
import static vn.egovpulse.reporting.Fixtures.unit;

/**
 * SPEC section 3 through the API, with facts written straight into scoring's tables and the
 * expected numbers worked out by hand in the comments.
 */
@QuarkusTest
class IndicatorsTest {
    @Inject
    Pool pool;

    String p;
    String district;
    String x1;
    String x2;

    @BeforeEach
    void facts() {
        p = Fixtures.randomProvince();
        district = p + ".H.THANHBA";
        x1 = p + ".X.XUANLUNG";
        x2 = p + ".X.PHULOC";
        Fixtures.putUnits(List.of(
                unit(p, "Tỉnh Phú Thọ " + p, "PROVINCE", null),
                unit(p + ".STTTT", "Sở Thông tin và Truyền thông", "DEPARTMENT", p),
                unit(district, "UBND huyện Thanh Ba", "DISTRICT", p),
                unit(x1, "UBND xã Xuân Lũng", "COMMUNE", district),
                unit(x2, "UBND xã Phú Lộc", "COMMUNE", district)));

        kase(pool, district, "c1", "2020-03-10", "ONLINE", 4, "2020-03-20", "2020-03-15", null); // early
        kase(pool, district, "c2", "2020-03-10", "ONLINE", 3, "2020-03-20", "2020-03-20", null); // on the due date
        kase(pool, district, "c3", "2020-03-10", "POSTAL", null, "2020-03-20", "2020-03-21", null); // a day late
        kase(pool, district, "c4", "2020-12-20", "DIRECT", null, "2021-01-10", "2021-01-05", null); // spans two years
        kase(pool, district, "c5", "2020-06-01", "DIRECT", null, "2020-06-10", null, null); // open, overdue
        kase(pool, district, "c6", "2020-12-28", "DIRECT", null, "2021-01-15", null, null); // open, not yet due
        kase(pool, district, "c7", null, null, null, null, "2020-05-05", null); // resolved, due date unknown
        kase(pool, district, "c8", "2019-12-31", "DIRECT", null, "2020-01-10", null, null); // the last day of 2019
        docs(pool, district, "2020-03-10", 10, 8, 6, 4, 3, 7, 2, 5);
        docs(pool, district, "2020-12-31", 2, 2, 2, 2, 1, 2, 0, 1);
        docs(pool, district, "2021-01-01", 100, 100, 100, 100, 100, 100, 100, 100);
        meetings(pool, district, "2020-04-01", 4, 40, 200, 1);
        meetings(pool, district, "2019-12-31", 9, 9, 9, 9);

        // Communes: 1 of 1 on time in X1, 0 of 3 in X2. Mean of rates 0.5; the aggregate is 1/4.
        kase(pool, x1, "k1", "2020-02-01", "DIRECT", null, "2020-02-05", "2020-02-04", null);
        for (int i = 0; i < 3; i++) {
            kase(pool, x2, "k" + i, "2020-02-01", "DIRECT", null, "2020-02-05", "2020-02-10", null);
        }
    }

    private Response unitIndicators(String code, String period) {
        return given().queryParam("period", period).get("/api/v1/units/" + code + "/indicators");
    }

    @Test
    void yearIndicatorsOfOneUnit() {
        // 2020: received c1..c6 = 6; resolved c1, c2, c3, c7 = 4 (c4 resolves in 2021).
        // onTime denominator: c1..c6 (c7 has no due date, c8 only has a 2019 receipt) = 6.
        // on time: c1 early, c2 on the due date, c4 open at period end 2020-12-31 and due 2021-01-10,
        // c6 open and not yet due = 4; late: c3 (a day late), c5 (open, due 2020-06-10 < 2020-12-31) = 2.
        unitIndicators(district, "2020").then().statusCode(200)
                .body("unit", is(district))
                .body("name", is("UBND huyện Thanh Ba"))
                .body("tier", is("DISTRICT"))
                .body("period.from", is("2020-01-01"))
                .body("period.to", is("2020-12-31"))
                .body("indicators.'onestop.received'.value", is(6))
                .body("indicators.'onestop.received'.numerator", is(6))
                .body("indicators.'onestop.received'.denominator", nullValue())
                .body("indicators.'onestop.resolved'.numerator", is(4))
                .body("indicators.'onestop.onTimeRate'.numerator", is(4))
                .body("indicators.'onestop.onTimeRate'.denominator", is(6))
                .body("indicators.'onestop.onTimeRate'.value", is((float) (4.0 / 6)))
                .body("indicators.'onestop.lateCount'.numerator", is(2))
                .body("indicators.'onestop.onlineRate'.numerator", is(2))
                .body("indicators.'onestop.onlineRate'.denominator", is(6))
                .body("indicators.'onestop.fullOnlineRate'.numerator", is(1))
                .body("indicators.'onestop.postalRate'.numerator", is(1))
                // documents of 2020-03-10 and 2020-12-31, not of 2021-01-01
                .body("indicators.'docs.issued'.numerator", is(12))
                .body("indicators.'docs.received'.numerator", is(6))
                .body("indicators.'docs.signedRate'.numerator", is(8))
                .body("indicators.'docs.signedRate'.denominator", is(10))
                .body("indicators.'docs.orgSignedRate'.numerator", is(6))
                .body("indicators.'docs.leaderSignedRate'.numerator", is(4))
                .body("indicators.'docs.electronicRate'.value", is(0.9f))
                .body("indicators.'docs.axisRate'.value", is(0.2f))
                .body("indicators.'vc.meetings'.numerator", is(4))
                .body("indicators.'vc.endpoints'.numerator", is(40))
                .body("indicators.'vc.participants'.numerator", is(200))
                .body("indicators.'vc.communeReachRate'.value", is(0.25f))
                .body("indicators.'vc.communeReachRate'.denominator", is(4));
    }

    @Test
    void aCaseReceivedIn2020AndResolvedIn2021CountsInBothYears() {
        // 2021: c4 resolved 2021-01-05, due 2021-01-10: in the denominator, on time. c6 stays open
        // (received in 2020) so it is not in 2021's denominator.
        unitIndicators(district, "2021").then().statusCode(200)
                .body("indicators.'onestop.received'.numerator", is(0))
                .body("indicators.'onestop.resolved'.numerator", is(1))
                .body("indicators.'onestop.onTimeRate'.numerator", is(1))
                .body("indicators.'onestop.onTimeRate'.denominator", is(1))
                .body("indicators.'onestop.onTimeRate'.value", is(1.0f))
                // every rate with denominator 0 has a null value but keeps its counts
                .body("indicators.'onestop.onlineRate'.value", nullValue())
                .body("indicators.'onestop.onlineRate'.numerator", is(0))
                .body("indicators.'onestop.onlineRate'.denominator", is(0))
                .body("indicators.'docs.signedRate'.value", is(1.0f))
                .body("indicators.'vc.communeReachRate'.value", nullValue())
                .body("indicators.'vc.communeReachRate'.denominator", is(0));
    }

    @Test
    void dueDateRulesAtDayAndMonthBoundaries() {
        // On the due date: on time.
        unitIndicators(district, "2020-03-20").then()
                .body("indicators.'onestop.onTimeRate'.numerator", is(1))
                .body("indicators.'onestop.onTimeRate'.denominator", is(1));
        // The next day: late.
        unitIndicators(district, "2020-03-21").then()
                .body("indicators.'onestop.onTimeRate'.numerator", is(0))
                .body("indicators.'onestop.onTimeRate'.denominator", is(1))
                .body("indicators.'onestop.lateCount'.numerator", is(1));
        // c5 received 2020-06-01, due 2020-06-10, still open: on time at the end of 2020-06-05, late at month end.
        unitIndicators(district, "2020-06-01..2020-06-05").then()
                .body("indicators.'onestop.onTimeRate'.numerator", is(1))
                .body("indicators.'onestop.lateCount'.numerator", is(0));
        unitIndicators(district, "2020-06").then()
                .body("indicators.'onestop.onTimeRate'.numerator", is(0))
                .body("indicators.'onestop.lateCount'.numerator", is(1));
        // Unknown due date: resolved counts, the on-time rate does not see it.
        unitIndicators(district, "2020-05").then()
                .body("indicators.'onestop.resolved'.numerator", is(1))
                .body("indicators.'onestop.onTimeRate'.denominator", is(0))
                .body("indicators.'onestop.onTimeRate'.value", nullValue())
                .body("indicators.'onestop.lateCount'.numerator", is(0));
        // Local-date boundaries: 2019-12-31 belongs to 2019, 2021-01-01 to 2021.
        unitIndicators(district, "2019-12-31").then()
                .body("indicators.'onestop.received'.numerator", is(1))
                .body("indicators.'vc.meetings'.numerator", is(9));
        unitIndicators(district, "2020-12-31").then()
                .body("indicators.'onestop.received'.numerator", is(0))
                .body("indicators.'docs.issued'.numerator", is(2));
        unitIndicators(district, "2020-Q1").then()
                .body("indicators.'onestop.received'.numerator", is(3))
                .body("indicators.'vc.meetings'.numerator", is(0));
    }

    @Test
    void tierAggregateSumsCountsInsteadOfAveragingRates() {
        given().queryParam("period", "2020").queryParam("tier", "COMMUNE")
                .get("/api/v1/provinces/" + p + "/indicators").then().statusCode(200)
                .body("unit", is(p))
                .body("province", is(p))
                .body("tier", is("COMMUNE"))
                .body("units", is(2))
                .body("indicators.'onestop.onTimeRate'.numerator", is(1))
                .body("indicators.'onestop.onTimeRate'.denominator", is(4))
                .body("indicators.'onestop.onTimeRate'.value", is(0.25f)); // not (1.0 + 0.0) / 2
        // The whole province: itself, the department, the district and both communes.
        given().queryParam("period", "2020").get("/api/v1/provinces/" + p + "/indicators").then().statusCode(200)
                .body("tier", nullValue())
                .body("units", is(5))
                .body("indicators.'onestop.onTimeRate'.numerator", is(5))
                .body("indicators.'onestop.onTimeRate'.denominator", is(10))
                .body("indicators.'onestop.received'.numerator", is(10));
    }

    @Test
    void unknownUnitsProvincesAndBadParameters() {
        unitIndicators(p + ".NOPE", "2020").then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("period", "2020").get("/api/v1/provinces/" + district + "/indicators").then().statusCode(404);
        given().queryParam("period", "2020").get("/api/v1/provinces/" + p + "X/indicators").then().statusCode(404);
        unitIndicators(district, "2020-13").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("period"));
        unitIndicators(district, null).then().statusCode(400).body("errors[0].field", is("period"));
        given().queryParam("period", "2020").queryParam("tier", "CITY")
                .get("/api/v1/provinces/" + p + "/indicators").then().statusCode(400).body("errors[0].field", is("tier"));
    }

    @Test
    void indicatorsAsCsv() {
        Response r = given().accept("text/csv").queryParam("period", "2020").get("/api/v1/units/" + district + "/indicators");
        r.then().statusCode(200).contentType(containsString("text/csv")).contentType(containsString("charset=UTF-8"));
        String[] lines = new String(r.asByteArray(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo("\uFEFFunit,indicator,value,numerator,denominator");
        r.then().header("Content-Disposition", "attachment; filename=\"indicators-" + district + "-2020.csv\"");
        assertThat(lines).contains(district + ",onestop.onTimeRate," + (4.0 / 6) + ",4,6",
                district + ",onestop.received,6,6,", district + ",vc.communeReachRate,0.25,1,4");
        assertThat(lines).hasSize(1 + vn.egovpulse.events.Counts.KEYS.size()); // no assessed.* records: the fixed keys only

        Response prov = given().accept("text/csv").queryParam("period", "2020").queryParam("tier", "COMMUNE")
                .get("/api/v1/provinces/" + p + "/indicators");
        assertThat(new String(prov.asByteArray(), StandardCharsets.UTF_8))
                .contains(p + ",onestop.onTimeRate,0.25,1,4");
    }

    @Test
    void historySeries() {
        // Monthly on-time rate, Jan..Jun 2020: March 2 of 3 (c1, c2 on time, c3 late), May only c7
        // (no due date), June c5 overdue at month end.
        given().queryParam("indicator", "onestop.onTimeRate").queryParam("from", "2020-01").queryParam("to", "2020-06")
                .get("/api/v1/units/" + district + "/history").then().statusCode(200)
                .body("$", hasSize(6))
                .body("period", is(List.of("2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06")))
                .body("[0].value", nullValue())
                .body("[0].numerator", is(0))
                .body("[0].denominator", is(0))
                .body("[2].numerator", is(2))
                .body("[2].denominator", is(3))
                .body("[4].denominator", is(0))
                .body("[5].numerator", is(0))
                .body("[5].denominator", is(1));
        // Quarters of 2020 (widened from a year): Q4 has c4 and c6, both not yet due on 2020-12-31.
        given().queryParam("indicator", "onestop.onTimeRate").queryParam("from", "2020").queryParam("to", "2020-11-15")
                .queryParam("granularity", "quarter")
                .get("/api/v1/units/" + district + "/history").then().statusCode(200)
                .body("period", is(List.of("2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4")))
                .body("numerator", is(List.of(2, 0, 0, 2)))
                .body("denominator", is(List.of(3, 1, 0, 2)));
        // Days, with a count: documents issued.
        given().queryParam("indicator", "docs.issued").queryParam("from", "2020-12-30").queryParam("to", "2021-01-01")
                .queryParam("granularity", "day")
                .get("/api/v1/units/" + district + "/history").then().statusCode(200)
                .body("period", is(List.of("2020-12-30", "2020-12-31", "2021-01-01")))
                .body("numerator", is(List.of(0, 2, 100)));
        given().queryParam("indicator", "vc.meetings").queryParam("from", "2019").queryParam("to", "2020")
                .queryParam("granularity", "year")
                .get("/api/v1/units/" + district + "/history").then().statusCode(200)
                .body("value", is(List.of(9, 4)));
    }

    @Test
    void historyRefusesBadParameters() {
        String path = "/api/v1/units/" + district + "/history";
        given().queryParam("indicator", "onestop.nope").queryParam("from", "2020-01").queryParam("to", "2020-06")
                .get(path).then().statusCode(400).body("errors[0].field", is("indicator"));
        given().queryParam("indicator", "docs.issued").queryParam("from", "2020-1").queryParam("to", "2020-06")
                .get(path).then().statusCode(400).body("errors[0].field", is("from"));
        given().queryParam("indicator", "docs.issued").queryParam("from", "2020-01").queryParam("to", "P7D")
                .get(path).then().statusCode(400).body("errors[0].field", is("to"));
        given().queryParam("indicator", "docs.issued").queryParam("from", "2020-01").queryParam("to", "2020-06")
                .queryParam("granularity", "fortnight").get(path).then().statusCode(400).body("errors[0].field", is("granularity"));
        given().queryParam("indicator", "docs.issued").queryParam("from", "2000-01-01").queryParam("to", "2020-06")
                .queryParam("granularity", "day").get(path).then().statusCode(400);
        given().queryParam("indicator", "docs.issued").queryParam("from", "2020-01").queryParam("to", "2020-06")
                .get("/api/v1/units/" + p + ".NOPE/history").then().statusCode(404);
    }
}
