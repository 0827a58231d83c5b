package vn.egovpulse.chaos;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 6, poison: 1 in 10,000 records invalid on egov.in.onestop, a burst of 5,000 invalid records, and
 * raw invalid records written straight to egov.events. Every invalid one is in egov.in.dlq exactly once with
 * a non-empty egov-error header; every valid one is counted.
 */
class Chaos06PoisonIT {
    static final int VALID = Integer.getInteger("chaos.s6.events", 50_000);
    static final int BURST = 5_000;
    static final int RAW = 20;

    /** An invalid record for egov.in.onestop carrying marker m (in its value, or its key when the value is empty). */
    static byte[][] invalidInput(Load load, int i, String m) {
        // The subject of `ok` (case 2 replaces it with a unit nobody registered).
        String unit = load.unitOf(10_000_000 + i);
        String ok = load.eventJson(10_000_000 + i);
        String future = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(3).withNano(0).toString();
        String value = switch (i % 7) {
            case 0 -> "not json at all " + m;
            case 1 -> ok.replace("\"caseId\":", "\"caseIdentifier\":").replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + m + "\"");
            case 2 -> ok.replace("\"subject\":\"" + unit + "\"", "\"subject\":\"" + load.province + ".H.NOPE\"")
                    .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + m + "\"");
            case 3 -> ok.replace("onestop.case.received", "onestop.case.lost").replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + m + "\"");
            case 4 -> "{\"specversion\":\"1.0\",\"id\":\"" + m + "\",\"source\":\"urn:egov:" + load.province
                    + ":docs\",\"type\":\"vn.gov.egov.docs.document.issued\",\"time\":\"2023-05-05T09:00:00+07:00\",\"subject\":\""
                    + unit + "\",\"datacontenttype\":\"application/json\",\"data\":{\"documentId\":\"d-" + m
                    + "\",\"electronic\":true,\"signedByOrganization\":true,\"signedByLeader\":true}}";
            case 5 -> ok.replaceFirst("\"time\":\"[^\"]+\"", "\"time\":\"" + future + "\"").replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + m + "\"");
            default -> "";
        };
        byte[] key = (value.isEmpty() ? m : unit).getBytes(StandardCharsets.UTF_8);
        return new byte[][] {key, value.getBytes(StandardCharsets.UTF_8)};
    }

    /** A record on egov.events that is not an event scoring can count (it must dead-letter it). */
    static String invalidRaw(Load load, int i, String m) {
        return switch (i % 4) {
            case 0 -> "raw garbage " + m;
            case 1 -> "{\"marker\":\"" + m + "\"}";
            case 2 -> "{\"specversion\":\"1.0\",\"id\":\"" + m + "\",\"truncated";
            default -> load.eventJson(20_000_000 + i).replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + m + "\"")
                    .replaceFirst(",\"data\":\\{.*\\}\\}$", "}");
        };
    }

    @Test
    void poisonGoesToTheDeadLetterTopicExactlyOnce() throws Exception {
        long t0 = System.nanoTime();
        ChaosStack st = ChaosStack.get();
        Load load = new Load("SF", 6);
        load.registerUnits();
        String p = load.province;
        Pattern marker = Pattern.compile(Pattern.quote(p) + "-bad-[0-9]+");

        Map<String, Object> common = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, st.bootstrap);
        try (KafkaConsumer<byte[], byte[]> dlq = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, st.bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = dlq.partitionsFor("egov.in.dlq").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            dlq.assign(parts);
            Map<TopicPartition, Long> start = dlq.endOffsets(parts);
            start.forEach(dlq::seek);

            List<String> expectedMarkers = new ArrayList<>();
            int bad = 0;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, st.bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                List<Future<?>> acks = new ArrayList<>();
                for (int n = 0; n < VALID; n++) {
                    if (n % 10_000 == 5_000) { // 1 in 10,000
                        String m = p + "-bad-" + bad;
                        byte[][] kv = invalidInput(load, bad++, m);
                        expectedMarkers.add(m);
                        acks.add(producer.send(new ProducerRecord<>("egov.in.onestop", kv[0], kv[1])));
                    }
                    if (n == VALID / 2) { // the burst
                        for (int b = 0; b < BURST; b++) {
                            String m = p + "-bad-" + bad;
                            byte[][] kv = invalidInput(load, bad++, m);
                            expectedMarkers.add(m);
                            acks.add(producer.send(new ProducerRecord<>("egov.in.onestop", kv[0], kv[1])));
                        }
                    }
                    acks.add(producer.send(new ProducerRecord<>("egov.in.onestop", load.unitOf(n).getBytes(StandardCharsets.UTF_8),
                            load.eventJson(n).getBytes(StandardCharsets.UTF_8))));
                }
                for (int r = 0; r < RAW; r++) {
                    String m = p + "-bad-" + bad++;
                    expectedMarkers.add(m);
                    acks.add(producer.send(new ProducerRecord<>("egov.events", load.unitOf(r).getBytes(StandardCharsets.UTF_8),
                            invalidRaw(load, r, m).getBytes(StandardCharsets.UTF_8))));
                }
                producer.flush();
                for (Future<?> f : acks) {
                    f.get(); // acknowledged with acks=all
                }
                for (int n = 0; n < VALID; n++) {
                    load.markAccepted(n);
                }
            }
            ChaosStack.log("S6 produced %d valid and %d invalid records (%d of them a burst, %d raw on egov.events)",
                    VALID, expectedMarkers.size(), BURST, RAW);

            Readings.awaitExact(load, Duration.ofMinutes(3));

            Map<String, Integer> seen = new ConcurrentHashMap<>();
            List<String> withoutReason = new ArrayList<>();
            Runnable drain = () -> {
                for (ConsumerRecord<byte[], byte[]> r : dlq.poll(Duration.ofMillis(500))) {
                    String text = new String(r.value() == null ? new byte[0] : r.value(), StandardCharsets.UTF_8)
                            + " " + new String(r.key() == null ? new byte[0] : r.key(), StandardCharsets.UTF_8);
                    Matcher mm = marker.matcher(text);
                    if (mm.find()) {
                        String m = mm.group();
                        seen.merge(m, 1, Integer::sum);
                        Header h = r.headers().lastHeader("egov-error");
                        if (h == null || h.value() == null || h.value().length == 0) {
                            withoutReason.add(m);
                        }
                    }
                }
            };
            await("S6: every invalid record in egov.in.dlq").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        drain.run();
                        return seen.size() >= expectedMarkers.size();
                    });
            // ... and nothing more arrives (a duplicate would).
            await("S6: no duplicate dead letters").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        drain.run();
                        return seen.values().stream().allMatch(c -> c == 1);
                    });
            assertThat(seen.keySet()).as("dead letters of this scenario").containsExactlyInAnyOrderElementsOf(expectedMarkers);
            assertThat(seen.values()).as("each invalid record dead-lettered exactly once").allMatch(c -> c == 1);
            assertThat(withoutReason).as("dead letters without an egov-error reason").isEmpty();
            ChaosStack.log("S6 RESULT pass: %d valid counted, %d dead letters exactly once with egov-error, %d s", VALID,
                    seen.size(), (System.nanoTime() - t0) / 1_000_000_000);
        }
    }
}
