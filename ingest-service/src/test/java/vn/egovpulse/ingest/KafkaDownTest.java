package vn.egovpulse.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static vn.egovpulse.ingest.EventsHttpTest.post;
import static vn.egovpulse.ingest.Fixture.*;

/**
 * Kafka unavailable: only the publisher points at a dead address (the shared broker stays up for
 * everyone else), so a valid batch gets 503 with Retry-After, quickly.
 */
@QuarkusTest
@TestProfile(KafkaDownTest.DeadPublisher.class)
class KafkaDownTest {
    public static class DeadPublisher implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("egov.ingest.bootstrap-servers", "127.0.0.1:1",
                    "egov.ingest.send-timeout", "2S",
                    // The input topics would only retry against the dead publisher here.
                    "mp.messaging.incoming.inputs.enabled", "false");
        }
    }

    @BeforeEach
    void units() {
        Fixture.units();
    }

    @Test
    void aValidBatchGets503WithRetryAfterWhenKafkaDoesNotAcknowledge() {
        long start = System.nanoTime();
        post(ingestToken(), "application/json", List.of(caseReceived(id("down"), P_DISTRICT), meetingHeld(id("down"), P)))
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", is("5")).body("status", is(503)).body("detail", notNullValue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        // Validation still comes first: an invalid batch is a 400, not a 503.
        var bad = caseReceived(id("down"), P_DISTRICT);
        bad.remove("id");
        post(ingestToken(), "application/json", bad).then().statusCode(400);
    }
}
