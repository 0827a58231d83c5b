package vn.egovpulse.scoring;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static vn.egovpulse.scoring.TestSupport.*;

/**
 * A batch the database cannot take (it is unreachable) is retried, not skipped, however long the
 * outage lasts, with readiness DOWN meanwhile; a batch whose storing fails for any other reason is
 * stored event by event, and only the event that fails again is dead-lettered.
 */
@QuarkusTest
@TestProfile(DatabaseFailureTest.FlakyDatabase.class)
class DatabaseFailureTest {

    public static class FlakyDatabase implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FlakyFactsStore.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("egov.scoring.retry-initial-backoff", "PT0.05S", "egov.scoring.retry-max-backoff", "PT0.5S");
        }
    }

    @Test
    void anOutageKeepsTheBatchUntilTheDatabaseIsBackWithReadinessDownMeanwhile() {
        String unit = randomProvince() + ".H.FLAKY";
        FlakyFactsStore.OUTAGE.set(true);
        try (KafkaCompanion kafka = new KafkaCompanion(BOOTSTRAP)) {
            send(kafka, meeting(unit, UUID.randomUUID().toString(), "2020-10-05T09:00:00+07:00", 60, 4, 30, "COMMUNE"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(503)
                            .body(containsString("egov.events consumer"))
                            .body(containsString("Connection refused (simulated)")));
            int failuresDuringOutage = FlakyFactsStore.FAILURES.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> FlakyFactsStore.FAILURES.get() > failuresDuringOutage + 3);
            assertThat(rows("SELECT 1 FROM scoring.vc_daily WHERE unit = ?", unit)).isEmpty();
        } finally {
            FlakyFactsStore.OUTAGE.set(false);
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !rows("SELECT 1 FROM scoring.vc_daily WHERE unit = ?", unit).isEmpty());
        List<Map<String, Object>> row = rows("SELECT meetings FROM scoring.vc_daily WHERE unit = ? AND day = ?",
                unit, LocalDate.of(2020, 10, 5));
        assertThat(((Number) row.get(0).get("meetings")).intValue()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aBatchThatFailsForAnyOtherReasonIsStoredOneByOneAndOnlyTheFaultyEventDeadLettered() {
        String unit = randomProvince() + ".H.U1";
        String poison = "NPE-" + UUID.randomUUID();
        String good1 = UUID.randomUUID().toString(), good2 = UUID.randomUUID().toString();
        try (KafkaCompanion kafka = new KafkaCompanion(BOOTSTRAP); TestSupport.DeadLetters dlq = new TestSupport.DeadLetters()) {
            send(kafka, meeting(unit, good1, "2020-10-05T09:00:00+07:00", 60, 4, 30, "COMMUNE"),
                    meeting(unit, poison, "2020-10-05T10:00:00+07:00", 60, 4, 30, "COMMUNE"),
                    meeting(unit, good2, "2020-10-05T11:00:00+07:00", 60, 4, 30, "COMMUNE"));
            ConsumerRecord<String, String> refused = dlq.await(poison);
            assertThat(TestSupport.DeadLetters.header(refused, "egov-error"))
                    .startsWith("scoring-service: could not be stored").contains("simulated fault of the storing code");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<Map<String, Object>> row = rows("SELECT meetings FROM scoring.vc_daily WHERE unit = ?", unit);
                assertThat(row).hasSize(1);
                assertThat(((Number) row.get(0).get("meetings")).intValue()).isEqualTo(2);
            });
            assertThat(dlq.seen.stream().filter(r -> r.value().contains(poison))).hasSize(1);
        }
    }
}
