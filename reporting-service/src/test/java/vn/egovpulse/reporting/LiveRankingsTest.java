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
 * The live windows (YTD, P30D) of every league are computed before anyone asks: a reader of a
 * new province's rankings, and a reader after a change notice, is served without waiting for a
 * computation (egov.reporting.rankings.computed on /q/metrics counts who caused each one).
 */
@QuarkusTest
class LiveRankingsTest {
    /** 4 tiers × 2 windows. */
    private static final int ROUND = 8;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry meters;

    private double computed(String province, String trigger) {
        Counter c = meters.find("egov.reporting.rankings.computed").tags("province", province, "trigger", trigger).counter();
        return c == null ? 0 : c.count();
    }

    private void received(String province, String district, long n) {
        for (String window : List.of("YTD", "P30D")) {
            given().queryParam("province", province).queryParam("tier", "DISTRICT").queryParam("period", window)
                    .get("/api/v1/rankings").then().statusCode(200)
                    .body("entries[0].unit.code", is(district))
                    .body("entries[0].indicators.'onestop.received'.value", is((int) n));
        }
    }

    @Test
    void liveWindowsAreComputedBeforeTheFirstReadAndAfterEveryChange() {
        String q = Fixtures.randomProvince();
        String a = q + ".H.A";
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        kase(pool, a, "a1", today, "ONLINE", 4, today, null, null);

        // A new province: its live windows are computed as soon as its units are registered.
        Fixtures.putUnits(List.of(unit(q, "Tỉnh thử", "PROVINCE", null), unit(a, "UBND huyện A", "DISTRICT", q)));
        await().atMost(Duration.ofSeconds(10)).until(() -> computed(q, "live") >= ROUND);
        received(q, a, 1);
        assertThat(computed(q, "request")).as("rankings computed for readers").isZero();

        // A change notice for a province being read: its live windows are computed again.
        kase(pool, a, "a2", today, "DIRECT", null, today, null, null);
        Fixtures.notice(a, today);
        await().atMost(Duration.ofSeconds(10)).until(() -> computed(q, "live") >= 2 * ROUND);
        received(q, a, 2);
        assertThat(computed(q, "request")).as("rankings computed for readers").isZero();
    }
}
