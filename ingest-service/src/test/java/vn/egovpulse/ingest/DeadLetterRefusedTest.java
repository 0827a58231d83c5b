package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.ingest.Fixture.*;

/**
 * A dead-letter topic the broker refuses (here: it does not exist, and the broker does not create
 * topics) is not retried forever: after the configured attempts the input consumer stops, liveness
 * and readiness say DOWN with the reason, and an ERROR line says why.
 */
@QuarkusTest
@TestProfile(DeadLetterRefusedTest.MissingDlq.class)
class DeadLetterRefusedTest {
    public static class MissingDlq implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("egov.ingest.input.dead-letter-topic", "test.egov.in.dlq-does-not-exist",
                    "egov.ingest.input.dead-letter-attempts", "3",
                    "egov.ingest.input.backoff", "100MS",
                    "egov.ingest.send-timeout", "2S");
        }
    }

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void units() {
        Fixture.units();
    }

    @Test
    void refusedDeadLettersStopTheConsumerWithHealthDownAndAnErrorLine() throws Exception {
        Logger log = Logger.getLogger("vn.egovpulse.ingest.consume.InputTopicsConsumer");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            ObjectNode invalid = caseReceived(id("dlq-refused"), P_DISTRICT);
            ((ObjectNode) invalid.get("data")).remove("caseId");
            producer.send(new ProducerRecord<>("test.egov.in.onestop", P_DISTRICT.getBytes(StandardCharsets.UTF_8),
                    bytes(invalid))).get();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/live").then()
                    .statusCode(503).body("checks.find { it.name == 'kafka-input' }.status", is("DOWN"))
                    .body("checks.find { it.name == 'kafka-input' }.data.stopped",
                            containsString("test.egov.in.dlq-does-not-exist")));
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'kafka-input' }.status", is("DOWN"));
            assertThat(errors).anySatisfy(r -> assertThat(r.getMessage())
                    .contains("dead letters to test.egov.in.dlq-does-not-exist refused 3 times")
                    .contains("the input consumer stopped"));
        } finally {
            log.removeHandler(capture);
        }
    }
}
