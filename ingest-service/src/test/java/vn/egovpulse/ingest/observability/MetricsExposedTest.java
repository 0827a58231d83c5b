package vn.egovpulse.ingest.observability;

import vn.egovpulse.platform.observability.AlertMetrics;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every metric the operators' alerts on ingest-service use is on /q/metrics; dead letters are counted by reason. */
@QuarkusTest
class MetricsExposedTest {
    @Test
    void everyMetricOfTheIngestAlertsIsScraped() throws Exception {
        Set<String> names = AlertMetrics.of("ingest-service");
        assertThat(names).contains("egov_consumer_lag", "egov_dead_letters_total", "http_server_requests_seconds_count", "egov_health_check_up");
        given().post("/api/v1/events").then().statusCode(401); // an HTTP request, so the server metrics exist
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            for (String name : names) {
                assertThat(metrics).as("metric " + name).containsPattern("(?m)^" + name + "[{ ]");
            }
            assertThat(metrics).contains("egov_health_check_up{check=\"Kafka connection health check\"} 1.0");
            assertThat(metrics).containsPattern("(?m)^egov_units_registered ");
            assertThat(metrics).contains("egov_consumer_lag{group=\"egov-ingest\",topic=\"test.egov.in.onestop\"}");
        });
    }

    @Test
    void aRecordThatIsNotJsonCountsAsADeadLetterOfThatReason() throws Exception {
        double before = deadLetters("not_json");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:9092"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>("test.egov.in.onestop", "X".getBytes(StandardCharsets.UTF_8),
                    "this is not json".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters("not_json") >= before + 1);
    }

    /** Issue 12: the publisher and the registry follower, Kafka clients built by hand, are measured as the channels are. */
    @Test
    void thePublisherAndTheRegistryFollowerAreMeasured() throws Exception {
        aRecordThatIsNotJsonCountsAsADeadLetterOfThatReason(); // the publisher writes the dead letter
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern(
                    "(?m)^kafka_producer_record_send_total\\{[^}]*client_id=\"egov-ingest-publisher\"[^}]*} [1-9]");
            assertThat(metrics).containsPattern(
                    "(?m)^kafka_consumer_fetch_manager_records_consumed_total\\{[^}]*client_id=\"egov-unit-registry-follower\"");
        });
    }

    private static double deadLetters(String reason) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^egov_dead_letters_total\\{reason=\"" + reason + "\"} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
