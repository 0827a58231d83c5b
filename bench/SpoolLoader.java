import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a demo spool (every *.json file in name order, each a JSON array of CloudEvents) straight
 * to an events topic as ingest-service publishes it (key = the event's subject, value = the event's
 * JSON, no headers), so that a benchmark of the scoring consumer leaves ingest out. Run with the
 * Kafka jars of deploy/local on the class path (bench/scoring-ab.sh does):
 * {@code java -cp '.local/kafka/lib/*' bench/SpoolLoader.java SPOOL_DIR TOPIC BOOTSTRAP}
 */
public class SpoolLoader {
    public static void main(String[] args) throws Exception {
        File[] files = new File(args[0]).listFiles((d, n) -> n.endsWith(".json"));
        Arrays.sort(files);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[2]);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        ObjectMapper json = new ObjectMapper();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0, start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (File f : files) {
                try (JsonParser in = new JsonFactory(json).createParser(f)) {
                    in.nextToken(); // [
                    while (in.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode event = json.readTree(in);
                        byte[] key = event.get("subject").asText().getBytes(StandardCharsets.UTF_8);
                        producer.send(new ProducerRecord<>(args[1], key, json.writeValueAsBytes(event)), (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                        sent++;
                    }
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("loaded %d events into %s in %.1f s%n", sent, args[1], s);
    }
}
