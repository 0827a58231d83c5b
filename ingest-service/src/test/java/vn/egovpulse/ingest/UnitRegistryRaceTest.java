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

    /** What another service's PUT /api/v1/units writes: key = code, value = the unit as JSON. */
    static void putOnUnitsTopic(KafkaProducer<byte[], byte[]> producer, String code, String parent) throws Exception {
        String unit = "{\"code\":\"" + code + "\",\"name\":\"Xã mới\",\"tier\":\"COMMUNE\",\"parent\":\"" + parent + "\"}";
        producer.send(new ProducerRecord<>("test.egov.units", code.getBytes(StandardCharsets.UTF_8),
                unit.getBytes(StandardCharsets.UTF_8))).get();
    }

    @Test
    void unitsJustPutOnTheTopicAreKnownToTheVeryNextRequest() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int round = 0; round < 20; round++) {
                String code = P + ".X.R" + round + RUN.toUpperCase().replaceAll("[^A-Z0-9]", "0");
                putOnUnitsTopic(producer, code, P_DISTRICT);
                List<ObjectNode> batch = new ArrayList<>();
                batch.add(caseReceived(id("race"), code));
                post(ingestToken(), "application/json", batch).then().statusCode(202).body("accepted", is(1));
            }
        }
    }

    @Test
    void aUnitThatReallyIsUnknownIsStillRefusedWith400() {
        post(ingestToken(), "application/json", List.of(caseReceived(id("race"), P + ".X.NOWHERE")))
                .then().statusCode(400).body("errors[0].field", is("subject"));
    }
}
