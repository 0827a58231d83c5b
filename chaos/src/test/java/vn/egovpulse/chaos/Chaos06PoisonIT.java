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
import java.util.Arrays;
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
 * a non-empty egov-error header; every valid one is counted. Clean and poisoned rounds alternate, so the
 * throughput the poison costs is measured in the same run.
 */
class Chaos06PoisonIT {
    static final int VALID = Integer.getInteger("chaos.s6.events", 100_000);
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

    /** Poisoned rounds, each between two clean ones, so that drift of the shared machine cancels out. */
    static final int ROUNDS = Integer.getInteger("chaos.s6.rounds", 2);

    @Test
    void poisonGoesToTheDeadLetterTopicExactlyOnce() throws Exception {
        long t0 = System.nanoTime();
        ChaosStack st = ChaosStack.get();
        try (KafkaConsumer<byte[], byte[]> dlq = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, st.bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = dlq.partitionsFor("egov.in.dlq").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            dlq.assign(parts);
            Map<TopicPartition, Long> start = dlq.endOffsets(parts);
            start.forEach(dlq::seek);

            List<String> expectedMarkers = new ArrayList<>();
            List<String> poisonedProvinces = new ArrayList<>();
            // clean, poisoned, clean, ..., clean: each poisoned round is compared with the clean rounds on either
            // side of it, so that a trend of the shared machine (the services still warming up, other work) cancels.
            double[] clean = new double[ROUNDS + 1];
            double[] poisoned = new double[ROUNDS];
            round(st, null, expectedMarkers, VALID); // warm-up: the services' JIT, not the poison, would slow round 1
            clean[0] = round(st, null, expectedMarkers, VALID);
            double[] relative = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                poisoned[r] = round(st, poisonedProvinces, expectedMarkers, VALID);
                clean[r + 1] = round(st, null, expectedMarkers, VALID);
                relative[r] = poisoned[r] / ((clean[r] + clean[r + 1]) / 2);
            }
            double drop = 1 - mean(relative);
            // The target is a drop of at most 10 %. It is measured and reported here (RELIABILITY.md), not
            // asserted: on two cores shared with other work, two clean rounds differ by more than that. What a
            // user would notice, a dead-letter path that stalls the valid records behind it, is asserted: the
            // poisoned rounds keep at least half the rate of the slower clean round.
            ChaosStack.log("S6 THROUGHPUT clean %s ev/s, poisoned %s ev/s (%d valid events a round, each poisoned round"
                    + " with %d invalid records among them): drop %.1f %%", rates(clean), rates(poisoned), VALID,
                    expectedMarkers.size() / ROUNDS, drop * 100);
            assertThat(mean(poisoned)).as("valid events/s with poison (clean %s, poisoned %s ev/s)", rates(clean), rates(poisoned))
                    .isGreaterThanOrEqualTo(Arrays.stream(clean).min().orElseThrow() / 2);

            Pattern marker = Pattern.compile("(?:" + String.join("|", poisonedProvinces) + ")-bad-[0-9]+");
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
            ChaosStack.log("S6 RESULT pass: %d valid counted in %d rounds, %d dead letters exactly once with egov-error,"
                    + " throughput drop %.1f %%, %d s", VALID * (2 * ROUNDS + 2), 2 * ROUNDS + 2, seen.size(), drop * 100,
                    (System.nanoTime() - t0) / 1_000_000_000);
        }
    }

    /**
     * One round on a province of its own: valid records on egov.in.onestop and, when poisonedProvinces is
     * given, the poison among them (1 in 10,000, a burst of 5,000 halfway, 20 raw records on egov.events), their
     * markers added to markers. Returns valid events per second from the first send until reporting shows every
     * valid event counted; the counts are then checked exact.
     */
    private static double round(ChaosStack st, List<String> poisonedProvinces, List<String> markers, int valid) throws Exception {
        boolean poison = poisonedProvinces != null;
        Load load = new Load(poison ? "SF" : "SH", 6);
        load.registerUnits();
        String p = load.province;
        if (poison) {
            poisonedProvinces.add(p);
        }
        // Every record is built before the clock starts: the round times the platform, not this client.
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int bad = 0;
        for (int n = 0; n < valid; n++) {
            if (poison && n % 10_000 == 5_000) { // 1 in 10,000
                String m = p + "-bad-" + bad;
                byte[][] kv = invalidInput(load, bad++, m);
                markers.add(m);
                records.add(new ProducerRecord<>("egov.in.onestop", kv[0], kv[1]));
            }
            if (poison && n == valid / 2) { // the burst
                for (int b = 0; b < BURST; b++) {
                    String m = p + "-bad-" + bad;
                    byte[][] kv = invalidInput(load, bad++, m);
                    markers.add(m);
                    records.add(new ProducerRecord<>("egov.in.onestop", kv[0], kv[1]));
                }
            }
            records.add(new ProducerRecord<>("egov.in.onestop", load.unitOf(n).getBytes(StandardCharsets.UTF_8),
                    load.eventJson(n).getBytes(StandardCharsets.UTF_8)));
        }
        for (int r = 0; poison && r < RAW; r++) {
            String m = p + "-bad-" + bad++;
            markers.add(m);
            records.add(new ProducerRecord<>("egov.events", load.unitOf(r).getBytes(StandardCharsets.UTF_8),
                    invalidRaw(load, r, m).getBytes(StandardCharsets.UTF_8)));
        }

        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, st.bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<?>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> rec : records) {
                acks.add(producer.send(rec));
            }
            producer.flush();
            for (Future<?> f : acks) {
                f.get(); // acknowledged with acks=all
            }
        }
        for (int n = 0; n < valid; n++) {
            load.markAccepted(n);
        }
        long total = load.expectedTotal();
        await("S6: every valid event of " + p + " counted").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .failFast("an event was counted twice (count above the oracle)", () -> load.countedTotal() > total)
                .until(() -> load.countedTotal() == total);
        double rate = valid / ((System.nanoTime() - start) / 1e9);
        ChaosStack.log("S6 round %s (%s): %d valid events counted at %.0f ev/s", p, poison ? "poisoned" : "clean", valid, rate);
        Readings.awaitExact(load, Duration.ofMinutes(1));
        return rate;
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    private static String rates(double[] xs) {
        StringBuilder sb = new StringBuilder();
        for (double x : xs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(Math.round(x));
        }
        return sb.toString();
    }
}
