package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

import static org.assertj.core.api.Assertions.assertThat;
import static vn.egovpulse.ingest.Fixture.*;

/**
 * A burst of 5,000 invalid records while acknowledgements are slower than the send timeout (here
 * 5 ms): each poll's dead letters need several attempts, and a retry must re-send only the
 * records not yet acknowledged. Re-sending the whole batch wrote early dead letters many times.
 */
@QuarkusTest
@TestProfile(SlowAcksBurstTest.SlowAcks.class)
class SlowAcksBurstTest {
    public static class SlowAcks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("egov.ingest.send-timeout", "5MS");
        }
    }

    @BeforeEach
    void units() {
        Fixture.units();
    }

    @Test
    void everyDeadLetterIsWrittenExactlyOnce() {
        int n = 5000;
        String prefix = "t-" + RUN + "-slow-burst-";
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (TopicReader dlq = new TopicReader(DLQ_TOPIC);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                ObjectNode e = caseReceived(prefix + i, P_DISTRICT);
                ((ObjectNode) e.get("data")).remove("caseId");
                producer.send(new ProducerRecord<>("test.egov.in.onestop", P_DISTRICT.getBytes(StandardCharsets.UTF_8), bytes(e)));
            }
            producer.flush();
            dlq.await(r -> String.valueOf(TopicReader.id(r)).startsWith(prefix), n, Duration.ofSeconds(120));
            List<ConsumerRecord<byte[], byte[]>> letters = dlq.untilNow().stream()
                    .filter(r -> String.valueOf(TopicReader.id(r)).startsWith(prefix)).toList();
            assertThat(letters.stream().map(TopicReader::id).distinct().count()).isEqualTo(n);
            assertThat(letters).as("dead letters written more than once").hasSize(n);
            assertThat(letters).allSatisfy(r ->
                    assertThat(TopicReader.header(r, "egov-error")).isEqualTo("data.caseId: is required"));
        }
    }
}
