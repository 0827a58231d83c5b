package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;


/** Reads a topic from the moment it was created on (the topics hold other runs' records too). */
final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

    TopicReader(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before the test sends
    }

    /** Polls until {@code count} records match, or fails after the deadline. */
    List<ConsumerRecord<byte[], byte[]>> await(Predicate<ConsumerRecord<byte[], byte[]>> match, int count, Duration atMost) {
        org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(1)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(match).count() >= count;
        });
        return seen.stream().filter(match).toList();
    }

    /** Everything written to the topic up to now (a refused batch would already be there). */
    List<ConsumerRecord<byte[], byte[]>> untilNow() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        });
        return seen;
    }

    static String id(ConsumerRecord<byte[], byte[]> r) {
        try {
            JsonNode n = Fixture.JSON.readTree(r.value());
            return n == null ? null : n.path("id").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
