package vn.egovpulse.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ingest-service against a broker that accepts only SCRAM-SHA-512 (deploy/local/kafka-scram.sh,
 * 127.0.0.1:29092, started by make test; skipped when it is not running): with nothing but the
 * kafka.security.protocol / sasl.* settings, every Kafka client works, the hand-built ones too
 * (the unit registry follower and writer, the event publisher and its admin client).
 */
@QuarkusTest
@TestProfile(ScramBrokerTest.Scram.class)
class ScramBrokerTest {
    static final String BOOTSTRAP = "127.0.0.1:29092";
    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"egov-service\" password=\"service-secret\";";

    public static class Scram implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", BOOTSTRAP,
                    "kafka.security.protocol", "SASL_PLAINTEXT",
                    "kafka.sasl.mechanism", "SCRAM-SHA-512",
                    "kafka.sasl.jaas.config", JAAS);
        }
    }

    @BeforeAll
    static void scramBrokerRunning() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 29092), 1000);
        } catch (IOException e) {
            assumeTrue(false, "the SCRAM broker is not running (deploy/local/kafka-scram.sh start)");
        }
    }

    @Test
    void everyKafkaClientAuthenticatesWithScram() {
        // Readiness: the Kafka health check and the unit registry follower read the SCRAM broker.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        String p = Fixture.randomProvince();
        String district = p + ".H.THANHBA";
        String units = """
                [{"code":"%1$s","name":"Tỉnh thử %1$s","tier":"PROVINCE"},
                 {"code":"%2$s","name":"UBND huyện Thanh Ba","tier":"DISTRICT","parent":"%1$s"}]""".formatted(p, district);
        // The registry's writer (a hand-built producer).
        given().auth().oauth2(Fixture.token("urn:egov:test:admin", p, "admin", "national")).contentType(ContentType.JSON)
                .body(units.getBytes(StandardCharsets.UTF_8)).put("/api/v1/units").then().statusCode(200);
        // The event publisher (a hand-built producer and admin client).
        String id = Fixture.id("scram");
        String source = "urn:egov:" + p + ":one-stop";
        var event = Fixture.caseReceived(id, district).put("source", source);
        given().auth().oauth2(Fixture.token(source, p, "ingest")).contentType("application/cloudevents-batch+json")
                .body("[" + event + "]").post("/api/v1/events").then().statusCode(202);

        Map<String, Object> config = Map.of("bootstrap.servers", BOOTSTRAP, "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("test.egov.events", 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                return values.stream().anyMatch(v -> v.contains(id));
            });
        }
    }
}
