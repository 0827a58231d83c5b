package vn.egovpulse.ingest.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import vn.egovpulse.ingest.consume.InputTopicsConsumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Logs are JSON, one object per line, in the prod profile (Kubernetes), and plain text in tests
 * and on the local stack (EGOV_LOG_JSON=false, deploy/local/services.sh). The same settings in
 * the three services' application.properties. A line about a refused event carries its id,
 * source and batch (EventLog, the same helper in scoring-service).
 */
@QuarkusTest
class JsonLogsTest {
    private static SmallRyeConfig config(String service, String profile, Map<String, String> env) throws IOException {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(Path.of("..", service, "src/main/resources/application.properties").toUri().toURL(), 250))
                .withSources(new PropertiesConfigSource(env, "env", 300))
                .build();
    }

    @Test
    void jsonInTheProdProfileOfEveryServiceOnlyThere() throws IOException {
        for (String service : new String[] {"ingest-service", "scoring-service", "reporting-service"}) {
            assertThat(config(service, "prod", Map.of()).getValue("quarkus.log.console.json.enabled", Boolean.class))
                    .as(service + " prod").isTrue();
            assertThat(config(service, "test", Map.of()).getValue("quarkus.log.console.json.enabled", Boolean.class))
                    .as(service + " test").isFalse();
            assertThat(config(service, "prod", Map.of("EGOV_LOG_JSON", "false")).getValue("quarkus.log.console.json.enabled", Boolean.class))
                    .as(service + " local stack").isFalse();
        }
    }

    @Test
    void anErrorLineIsOneJsonObjectWithLevelLoggerMessageAndStackTrace() throws Exception {
        ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.ERROR, "event mc-1 of urn:egov:PTO:one-stop could not be stored",
                JsonLogsTest.class.getName());
        record.setLoggerName("vn.egovpulse.scoring.consume.EventConsumer");
        record.setThrown(new IllegalStateException("PostgreSQL refused it"));
        String line = new JsonFormatter().format(record);

        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("ERROR");
        assertThat(json.path("loggerName").asText()).isEqualTo("vn.egovpulse.scoring.consume.EventConsumer");
        assertThat(json.path("message").asText()).contains("mc-1").contains("urn:egov:PTO:one-stop");
        assertThat(json.has("timestamp")).isTrue();
        assertThat(json.path("exception").path("exceptionType").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    /**
     * A record refused on an input topic: its dead-letter line, formatted as the prod profile
     * formats it, has mdc.eventId and mdc.eventSource (what the record claims) and mdc.batch
     * (topic-partition@first-last offset of the batch it came in).
     */
    @Test
    void aDeadLetteredInputRecordIsLoggedWithItsEventIdSourceAndBatch() throws Exception {
        String id = "json-log-" + UUID.randomUUID();
        String source = "urn:egov:XX:one-stop";
        // No subject: invalid without looking at the unit registry.
        String record = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source
                + "\",\"type\":\"vn.gov.egov.onestop.case.received\"}";
        JsonFormatter format = new JsonFormatter();
        List<String> lines = new CopyOnWriteArrayList<>();
        // Formatted in publish(), on the logging thread, as the console handler does: the MDC is the call's.
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(format.format(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(InputTopicsConsumer.class.getName());
        logger.addHandler(capture);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:9092"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>("test.egov.in.onestop", "X".getBytes(StandardCharsets.UTF_8),
                    record.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
            String line = await().atMost(Duration.ofSeconds(30))
                    .until(() -> lines.stream().filter(l -> l.contains(id)).findFirst().orElse(null), l -> l != null);

            JsonNode json = new ObjectMapper().readTree(line);
            assertThat(json.path("level").asText()).isEqualTo("WARN");
            assertThat(json.path("message").asText()).contains("test.egov.in.onestop-").contains("subject: is required");
            JsonNode mdc = json.path("mdc");
            assertThat(mdc.path("eventId").asText()).isEqualTo(id);
            assertThat(mdc.path("eventSource").asText()).isEqualTo(source);
            assertThat(mdc.path("batch").asText()).matches("(test\\.egov\\.in\\.[a-z]+-\\d+@\\d+-\\d+,?)+")
                    .contains("test.egov.in.onestop-");
        } finally {
            logger.removeHandler(capture);
        }
    }
}
