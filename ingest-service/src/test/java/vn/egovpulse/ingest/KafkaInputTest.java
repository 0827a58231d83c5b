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

    @Test
    void unpairedSurrogatesAndOversizedEventsAreDeadLetteredWithTheReason() throws Exception {
        String loneId = id("kafka-lone");
        ObjectNode lone = caseReceived(loneId, P_DISTRICT).put("id", "MARK");
        byte[] loneBytes = new String(bytes(lone), StandardCharsets.UTF_8).replace("MARK", "\\ud800" + loneId)
                .getBytes(StandardCharsets.UTF_8);
        String loneKey = "lone-" + RUN;
        ObjectNode doc = documentIssued(id("kafka-lone"), P);
        ((ObjectNode) doc.get("data")).put("documentId", "MARK");
        byte[] docBytes = new String(bytes(doc), StandardCharsets.UTF_8).replace("MARK", "VB\\udbff")
                .getBytes(StandardCharsets.UTF_8);
        // Over the 1,000,000-byte event limit of HTTP, yet under the broker's record limit.
        ObjectNode big = meetingHeld(id("kafka-big"), P_COMMUNE);
        ((ObjectNode) big.get("data")).put("notes", "x".repeat(1_000_100));
        byte[] bigBytes = bytes(big);

        try (TopicReader events = new TopicReader(EVENTS_TOPIC); TopicReader dlq = new TopicReader(DLQ_TOPIC)) {
            send("test.egov.in.onestop", loneKey, loneBytes);
            send("test.egov.in.docs", P, docBytes);
            send("test.egov.in.vc", P_COMMUNE, bigBytes);

            ConsumerRecord<byte[], byte[]> l = dlq.await(r -> loneKey.equals(TopicReader.key(r)), 1, DEADLINE).get(0);
            assertThat(l.value()).isEqualTo(loneBytes);
            assertThat(TopicReader.header(l, "egov-error")).isEqualTo("id: contains an unpaired UTF-16 surrogate");
            String docId = doc.get("id").asText();
            ConsumerRecord<byte[], byte[]> d = dlq.await(r -> docId.equals(TopicReader.id(r)), 1, DEADLINE).get(0);
            assertThat(TopicReader.header(d, "egov-error")).isEqualTo("data.documentId: contains an unpaired UTF-16 surrogate");
            String bigId = big.get("id").asText();
            ConsumerRecord<byte[], byte[]> b = dlq.await(r -> bigId.equals(TopicReader.id(r)), 1, DEADLINE).get(0);
            assertThat(b.value()).isEqualTo(bigBytes);
            assertThat(TopicReader.header(b, "egov-error")).isEqualTo("data: the event must be at most 1000000 bytes as JSON");

            assertThat(events.untilNow()).noneMatch(r -> List.of(docId, bigId).contains(TopicReader.id(r))
                    || new String(r.value(), StandardCharsets.UTF_8).contains(loneId));
        }
    }

    /** More invalid records than fit in several polls: each becomes exactly one dead letter. */
    @Test
    void aBurstOf5000InvalidRecordsGivesExactly5000DeadLettersEachOnce() throws Exception {
        int n = 5000;
        String prefix = "t-" + RUN + "-burst-";
        try (TopicReader dlq = new TopicReader(DLQ_TOPIC)) {
            for (int i = 0; i < n; i++) {
                ObjectNode e = caseReceived(prefix + i, P_DISTRICT);
                ((ObjectNode) e.get("data")).remove("caseId");
                producer.send(new ProducerRecord<>("test.egov.in.onestop", P_DISTRICT.getBytes(StandardCharsets.UTF_8), bytes(e)));
            }
            producer.flush();
            dlq.await(r -> String.valueOf(TopicReader.id(r)).startsWith(prefix), n, Duration.ofSeconds(120));
            // Let any duplicate show up: everything written until now is read.
            List<ConsumerRecord<byte[], byte[]>> letters = dlq.untilNow().stream()
                    .filter(r -> String.valueOf(TopicReader.id(r)).startsWith(prefix)).toList();
            assertThat(letters).hasSize(n);
            assertThat(letters.stream().map(TopicReader::id).distinct().count()).isEqualTo(n);
            assertThat(letters).allSatisfy(r ->
                    assertThat(TopicReader.header(r, "egov-error")).isEqualTo("data.caseId: is required"));
        }
    }

    /** A unit registered on another service a moment ago is not a reason to dead-letter its event. */
    @Test
    void anEventForAUnitJustPutOnEgovUnitsIsPublishedNotDeadLettered() throws Exception {
        String prefix = P + ".X.K" + RUN.toUpperCase().replaceAll("[^A-Z0-9]", "0") + "-";
        try (TopicReader events = new TopicReader(EVENTS_TOPIC); TopicReader dlq = new TopicReader(DLQ_TOPIC);
             KafkaProducer<byte[], byte[]> units = UnitRegistryRaceTest.producer()) {
            List<String> codes = UnitRegistryRaceTest.putOnUnitsTopic(units, prefix, P_DISTRICT, 2000);
            String code = codes.get(codes.size() - 1);
            ObjectNode event = caseReceived(id("kafka-new-unit"), code);
            String eventId = event.get("id").asText();
            try {
                send("test.egov.in.onestop", code, bytes(event));
                events.await(r -> eventId.equals(TopicReader.id(r)), 1, DEADLINE);
                assertThat(dlq.untilNow()).noneMatch(r -> eventId.equals(TopicReader.id(r)));
            } finally {
                UnitRegistryRaceTest.remove(units, codes);
            }
        }
    }
}
