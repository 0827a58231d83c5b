package vn.egovpulse.chaos;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 2: kill -9 of the broker during ingestion, then a restart: every event answered 202 is counted
 * once; requests during the outage get 503 with Retry-After; clients that retry succeed; ingest readiness
 * goes DOWN and comes back UP.
 */
class Chaos02BrokerKillIT {
    static final int EVENTS = Integer.getInteger("chaos.s2.events", 40_000);

    @Test
    void brokerKilledDuringIngestion() {
        long t0 = System.nanoTime();
        ChaosStack st = ChaosStack.get();
        Load load = new Load("SB", 8);
        load.registerUnits();

        // 200 batches of 200 events, 4 clients, a short pause after each batch: the load spans the outage.
        Thread clients = load.postInBackground(load.batches(0, EVENTS, 200), 4, Duration.ofMinutes(6), 100);
        await("S2: ingestion under way").atMost(Duration.ofMinutes(1)).until(() -> load.batches202.get() >= 20);

        st.kafkaKill9();
        long killedAt = System.nanoTime();
        await("S2: ingest readiness DOWN").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> ChaosStack.status(ChaosStack.INGEST + "/q/health/ready") == 503);
        long downAfter = (System.nanoTime() - killedAt) / 1_000_000;
        await("S2: a client got 503 during the outage").atMost(Duration.ofSeconds(60)).until(() -> load.answers503.get() > 0);
        ChaosStack.log("S2 broker down: readiness DOWN after %d ms, %d 503 so far", downAfter, load.answers503.get());

        st.kafkaStart();
        long restartedAt = System.nanoTime();
        await("S2: ingest readiness UP again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> ChaosStack.status(ChaosStack.INGEST + "/q/health/ready") == 200);
        long upAfter = (System.nanoTime() - restartedAt) / 1_000_000;
        await("S2: every client got its 202").atMost(Duration.ofMinutes(5)).until(() -> !clients.isAlive());

        ChaosStack.log("S2 load: %s", load.summary());
        assertThat(load.unexpected).as("answers other than 202/503, or batches never accepted").isEmpty();
        assertThat(load.answers503.get()).as("503 answers during the outage").isPositive();
        assertThat(load.missingRetryAfter.get()).as("503 answers without Retry-After").isZero();
        assertThat(load.expectedTotal()).as("clients that retry all succeed").isEqualTo(EVENTS);
        Readings.awaitExact(load, Duration.ofMinutes(3));
        ChaosStack.log("S2 RESULT pass: %d events, readiness DOWN %d ms after the kill, UP %d ms after the restart, %d x 503, %d s",
                EVENTS, downAfter, upAfter, load.answers503.get(), (System.nanoTime() - t0) / 1_000_000_000);
    }
}
