package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.egovpulse.ingest.Fixture.*;

/** SPEC 2.2: records on test.egov.in.* are validated; good ones reach egov.events, bad ones the DLQ unchanged. */
@QuarkusTest
class KafkaInputTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @BeforeEach
    void units() {
        Fixture.units();
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    @Test
    void validRecordsReachEgovEventsAndBadOnesTheDlqUnchangedWithoutStallingTheStream() throws Exception {
        ObjectNode first = caseReceived(id("kafka"), P_DISTRICT);
        ObjectNode invalid = caseReceived(id("kafka"), P_DISTRICT);
        ((ObjectNode) invalid.get("data")).remove("caseId");
        invalid.put("subject", "X" + RUN.toUpperCase());
        byte[] invalidBytes = bytes(invalid);
        byte[] garbage = ("not json at all \u0000\u00ff " + RUN).getBytes(StandardCharsets.ISO_8859_1);
        String garbageKey = "garbage-" + RUN;
        ObjectNode docsOnOnestop = documentIssued(id("kafka"), P);
        ObjectNode after = meetingHeld(id("kafka"), P_COMMUNE);
        ObjectNode docs = documentReceived(id("kafka"), P);

        try (TopicReader events = new TopicReader(EVENTS_TOPIC); TopicReader dlq = new TopicReader(DLQ_TOPIC)) {
            send("test.egov.in.onestop", P_DISTRICT, bytes(first));
            send("test.egov.in.onestop", garbageKey, garbage);
            send("test.egov.in.onestop", P_DISTRICT, invalidBytes);
            send("test.egov.in.onestop", P, bytes(docsOnOnestop));
            send("test.egov.in.vc", P_COMMUNE, bytes(after));
            send("test.egov.in.docs", "any-key", bytes(docs));

            List<String> good = List.of(first.get("id").asText(), after.get("id").asText(), docs.get("id").asText());
            List<ConsumerRecord<byte[], byte[]>> published = events.await(r -> good.contains(TopicReader.id(r)), 3, DEADLINE);
            for (ConsumerRecord<byte[], byte[]> r : published) {
                // key = unit code (subject), whatever key the source used
                assertThat(TopicReader.key(r)).isEqualTo(EventsHttpTest.readTree(r.value()).get("subject").asText());
            }

            ConsumerRecord<byte[], byte[]> g = dlq.await(r -> garbageKey.equals(TopicReader.key(r)), 1, DEADLINE).get(0);
            assertThat(g.value()).isEqualTo(garbage);
            assertThat(TopicReader.header(g, "egov-error")).contains("not JSON");
            assertThat(TopicReader.header(g, "egov-source-topic")).isEqualTo("test.egov.in.onestop");

            String invalidId = invalid.get("id").asText();
            ConsumerRecord<byte[], byte[]> bad = dlq.await(r -> invalidId.equals(TopicReader.id(r)), 1, DEADLINE).get(0);
            assertThat(bad.value()).isEqualTo(invalidBytes);
            assertThat(bad.key()).isEqualTo(P_DISTRICT.getBytes(StandardCharsets.UTF_8));
            assertThat(TopicReader.header(bad, "egov-error"))
                    .contains("data.caseId: is required").contains("subject: unknown unit 'X" + RUN.toUpperCase() + "'");

            String wrongTopicId = docsOnOnestop.get("id").asText();
            ConsumerRecord<byte[], byte[]> wrong = dlq.await(r -> wrongTopicId.equals(TopicReader.id(r)), 1, DEADLINE).get(0);
            assertThat(TopicReader.header(wrong, "egov-error")).contains("does not belong on test.egov.in.onestop");

            List<String> refused = List.of(invalidId, wrongTopicId);
            assertThat(events.untilNow()).noneMatch(r -> refused.contains(TopicReader.id(r)));
        }
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("channel=\"kafka\",outcome=\"rejected\""))
                .body(org.hamcrest.Matchers.containsString("channel=\"kafka\",outcome=\"accepted\""));
    }
}
