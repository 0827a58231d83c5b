package vn.egovpulse.scoring;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.egovpulse.scoring.TestSupport.*;

/** A batch whose transaction fails is retried, not skipped: its events are counted, once. */
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
    void aFailedTransactionIsRetriedUntilItCommits() {
        String unit = randomProvince() + ".H.FLAKY";
        try (KafkaCompanion kafka = new KafkaCompanion(BOOTSTRAP)) {
            send(kafka, meeting(unit, UUID.randomUUID().toString(), "2020-10-05T09:00:00+07:00", 60, 4, 30, "COMMUNE"));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !rows("SELECT 1 FROM scoring.vc_daily WHERE unit = ?", unit).isEmpty());
        }
        assertThat(FlakyFactsStore.FAILURES.get()).isEqualTo(2);
        List<Map<String, Object>> row = rows("SELECT meetings FROM scoring.vc_daily WHERE unit = ? AND day = ?",
                unit, LocalDate.of(2020, 10, 5));
        assertThat(((Number) row.get(0).get("meetings")).intValue()).isEqualTo(1);
    }
}
