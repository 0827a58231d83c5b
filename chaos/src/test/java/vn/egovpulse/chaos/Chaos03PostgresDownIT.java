package vn.egovpulse.chaos;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 3: PostgreSQL stopped for 3 minutes during a replay, then started: consumption resumes by
 * itself (no service restart), counts exact. Expected to fail while scoring's throttled
 * unprocessed-record-max-age.ms is 60 s (the consumer stops for good after ~75 s without a database).
 */
class Chaos03PostgresDownIT {
    static final int EVENTS = Integer.getInteger("chaos.s3.events", 60_000);
    static final Duration DOWN = Duration.ofSeconds(Integer.getInteger("chaos.s3.downSeconds", 180));

    @Test
    void postgresDownThreeMinutesDuringAReplay() {
        long t0 = System.nanoTime();
        ChaosStack st = ChaosStack.get();
        Load load = new Load("SC", 8);
        load.registerUnits();
        st.scoring.stop();
        load.post(load.batches(0, EVENTS, 5000), 2, Duration.ofMinutes(5));
        assertThat(load.unexpected).as(load.summary()).isEmpty();
        long total = load.expectedTotal();
        long scoringPid;
        st.scoring.start();
        scoringPid = st.scoring.process.pid();

        long at = total / 5;
        await("S3: replay under way").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> load.countedTotal() >= at);
        long before = load.countedTotal();
        st.pgStop();
        ChaosStack.log("S3 PostgreSQL stopped at %d of %d counted; keeping it down %d s", before, total, DOWN.toSeconds());
        assertThat(before).as("the outage starts mid-replay").isLessThan(total);
        // The fault itself lasts DOWN; meanwhile scoring's readiness must say so.
        await("S3: scoring readiness DOWN without its database").atMost(Duration.ofSeconds(60))
                .until(() -> ChaosStack.status(ChaosStack.SCORING + "/q/health/ready") != 200);
        await("S3: PostgreSQL stays down").during(DOWN.minusSeconds(5)).atMost(DOWN.plusSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).until(() -> !st.pgUp());
        st.pgStart();
        ChaosStack.log("S3 PostgreSQL started again");

        Readings.awaitExact(load, Duration.ofMinutes(3));
        assertThat(st.scoring.process.pid()).as("scoring was not restarted").isEqualTo(scoringPid);
        ChaosStack.log("S3 RESULT pass: %d events, PostgreSQL down %d s from %d counted, %d s", total, DOWN.toSeconds(), before,
                (System.nanoTime() - t0) / 1_000_000_000);
    }

    /** Whatever the outcome, the next scenarios need a scoring-service that consumes. */
    @AfterAll
    static void restartScoring() {
        ChaosStack st = ChaosStack.get();
        st.scoring.stop();
        st.ensureUp();
    }
}
