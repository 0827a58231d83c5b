package vn.egovpulse.scoring.observability;

import vn.egovpulse.platform.observability.AlertMetrics;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every metric the operators' alerts on scoring-service use is on /q/metrics, and moves when records arrive. */
@QuarkusTest
class MetricsExposedTest {
    @Test
    void everyMetricOfTheScoringAlertsIsScraped() throws Exception {
        Set<String> names = AlertMetrics.of("scoring-service");
        assertThat(names).contains("egov_consumer_lag", "egov_scoring_events_consumed_total", "egov_dead_letters_total",
                "egov_freshness_seconds_bucket", "egov_health_check_up");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = metrics();
            for (String name : names) {
                assertThat(metrics).as("metric " + name).containsPattern("(?m)^" + name + "[{ ]");
            }
            assertThat(metrics).contains("egov_consumer_lag{group=\"egov-scoring-test\",topic=\"test.egov.events\"}");
            assertThat(metrics).containsPattern("(?m)^egov_health_check_up\\{check=\"[^\"]*PostgreSQL[^\"]*\"} 1.0");
            assertThat(metrics).contains("egov_freshness_seconds{quantile=\"0.99\"}");
        });
    }

    @Test
    void aRecordReadIsCountedTimedAndDeadLettered() throws Exception {
        double consumed = sum("egov_scoring_events_consumed_total");
        double timed = sum("egov_freshness_seconds_count");
        double dead = sum("egov_dead_letters_total");
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:9092"),
                new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>("test.egov.events", "TMETRICS.X", "not an event")).get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(sum("egov_scoring_events_consumed_total")).isGreaterThanOrEqualTo(consumed + 1);
            assertThat(sum("egov_freshness_seconds_count")).isGreaterThanOrEqualTo(timed + 1);
            assertThat(sum("egov_dead_letters_total")).isGreaterThanOrEqualTo(dead + 1);
        });
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of every series of a metric. */
    private static double sum(String name) {
        double total = 0;
        for (String line : metrics().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
