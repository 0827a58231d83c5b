package vn.egovpulse.chaos;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Scenario 4: two scoring instances in one consumer group, one killed mid-replay: the other takes its partitions; counts exact. */
class Chaos04ConsumerGroupIT {
    static final int EVENTS = Integer.getInteger("chaos.s4.events", 100_000);
    static final String GROUP = "egov-scoring";
    static ChaosStack.Svc second;

    static int membersWithPartitions(Admin admin) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            int n = 0;
            for (MemberDescription m : d.members()) {
                if (!m.assignment().topicPartitions().isEmpty()) {
                    n++;
                }
            }
            return n;
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void oneOfTwoScoringInstancesKilledMidReplay() throws Exception {
        long t0 = System.nanoTime();
        ChaosStack st = ChaosStack.get();
        Load load = new Load("SD", 12);
        load.registerUnits();
        second = st.extraService("scoring-service", "scoring-b", 28083, "egov", null);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, st.bootstrap))) {
            // The second instance joins the group of the first: 2 instances x 2 consumers (concurrency 2), 12 partitions.
            second.start();
            second.awaitReady(Duration.ofMinutes(3));
            await("S4: both instances own partitions").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> membersWithPartitions(admin) == 4);

            // Both instances consume while the clients post, so the kill lands while events are still
            // arriving (a backlog posted first was counted by two instances before any kill could land).
            Thread clients = load.postInBackground(load.batches(0, EVENTS, 2000), 2, Duration.ofMinutes(5), 0);
            boolean killFirst = new Random().nextBoolean();
            ChaosStack.Svc victim = killFirst ? st.scoring : second;
            long at = EVENTS / 10;
            await("S4: replay under way").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> load.countedTotal() >= at);
            long before = load.countedTotal();
            victim.kill9();
            ChaosStack.log("S4 killed %s at %d counted of %d to come", victim.name, before, EVENTS);
            assertThat(before).as("the kill landed mid-replay").isLessThan(EVENTS);
            await("S4: every client got its 202").atMost(Duration.ofMinutes(5)).until(() -> !clients.isAlive());
            assertThat(load.unexpected).as(load.summary()).isEmpty();
            long total = load.expectedTotal();
            assertThat(total).isEqualTo(EVENTS);
            // The survivor takes the victim's partitions once the session times out; no restart.
            await("S4: the survivor owns every partition").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> membersWithPartitions(admin) == 2);
            Readings.awaitExact(load, Duration.ofMinutes(3));
            ChaosStack.log("S4 RESULT pass: %d events over %d units, %s killed at %d, %d s", total, load.units.size(),
                    victim.name, before, (System.nanoTime() - t0) / 1_000_000_000);
        }
    }

    @AfterAll
    static void oneInstanceAgain() {
        if (second != null) {
            second.stop();
        }
        ChaosStack.get();
    }
}
