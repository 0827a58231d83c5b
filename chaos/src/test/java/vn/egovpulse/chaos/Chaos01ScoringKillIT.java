package vn.egovpulse.chaos;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Scenario 1: kill -9 of scoring-service three times at random points of a replay; exact counts after restart. */
class Chaos01ScoringKillIT {
    static final int EVENTS = Integer.getInteger("chaos.s1.events", 200_000);

    @Test
    void scoringKilledThreeTimesDuringAReplayCountsEveryEventOnce() {
        long t0 = System.nanoTime();
        ChaosStack st = ChaosStack.get();
        Load load = new Load("SA", 10);
        load.registerUnits();

        // The replay: a backlog of EVENTS on egov.events that scoring has to work through.
        st.scoring.stop();
        load.post(load.batches(0, EVENTS, 5000), 2, Duration.ofMinutes(5));
        assertThat(load.unexpected).as(load.summary()).isEmpty();
        long total = load.expectedTotal();
        assertThat(total).isEqualTo(EVENTS);
        ChaosStack.log("S1 backlog posted: %s", load.summary());

        Random random = new Random();
        List<String> kills = new ArrayList<>();
        st.scoring.start();
        for (int k = 0; k < 3; k++) {
            // a random point early in each third of the replay: at 50-60 k events/s a kill aimed at the last tenth
            // landed after the replay had been counted (once, at 200,000 of 200,000), which proves nothing
            long at = (long) (total * (k / 3.0 + 0.02 + random.nextDouble() * 0.1));
            await("S1: scoring counted " + at + " of " + total).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .failFast("over-counted", () -> load.countedTotal() > total)
                    .until(() -> load.countedTotal() >= at);
            long before = load.countedTotal();
            st.scoring.kill9();
            kills.add(before + "/" + total);
            ChaosStack.log("S1 kill %d at %d of %d counted", k + 1, before, total);
            assertThat(before).as("kill %d landed mid-replay", k + 1).isLessThan(total);
            st.scoring.start();
        }
        Readings.awaitExact(load, Duration.ofMinutes(4));
        ChaosStack.log("S1 RESULT pass: %d events, kills at %s, %d units compared, %d s", total, kills,
                load.units.size(), (System.nanoTime() - t0) / 1_000_000_000);
    }
}
