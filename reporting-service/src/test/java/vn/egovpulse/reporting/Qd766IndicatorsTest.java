package vn.egovpulse.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.Counts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static vn.egovpulse.reporting.Fixtures.d;
import static vn.egovpulse.reporting.Fixtures.unit;

/**
 * SPEC 7.2 through the API for the week 2026-11-23..2026-11-29 (ISO week 2026-W48), with facts
 * written straight into scoring's tables and every numerator and denominator worked out by hand.
 * The period ends 2026-11-29 (before today): "open at period end" is judged on that day.
 */
@QuarkusTest
class Qd766IndicatorsTest {
    static final String WEEK = "2026-11-23..2026-11-29";

    @Inject
    Pool pool;

    String p;
    String district;
    String commune;

    /** A case with its SPEC 7.1 flags: "fee,eligible,digitized,reused,store,citizen,synced" / "result,electronic". */
    void kase(String unit, String id, String received, String channel, Integer level, String due, String resolved,
              String receivedFlags, String resolvedFlags) {
        List<String> f = Arrays.asList(receivedFlags.split(","));
        List<String> r = Arrays.asList(resolvedFlags.split(","));
        boolean rec = received != null, res = resolved != null;
        pool.preparedQuery("INSERT INTO scoring.onestop_case (unit, case_id, received_day, channel, online_level,"
                        + " received_due_day, resolved_day, fee_required, full_online_eligible, digitized, reused_data,"
                        + " data_store, citizen_data, synced_national, result_document, electronic_result)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)")
                .execute(Tuple.tuple(new ArrayList<>(Arrays.asList(unit, id, d(received), channel,
                        level == null ? null : level.shortValue(), d(due), d(resolved),
                        rec ? f.contains("fee") : null, rec ? f.contains("eligible") : null,
                        rec ? f.contains("digitized") : null, rec ? f.contains("reused") : null,
                        rec ? f.contains("store") : null, rec ? f.contains("citizen") : null,
                        rec ? f.contains("synced") : null, res ? r.contains("result") : null,
                        res ? r.contains("electronic") : null))))
                .await().indefinitely();
    }

    void paid(String unit, String caseId, boolean online) {
        pool.preparedQuery("INSERT INTO scoring.case_payment (unit, case_id, paid_online) VALUES ($1, $2, $3)")
                .execute(Tuple.of(unit, caseId, online)).await().indefinitely();
        // as scoring's writer does: an online payment marks its case (when the case is there)
        pool.preparedQuery("UPDATE scoring.onestop_case SET paid_online = true WHERE unit = $1 AND case_id = $2 AND $3")
                .execute(Tuple.of(unit, caseId, online)).await().indefinitely();
    }

    void rated(String unit, String caseId, boolean satisfied) {
        pool.preparedQuery("INSERT INTO scoring.case_rating (unit, case_id, rated_at, satisfied) VALUES ($1, $2, now(), $3)")
                .execute(Tuple.of(unit, caseId, satisfied)).await().indefinitely();
        pool.preparedQuery("UPDATE scoring.onestop_case SET rated_satisfied = $3 WHERE unit = $1 AND case_id = $2")
                .execute(Tuple.of(unit, caseId, satisfied)).await().indefinitely();
    }

