package vn.egovpulse.reporting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.reporting.Fixtures.kase;
import static vn.egovpulse.reporting.Fixtures.unit;

/**
 * A change notice says which local days changed (issue 12): an event of this year refreshes this
 * year's readings within seconds and leaves a cached 2020 ranking in place (no recomputation),
 * while a notice naming a 2020 day refreshes the 2020 ranking.
 */
@QuarkusTest
class FreshnessByDayTest {
    @Inject
    Pool pool;

    @Inject
    MeterRegistry meters;

    private double computedForReaders(String province) {
        Counter c = meters.find("egov.reporting.rankings.computed").tags("province", province, "trigger", "request").counter();
        return c == null ? 0 : c.count();
    }

    private int received(String province, String period) {
        return given().queryParam("province", province).queryParam("tier", "DISTRICT").queryParam("period", period)
                .get("/api/v1/rankings").then().statusCode(200)
                .extract().path("entries[0].indicators.'onestop.received'.value");
    }

    @Test
    void aNoticeOfTodayKeepsTheCached2020RankingAndA2020NoticeRefreshesIt() {
        String q = Fixtures.randomProvince();
        String a = q + ".H.A";
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        Fixtures.putUnits(List.of(unit(q, "Tỉnh thử", "PROVINCE", null), unit(a, "UBND huyện A", "DISTRICT", q)));
        kase(pool, a, "old-1", "2020-05-04", "DIRECT", null, "2020-05-10", "2020-05-08", null);
        kase(pool, a, "new-1", today, "ONLINE", 4, today, null, null);
        assertThat(received(q, "2020")).isEqualTo(1);
        assertThat(received(q, "YTD")).isEqualTo(1);

        // Today's facts change: the YTD reading follows within seconds...
        kase(pool, a, "new-2", today, "DIRECT", null, today, null, null);
        Fixtures.notice(a, today);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received(q, "YTD")).isEqualTo(2));
        // ...and the 2020 ranking is served from the cache, not computed again.
        double before = computedForReaders(q);
        given().queryParam("province", q).queryParam("tier", "DISTRICT").queryParam("period", "2020")
                .get("/api/v1/rankings").then().statusCode(200).body("entries[0].indicators.'onestop.received'.value", is(1));
        assertThat(computedForReaders(q)).as("2020 rankings computed after a notice of today").isEqualTo(before);

        // A notice naming a 2020 day (a late report) refreshes the 2020 ranking.
        kase(pool, a, "old-2", "2020-07-01", "DIRECT", null, "2020-07-10", null, null);
        Fixtures.notice(a, "2020-07-01");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received(q, "2020")).isEqualTo(2));
        assertThat(computedForReaders(q)).isGreaterThan(before);
    }
}
