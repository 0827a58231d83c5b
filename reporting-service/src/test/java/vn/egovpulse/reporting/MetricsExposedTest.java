package vn.egovpulse.reporting;

import vn.egovpulse.platform.observability.AlertMetrics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every metric the operators' alerts and dashboard use on reporting-service is on /q/metrics. */
@QuarkusTest
class MetricsExposedTest {
    @Test
    void everyMetricOfTheReportingAlertsIsScraped() throws Exception {
        Set<String> names = AlertMetrics.of("reporting-service");
        assertThat(names).contains("egov_ranking_computation_seconds_bucket");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            for (String name : names) {
                assertThat(metrics).as("metric " + name).containsPattern("(?m)^" + name + "[{ ]");
            }
            assertThat(metrics).containsPattern("(?m)^egov_sse_clients ");
            assertThat(metrics).contains("egov_cache_requests_total{cache=\"rankings\",result=\"hit\"}");
            assertThat(metrics).containsPattern("(?m)^egov_units_registered ");
        });
    }

    /** Issue 12: the Kafka clients built by hand (not SmallRye channels) are measured as the channels are. */
    @Test
    void theNoticeAndRegistryFollowersAreMeasured() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            for (String client : List.of("egov-notice-follower", "egov-unit-registry-follower")) {
                assertThat(metrics).as("consumer metrics of " + client)
                        .containsPattern("(?m)^kafka_consumer_fetch_manager_records_consumed_total\\{[^}]*client_id=\"" + client + "\"");
            }
        });
    }

    @Test
    void aRankingReadTwiceIsComputedOnceThenServedFromMemory() {
        double computedBefore = value("egov_ranking_computation_seconds_count");
        double hitsBefore = value("egov_cache_requests_total{cache=\"rankings\",result=\"hit\"}");
        String province = Fixtures.randomProvince();
        Fixtures.putUnits(List.of(Fixtures.unit(province, "Tỉnh " + province, "PROVINCE", null),
                Fixtures.unit(province + ".H.A", "UBND huyện A", "DISTRICT", province)));
        given().queryParam("province", province).queryParam("tier", "DISTRICT").queryParam("period", "2020")
                .get("/api/v1/rankings").then().statusCode(200);
        given().queryParam("province", province).queryParam("tier", "DISTRICT").queryParam("period", "2020")
                .get("/api/v1/rankings").then().statusCode(200);
        // >=: the live windows of a new province are computed in the background meanwhile.
        assertThat(value("egov_ranking_computation_seconds_count")).isGreaterThanOrEqualTo(computedBefore + 1);
        assertThat(value("egov_cache_requests_total{cache=\"rankings\",result=\"hit\"}")).isGreaterThanOrEqualTo(hitsBefore + 1);
    }

    private static double value(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ") || line.startsWith(series + "{")) {
                if (line.startsWith(series + " ")) {
                    return Double.parseDouble(line.substring(series.length() + 1).trim());
                }
            }
        }
        return 0;
    }
}
