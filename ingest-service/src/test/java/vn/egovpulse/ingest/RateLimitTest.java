package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static vn.egovpulse.ingest.EventsHttpTest.post;
import static vn.egovpulse.ingest.Fixture.*;

/** Per-source rate limit: over it a source gets 429 with Retry-After; another source is not slowed. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
class RateLimitTest {
    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("egov.ingest.rate-limit.events-per-second", "2",
                    "egov.ingest.rate-limit.burst", "10",
                    "mp.messaging.incoming.inputs.enabled", "false");
        }
    }

    @BeforeEach
    void units() {
        Fixture.units();
    }

    private static List<ObjectNode> events(int n) {
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(caseReceived(id("rate"), P_DISTRICT));
        }
        return batch;
    }

    @Test
    void aSourceOverItsRateGets429WithRetryAfterAndNothingIsPublished() {
        post(ingestToken(), "application/json", events(10)).then().statusCode(202).body("accepted", is(10));
        List<ObjectNode> refused = events(3);
        try (TopicReader topic = new TopicReader(EVENTS_TOPIC)) {
            post(ingestToken(), "application/json", refused).then().statusCode(429)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("status", is(429)).body("errors[0].field", is("source"));
            List<String> ids = refused.stream().map(e -> e.get("id").asText()).toList();
            org.assertj.core.api.Assertions.assertThat(topic.untilNow()).noneMatch(r -> ids.contains(TopicReader.id(r)));
        }
        // Another source has its own budget.
        String other = "urn:egov:" + P + ":docs";
        ObjectNode doc = documentIssued(id("rate"), P).put("source", other);
        post(token(other, P, "ingest"), "application/json", List.of(doc)).then().statusCode(202);
        // The budget refills at 2 events/s: the same source passes again shortly.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                post(ingestToken(), "application/json", events(1)).then().statusCode(202));
    }
}
