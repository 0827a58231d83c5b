package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.hamcrest.Matchers.is;
import static vn.egovpulse.ingest.EventsHttpTest.post;
import static vn.egovpulse.ingest.Fixture.*;

/**
 * A unit registered on another service (written straight onto egov.units, as that service does)
 * and used at once here: the source gets 202, never the final-looking 400 "unknown unit".
 */
@QuarkusTest
class UnitRegistryRaceTest {
    @BeforeEach
    void units() {
        Fixture.units();
    }

    /**
     * What other services' PUT /api/v1/units write: key = code, value = the unit as JSON; the
     * last code is the one to use at once. Many units, so that this service's follower is still
     * reading them when the event arrives.
     */
    static List<String> putOnUnitsTopic(KafkaProducer<byte[], byte[]> producer, String prefix, String parent, int count)
            throws Exception {
        List<String> codes = new ArrayList<>();
        java.util.concurrent.Future<?> last = null;
        for (int i = 0; i < count; i++) {
            String code = prefix + i;
            codes.add(code);
            String unit = "{\"code\":\"" + code + "\",\"name\":\"Xã mới\",\"tier\":\"COMMUNE\",\"parent\":\"" + parent + "\"}";
            last = producer.send(new ProducerRecord<>("test.egov.units", code.getBytes(StandardCharsets.UTF_8),
                    unit.getBytes(StandardCharsets.UTF_8)));
        }
        last.get();
        return codes;
    }

    /** Tombstones: the compacted test topic does not grow with every run. */
    static void remove(KafkaProducer<byte[], byte[]> producer, List<String> codes) {
        for (String code : codes) {
            producer.send(new ProducerRecord<>("test.egov.units", code.getBytes(StandardCharsets.UTF_8), null));
        }
        producer.flush();
    }

    static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void unitsJustPutOnTheTopicAreKnownToTheVeryNextRequest() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int round = 0; round < 3; round++) {
                String prefix = P + ".X.R" + round + RUN.toUpperCase().replaceAll("[^A-Z0-9]", "0") + "-";
                List<String> codes = putOnUnitsTopic(producer, prefix, P_DISTRICT, 2000);
                try {
                    post(ingestToken(), "application/json", List.of(caseReceived(id("race"), codes.get(codes.size() - 1))))
                            .then().statusCode(202).body("accepted", is(1));
                } finally {
                    remove(producer, codes);
                }
            }
        }
    }

    @Test
    void aUnitThatReallyIsUnknownIsStillRefusedWith400() {
        post(ingestToken(), "application/json", List.of(caseReceived(id("race"), P + ".X.NOWHERE")))
                .then().statusCode(400).body("errors[0].field", is("subject"));
    }
}
