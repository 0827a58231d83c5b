package vn.egovpulse.chaos;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 5: a three-broker KRaft cluster (replication factor 3, min.insync.replicas=2), the broker that
 * leads most of egov.events killed (kill -9) during ingestion and left dead: every event answered 202 is
 * counted once, and every client that retries (503 after Retry-After, or an I/O error) gets its 202 — no
 * other answer reaches it.
 */
class Chaos05ClusterIT {
    static final int EVENTS = Integer.getInteger("chaos.s5.events", 40_000);

    @Test
    void oneOfThreeBrokersKilledDuringIngestion() {
        long t0 = System.nanoTime();
        ChaosStack st = ChaosStack.get();
        Cluster.start();
        try {
            st.useBootstrap(Cluster.BOOTSTRAP);
            Load load = new Load("SE", 8);
            load.registerUnits();

            Thread clients = load.postInBackground(load.batches(0, EVENTS, 200), 4, Duration.ofMinutes(6), 50);
            await("S5: ingestion under way").atMost(Duration.ofMinutes(1)).until(() -> load.batches202.get() >= 40);
            int victim = Cluster.busiestLeader();
            long acceptedBefore = load.batches202.get();
            Cluster.kill9(victim);
            await("S5: every client got its 202").atMost(Duration.ofMinutes(6)).until(() -> !clients.isAlive());
            ChaosStack.log("S5 load: %s", load.summary());
            assertThat(acceptedBefore).as("the kill landed during ingestion").isLessThan(load.batches(0, EVENTS, 200).size());
            assertThat(load.unexpected).as("answers other than 202/503, or batches never accepted").isEmpty();
            assertThat(load.missingRetryAfter.get()).as("503 answers without Retry-After").isZero();
            assertThat(load.expectedTotal()).as("clients that retry all succeed").isEqualTo(EVENTS);
            Readings.awaitExact(load, Duration.ofMinutes(3));
            ChaosStack.log("S5 RESULT pass: %d events, broker %d of 3 killed after %d of %d batches, %d x 503, %d I/O errors, %d s",
                    EVENTS, victim, acceptedBefore, load.batches(0, EVENTS, 200).size(), load.answers503.get(), load.ioErrors.get(),
                    (System.nanoTime() - t0) / 1_000_000_000);
        } finally {
            // Services back on the suite's broker first: they shut down faster while the cluster still answers.
            st.useBootstrap(ChaosStack.BOOTSTRAP);
            Cluster.stopAll();
        }
    }
}
