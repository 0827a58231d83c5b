package vn.egovpulse.platform.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A cluster with SCRAM and TLS (deploy/kubernetes) is reached by every hand-built client too. */
class KafkaClientSecurityTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"ingest-service\" password=\"s3cret\";";

    /** What Quarkus collects from kafka.* and KAFKA_* (prefix removed), as in the Kubernetes ConfigMap. */
    private static Map<String, Object> kubernetesKafkaConfig() {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", "egov-kafka-bootstrap:9093");
        m.put("security.protocol", "SASL_SSL");
        m.put("sasl.mechanism", "SCRAM-SHA-512");
        m.put("sasl.jaas.config", JAAS);
        m.put("ssl.truststore.type", "PEM");
        m.put("ssl.truststore.location", "/etc/kafka-ca/ca.crt");
        m.put("group.id", "must-not-leak");
        m.put("health.enabled", "true");
        return m;
    }

    @Test
    void handBuiltClientsCarryTheSaslAndTlsSettings() {
        Properties p = new KafkaClientSecurity(kubernetesKafkaConfig()).client("broker-a:9093");

        assertThat(p).containsEntry("bootstrap.servers", "broker-a:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.crt")
                .doesNotContainKeys("group.id", "health.enabled");
    }

    @Test
    void theSettingsAreValidForProducersConsumersAndAdminClients() {
        Properties p = new KafkaClientSecurity(kubernetesKafkaConfig()).client("broker-a:9093");
        // Kafka's own config parsing: a misspelt or mistyped setting would fail here.
        Map<String, Object> pc = toMap(p);
        pc.put("key.serializer", StringSerializer.class);
        pc.put("value.serializer", StringSerializer.class);
        Map<String, ?> producer = new ProducerConfig(pc).values();
        assertThat(producer.get("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(producer.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(String.valueOf(producer.get("sasl.jaas.config"))).doesNotContain("s3cret"); // a Password, hidden
        Map<String, Object> cc = toMap(p);
        cc.put("key.deserializer", StringDeserializer.class);
        cc.put("value.deserializer", StringDeserializer.class);
        assertThat(new ConsumerConfig(cc).getString("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(new AdminClientConfig(toMap(p)).getString("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    }

    @Test
    void theLocalStackStaysOnPlaintext() {
        Properties p = new KafkaClientSecurity(Map.of("bootstrap.servers", "127.0.0.1:9092", "sasl.jaas.config", ""))
                .client("127.0.0.1:9092");
        assertThat(p).containsOnlyKeys("bootstrap.servers");
    }

    /**
     * Every Kafka client built by hand in a service takes its configuration from KafkaClientSecurity,
     * so no client is left on plaintext in a SCRAM cluster (a new one that does not fails this test).
     */
    @Test
    void everyHandBuiltClientOfTheServicesUsesIt() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .filter(f -> Stream.of("platform", "ingest-service", "scoring-service", "reporting-service")
                            .anyMatch(m -> f.startsWith(root.resolve(m))))
                    .filter(f -> {
                        String s = read(f);
                        boolean builds = s.contains("new KafkaConsumer<") || s.contains("new KafkaProducer<")
                                || s.contains("Admin.create(") || s.contains("AdminClient.create(");
                        return builds && !s.contains("security.client(") && !f.endsWith("KafkaClientSecurity.java");
                    }).toList();
        }
        assertThat(offenders).as("hand-built Kafka clients without KafkaClientSecurity").isEmpty();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> toMap(Properties p) {
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put(k.toString(), v));
        return m;
    }
}