    void feedback(String unit, String id, String received, String due, String resolved, Boolean satisfied) {
        pool.preparedQuery("INSERT INTO scoring.feedback (unit, feedback_id, received_day, due_day, resolved_day, satisfied)"
                        + " VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple(new ArrayList<>(Arrays.asList(unit, id, d(received), d(due), d(resolved), satisfied))))
                .await().indefinitely();
    }

    void assessed(String unit, String indicator, String period, String from, String to, long numerator, Long denominator) {
        pool.preparedQuery("INSERT INTO scoring.assessment (unit, indicator, period, period_from, period_to, recorded_at,"
                        + " numerator, denominator) VALUES ($1, $2, $3, $4, $5, now(), $6, $7)")
                .execute(Tuple.tuple(new ArrayList<>(Arrays.asList(unit, indicator, period, d(from), d(to), numerator,
                        denominator))))
                .await().indefinitely();
    }

    @BeforeEach
    void facts() {
        p = Fixtures.randomProvince();
        district = p + ".H.THANHBA";
        commune = p + ".X.XUANLUNG";
        Fixtures.putUnits(List.of(
                unit(p, "Tỉnh Phú Thọ " + p, "PROVINCE", null),
                unit(district, "UBND huyện Thanh Ba", "DISTRICT", p),
                unit(p + ".H.LAMTHAO", "UBND huyện Lâm Thao", "DISTRICT", p),
                unit(commune, "UBND xã Xuân Lũng", "COMMUNE", district)));

        // Cases of the district (received in the week: a1, a2, a3, a6; resolved in it: a1, a2, a4, a7).
        kase(district, "a1", "2026-11-23", "ONLINE", 4, "2026-11-27", "2026-11-26",
                "fee,eligible,digitized,citizen,synced", "result,electronic"); // early
        kase(district, "a2", "2026-11-24", "DIRECT", null, "2026-11-25", "2026-11-28",
                "fee,eligible,reused,store,synced", "result"); // late
        kase(district, "a3", "2026-11-25", "ONLINE", 3, "2026-12-10", null, "eligible,digitized,synced", ""); // open, not due
        kase(district, "a4", "2026-11-10", "DIRECT", null, "2026-11-20", "2026-11-24", "fee", "result,electronic"); // late
        kase(district, "a6", "2026-11-29", "DIRECT", null, "2026-12-01", null, "fee,digitized", ""); // open, not due
        kase(district, "a7", null, null, null, null, "2026-11-27", "", ""); // due date unknown
        kase(district, "a8", "2026-11-30", "DIRECT", null, "2026-12-01", null, "fee,synced", ""); // the next week
        paid(district, "a1", true);
        paid(district, "a2", false);
        paid(district, "a4", true); // received before the week: not in the week's payment rate
        paid(district, "a5", true); // no case received (yet): not counted
        rated(district, "a1", false);
        rated(district, "a3", true);
        rated(district, "a6", false);
        rated(district, "a2", false); // late anyway
        // Feedback of the district.
        feedback(district, "f1", "2026-11-23", "2026-11-27", "2026-11-25", true); // on time
        feedback(district, "f2", "2026-11-24", "2026-11-26", "2026-11-28", null); // late, no verdict
        feedback(district, "f3", "2026-11-26", "2026-12-03", null, null); // open, not due
        feedback(district, "f4", "2026-11-20", "2026-11-22", "2026-11-24", false); // late, unsatisfied
        feedback(district, "f5", null, null, "2026-11-25", null); // due date unknown
        feedback(district, "f6", "2026-11-25", "2026-11-27", null, null); // open, overdue at period end
        // Assessment records of the district.
        assessed(district, "assessed.publishOnTime", "2026-W48", "2026-11-23", "2026-11-29", 9, 10L);
        assessed(district, "assessed.publishOnTime", "2026-11-24", "2026-11-24", "2026-11-24", 1, 2L);
        assessed(district, "assessed.publishOnTime", "2026-11", "2026-11-01", "2026-11-30", 5, 5L); // not inside the week
        assessed(district, "assessed.portalVisits", "2026-W48", "2026-11-23", "2026-11-29", 120, null);
        assessed(district, "assessed.mixed", "2026-W48", "2026-11-23", "2026-11-29", 3, 4L);
        assessed(district, "assessed.mixed", "2026-11-25", "2026-11-25", "2026-11-25", 7, null);
        // The commune: one fee case paid online, resolved on time, no rating; one record.
        kase(commune, "b1", "2026-11-23", "ONLINE", 4, "2026-11-25", "2026-11-24",
                "fee,eligible,digitized,reused,store,citizen,synced", "result,electronic");
        paid(commune, "b1", true);
        paid(commune, "b1-other", false);
        assessed(commune, "assessed.publishOnTime", "2026-W48", "2026-11-23", "2026-11-29", 1, 1L);
    }

    private static void expect(JsonPath j, String key, Object numerator, Object denominator) {
        assertThat(j.getLong("indicators.'" + key + "'.numerator")).as(key + " numerator").isEqualTo(((Number) numerator).longValue());
        Object den = j.get("indicators.'" + key + "'.denominator");
        if (denominator == null) {
            assertThat(den).as(key + " denominator").isNull();
        } else {
            assertThat(((Number) den).longValue()).as(key + " denominator").isEqualTo(((Number) denominator).longValue());
        }
    }

    @Test
    void everyNewIndicatorOfOneUnitForOneWeek() {
        JsonPath j = given().queryParam("period", WEEK).get("/api/v1/units/" + district + "/indicators")
                .then().statusCode(200).extract().jsonPath();
        expect(j, "onestop.received", 4, null);
        expect(j, "onestop.onTimeRate", 3, 5); // a1, a3, a6 of a1, a2, a3, a4, a6
        expect(j, "onestop.syncRate", 3, 4); // a1, a2, a3
        expect(j, "onestop.fullOnlineUptake", 1, 3); // a1 ONLINE level 4, of eligible a1, a2, a3
        expect(j, "onestop.onlinePaymentRate", 1, 3); // a1 of fee cases a1, a2, a6
        expect(j, "onestop.electronicResultRate", 2, 3); // a1, a4 of results a1, a2, a4
        expect(j, "onestop.digitizedRate", 3, 4); // a1, a3, a6
        expect(j, "onestop.reuseRate", 1, 4); // a2
        expect(j, "onestop.dataStoreRate", 1, 4); // a2
        expect(j, "onestop.citizenDataRate", 1, 4); // a1
        expect(j, "onestop.satisfactionRate", 1, 5); // a3 (a1, a6 rated unsatisfied; a2, a4 late)
        expect(j, "feedback.received", 4, null); // f1, f2, f3, f6
        expect(j, "feedback.onTimeRate", 2, 5); // f1, f3 of f1, f2, f3, f4, f6
        expect(j, "feedback.satisfactionRate", 3, 4); // f1, f2, f5 of f1, f2, f4, f5
        expect(j, "assessed.publishOnTime", 10, 12); // W48 9/10 + the day 1/2; the month is not inside the week
        expect(j, "assessed.portalVisits", 120, null); // a count
        expect(j, "assessed.mixed", 3, 4); // mixed: the rate of the records with a denominator
        assertThat(j.getDouble("indicators.'onestop.onlinePaymentRate'.value")).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(j.getInt("indicators.'assessed.portalVisits'.value")).isEqualTo(120);
        // v1 keys first, in their order, then SPEC 7.2's, then the assessed.* keys sorted
        List<String> keys = new ArrayList<>(j.<String, Object>getMap("indicators").keySet());
        List<String> expected = new ArrayList<>(Counts.KEYS);
        expected.addAll(List.of("assessed.mixed", "assessed.portalVisits", "assessed.publishOnTime"));
        assertThat(keys).isEqualTo(expected);

        // The month holds the month's record too: 9 + 1 + 5 of 10 + 2 + 5.
        JsonPath month = given().queryParam("period", "2026-11").get("/api/v1/units/" + district + "/indicators")
                .then().statusCode(200).extract().jsonPath();
        expect(month, "assessed.publishOnTime", 15, 17);
        // A week without records has no assessed.* keys.
        JsonPath next = given().queryParam("period", "2026-11-30..2026-12-06").get("/api/v1/units/" + district + "/indicators")
                .then().statusCode(200).extract().jsonPath();
        assertThat(next.getMap("indicators").keySet()).containsExactlyElementsOf(Counts.KEYS);
        expect(next, "onestop.onlinePaymentRate", 0, 1); // a8: fee, unpaid
    }

    @Test
    void theProvinceAndTierAggregatesSumNumeratorsAndDenominators() {
        JsonPath all = given().queryParam("period", WEEK).get("/api/v1/provinces/" + p + "/indicators")
                .then().statusCode(200).extract().jsonPath();
        expect(all, "onestop.onlinePaymentRate", 2, 4); // district 1/3 + commune 1/1
        expect(all, "onestop.satisfactionRate", 2, 6); // district 1/5 + commune 1/1 (b1 on time, not rated)
        expect(all, "onestop.reuseRate", 2, 5);
        expect(all, "feedback.onTimeRate", 2, 5);
        expect(all, "assessed.publishOnTime", 11, 13);
        JsonPath communes = given().queryParam("period", WEEK).queryParam("tier", "COMMUNE")
                .get("/api/v1/provinces/" + p + "/indicators").then().statusCode(200).extract().jsonPath();
        expect(communes, "onestop.citizenDataRate", 1, 1);
        expect(communes, "assessed.publishOnTime", 1, 1);
        assertThat(communes.getMap("indicators")).doesNotContainKey("assessed.portalVisits");
        // no feedback at all: a rate over nothing
        assertThat(communes.getString("indicators.'feedback.onTimeRate'.value")).isNull();
        expect(communes, "feedback.onTimeRate", 0, 0);
    }

    @Test
    void historyOfANewIndicatorAndOfAnAssessedOne() {
        given().queryParam("indicator", "onestop.electronicResultRate").queryParam("from", "2026-11-23")
                .queryParam("to", "2026-11-26").queryParam("granularity", "day")
                .get("/api/v1/units/" + district + "/history").then().statusCode(200)
                .body("numerator", is(List.of(0, 1, 0, 1))) // a4 on the 24th, a1 on the 26th
                .body("denominator", is(List.of(0, 1, 0, 1)));
        given().queryParam("indicator", "assessed.publishOnTime").queryParam("from", "2026-10").queryParam("to", "2026-12")
                .get("/api/v1/units/" + district + "/history").then().statusCode(200)
                .body("period", is(List.of("2026-10", "2026-11", "2026-12")))
                .body("[0].value", nullValue())
                .body("[1].numerator", is(15))
                .body("[1].denominator", is(17))
                .body("[2].numerator", is(0));
        given().queryParam("indicator", "feedback.satisfactionRate").queryParam("from", "2026-11").queryParam("to", "2026-11")
                .get("/api/v1/units/" + district + "/history").then().statusCode(200)
                .body("numerator", is(List.of(3))).body("denominator", is(List.of(4)));
        given().queryParam("indicator", "assessed.").queryParam("from", "2026-11").queryParam("to", "2026-11")
                .get("/api/v1/units/" + district + "/history").then().statusCode(400).body("errors[0].field", is("indicator"));
    }

    @Test
    void csvCarriesTheNewAndTheAssessedColumns() {
        Response r = given().accept("text/csv").queryParam("period", WEEK).get("/api/v1/units/" + district + "/indicators");
        String body = new String(r.asByteArray(), StandardCharsets.UTF_8);
        assertThat(body).contains(district + ",onestop.syncRate,0.75,3,4", district + ",assessed.portalVisits,120,120,",
                district + ",feedback.received,4,4,");
        Response ranking = given().accept("text/csv").queryParam("province", p).queryParam("tier", "DISTRICT")
                .queryParam("period", WEEK).get("/api/v1/rankings");
        ranking.then().statusCode(200);
        String[] lines = new String(ranking.asByteArray(), StandardCharsets.UTF_8).split("\r\n");
        List<String> header = Arrays.asList(lines[0].split(","));
        assertThat(header).contains("onestop.syncRate.value", "feedback.satisfactionRate.denominator",
                "assessed.mixed.value", "assessed.portalVisits.numerator", "assessed.publishOnTime.points");
        assertThat(lines).hasSize(3); // two districts
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i].split(",", -1)).as(lines[i]).hasSize(header.size());
        }
        String lamThao = Arrays.stream(lines).filter(l -> l.contains(".H.LAMTHAO")).findFirst().orElseThrow();
        int col = header.indexOf("assessed.publishOnTime.numerator");
        assertThat(lamThao.split(",", -1)[col]).isEmpty(); // no record: an empty cell
        String thanhBa = Arrays.stream(lines).filter(l -> l.contains(".H.THANHBA")).findFirst().orElseThrow();
        assertThat(thanhBa.split(",", -1)[col]).isEqualTo("10");
        Map<String, Object> json = given().queryParam("province", p).queryParam("tier", "DISTRICT").queryParam("period", WEEK)
                .get("/api/v1/rankings").then().statusCode(200).extract().jsonPath().getMap("entries.find { it.unit.code == '"
                        + district + "' }.indicators.'assessed.publishOnTime'");
        assertThat(json).containsEntry("numerator", 10).containsEntry("denominator", 12);
    }
}
