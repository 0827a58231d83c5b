package vn.egovpulse.ingest.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logs are JSON, one object per line, in the prod profile (Kubernetes), and plain text in tests
 * and on the local stack (EGOV_LOG_JSON=false, deploy/local/services.sh). The same settings in
 * the three services' application.properties.
 */
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
}
