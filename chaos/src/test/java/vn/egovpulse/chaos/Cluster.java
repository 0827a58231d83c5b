package vn.egovpulse.chaos;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 5's three-broker KRaft cluster: nodes 1-3, each broker and controller (static quorum),
 * PLAINTEXT on 19192/19194/19196, CONTROLLER on 19193/19195/19197, data under STATE/c1..c3.
 * Every topic has replication factor 3 and min.insync.replicas=2. The brokers run from the Kafka
 * jars deploy/local/kafka.sh resolved for the suite's single broker (STATE/k1/kafka/lib), as child
 * processes of the test JVM (kill -9 is Process.destroyForcibly); pid files let a later run kill leftovers.
 */
final class Cluster {
    static final int NODES = 3;
    static final String BOOTSTRAP = "127.0.0.1:" + port(1) + ",127.0.0.1:" + port(2) + ",127.0.0.1:" + port(3);
    /** The project's topics (deploy/local/kafka.sh): name, partitions, retention (ms, 0 = compacted). */
    private static final List<Object[]> TOPICS = List.<Object[]>of(
            new Object[] {"egov.events", 12, 604_800_000L},
            new Object[] {"egov.units", 1, 0L},
            new Object[] {"egov.indicators", 12, 86_400_000L},
            new Object[] {"egov.in.onestop", 6, 604_800_000L},
            new Object[] {"egov.in.docs", 6, 604_800_000L},
            new Object[] {"egov.in.vc", 3, 604_800_000L},
            new Object[] {"egov.in.dlq", 3, 2_592_000_000L});
    private static final Process[] BROKERS = new Process[NODES + 1];

    private Cluster() {
    }

    static int port(int node) {
        return 19190 + 2 * node;
    }

    static int controllerPort(int node) {
        return port(node) + 1;
    }

    private static Path dir(int node) {
        return ChaosStack.STATE.resolve("c" + node);
    }

    /** Fresh data, format, start the three brokers, create the topics (RF 3, min ISR 2). */
    static synchronized void start() {
        Path lib = ChaosStack.STATE.resolve("k1/kafka/lib");
        if (!Files.isRegularFile(lib.resolve(".complete"))) {
            throw new IllegalStateException(lib + " missing: the suite's single broker resolves the Kafka jars first");
        }
        String clusterId = Uuid.randomUuid().toString();
        String voters = "1@127.0.0.1:" + controllerPort(1) + ",2@127.0.0.1:" + controllerPort(2) + ",3@127.0.0.1:" + controllerPort(3);
        for (int n = 1; n <= NODES; n++) {
            ChaosStack.check(port(n));
            Path d = dir(n);
            ChaosStack.deleteTree(d);
            try {
                Files.createDirectories(d);
                Files.writeString(d.resolve("server.properties"), String.join("\n",
                        "process.roles=broker,controller",
                        "node.id=" + n,
                        "controller.quorum.voters=" + voters,
                        "listeners=PLAINTEXT://127.0.0.1:" + port(n) + ",CONTROLLER://127.0.0.1:" + controllerPort(n),
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port(n),
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + d.resolve("data"),
                        "num.partitions=1",
                        "default.replication.factor=3",
                        "min.insync.replicas=2",
                        "unclean.leader.election.enable=false",
                        "offsets.topic.replication.factor=3",
                        "offsets.topic.num.partitions=6",
                        "transaction.state.log.replication.factor=3",
                        "transaction.state.log.min.isr=2",
                        "share.coordinator.state.topic.replication.factor=3",
                        "share.coordinator.state.topic.min.isr=2",
                        "group.initial.rebalance.delay.ms=0",
                        "auto.create.topics.enable=false",
                        ""));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            run(lib, d, List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", d.resolve("server.properties").toString()));
        }
        for (int n = 1; n <= NODES; n++) {
            startBroker(lib, n);
        }
        try (Admin admin = admin()) {
            await("three brokers in the cluster").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == NODES);
            List<NewTopic> topics = new ArrayList<>();
            for (Object[] t : TOPICS) {
                long retention = (Long) t[2];
                topics.add(new NewTopic((String) t[0], (Integer) t[1], (short) 3).configs(retention == 0
                        ? Map.of("cleanup.policy", "compact", "min.insync.replicas", "2")
                        : Map.of("retention.ms", Long.toString(retention), "min.insync.replicas", "2")));
            }
            admin.createTopics(topics).all().get(2, TimeUnit.MINUTES);
            await("every partition with 3 in-sync replicas").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> {
                        Map<String, TopicDescription> d = admin.describeTopics(TOPICS.stream().map(t -> (String) t[0]).toList())
                                .allTopicNames().get(10, TimeUnit.SECONDS);
                        return d.values().stream().flatMap(t -> t.partitions().stream()).allMatch(p -> p.isr().size() == NODES);
                    });
        } catch (Exception e) {
            throw new IllegalStateException("three-broker cluster: " + e, e);
        }
        ChaosStack.log("three-broker cluster up on %s (RF 3, min.insync.replicas=2)", BOOTSTRAP);
    }

    private static void startBroker(Path lib, int n) {
        Path d = dir(n);
        try {
            ProcessBuilder pb = new ProcessBuilder("java", "-Xmx384m", "-Xms128m", "-XX:+UseG1GC",
                    "-Dlog4j2.configurationFile=" + ChaosStack.STATE.resolve("k1/kafka/log4j2.properties"),
                    "-cp", lib + "/*", "kafka.Kafka", d.resolve("server.properties").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(d.resolve("kafka.log").toFile()));
            BROKERS[n] = pb.start();
            Files.writeString(d.resolve("kafka.pid"), Long.toString(BROKERS[n].pid()));
            ChaosStack.log("starting cluster broker %d on :%d (pid %d)", n, port(n), BROKERS[n].pid());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(Path lib, Path d, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx256m", "-cp", lib + "/*"));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(d.resolve("format.log").toFile())).start();
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", args) + " failed: " + ChaosStack.read(d.resolve("format.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000"));
    }

    /** The broker leading most partitions of egov.events (so the kill moves leadership under load). */
    static int busiestLeader() {
        try (Admin admin = admin()) {
            TopicDescription d = admin.describeTopics(List.of("egov.events")).allTopicNames().get(20, TimeUnit.SECONDS).get("egov.events");
            int[] led = new int[NODES + 1];
            d.partitions().forEach(p -> led[p.leader().id()]++);
            int best = 1;
            for (int n = 2; n <= NODES; n++) {
                if (led[n] > led[best]) {
                    best = n;
                }
            }
            return best;
        } catch (Exception e) {
            return 1;
        }
    }

    /** SIGKILL of one broker: no flush, no controlled shutdown. */
    static synchronized void kill9(int n) {
        Process p = BROKERS[n];
        ChaosStack.log("kill -9 cluster broker %d (pid %d)", n, p.pid());
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Test brokers: SIGKILL, their data is wiped at the next start anyway. */
    static synchronized void stopAll() {
        for (int n = 1; n <= NODES; n++) {
            if (BROKERS[n] != null) {
                BROKERS[n].destroyForcibly();
                try {
                    BROKERS[n].waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                BROKERS[n] = null;
            }
        }
    }
}
