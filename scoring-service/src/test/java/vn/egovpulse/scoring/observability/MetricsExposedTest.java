package vn.egovpulse.scoring.observability;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every metric the operators' alerts on scoring-service use is on /q/metrics, with the consumer group's lag. */
@QuarkusTest
class MetricsExposedTest {
    @Test
    void everyMetricOfTheScoringAlertsIsScraped() throws Exception {
        Set<String> names = AlertMetrics.of("scoring-service");
        assertThat(names).contains("egov_consumer_lag", "egov_scoring_events_consumed_total", "egov_dead_letters_total",
                "egov_freshness_seconds_bucket", "egov_health_check_up");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            for (String name : names) {
                assertThat(metrics).as("metric " + name).containsPattern("(?m)^" + name + "[{ ]");
            }
            assertThat(metrics).contains("egov_consumer_lag{group=\"egov-scoring-test\",topic=\"test.egov.events\"}");
            assertThat(metrics).containsPattern("(?m)^egov_health_check_up\\{check=\"[^\"]*PostgreSQL[^\"]*\"} 1.0");
            assertThat(metrics).contains("egov_freshness_seconds{quantile=\"0.99\"}");
        });
    }
}
