package vn.egovpulse.chaos;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The suite's own stack: a KRaft broker on 19092/19093 (deploy/local/kafka.sh with other ports and
 * state dir), a PostgreSQL cluster on 15432 (chaos/pg.sh), and the three packaged services on
 * 28080-28082. Started once per test JVM, stopped by a shutdown hook. Nothing here touches the
 * shared broker (9092), the shared PostgreSQL (5432) or ports 8080-8082 / 18080-18082.
 */
final class ChaosStack {
    static final Path ROOT = Path.of(System.getProperty("egov.root", "..")).toAbsolutePath().normalize();
    /** State (data, logs, keys): CHAOS_STATE_DIR, else .local/chaos of the checkout (pg.sh reads the same variable). */
    static final Path STATE = Path.of(System.getenv().getOrDefault("CHAOS_STATE_DIR",
            ROOT.resolve(".local/chaos").toString())).toAbsolutePath().normalize();
    static final Path RUN = STATE.resolve("run");
    static final int KAFKA_PORT = 19092;
    static final int KAFKA_CONTROLLER_PORT = 19093;
    static final int PG_PORT = 15432;
    static final String BOOTSTRAP = "127.0.0.1:" + KAFKA_PORT;
    static final int REPORTING_PORT = 28080;
    static final int INGEST_PORT = 28081;
    static final int SCORING_PORT = 28082;
    static final String REPORTING = "http://127.0.0.1:" + REPORTING_PORT;
    static final String INGEST = "http://127.0.0.1:" + INGEST_PORT;
    static final String SCORING = "http://127.0.0.1:" + SCORING_PORT;
    private static final List<Integer> FORBIDDEN = List.of(9092, 9093, 5432, 8080, 8081, 8082, 18080, 18081, 18082);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static ChaosStack instance;

    final Svc ingest;
    final Svc scoring;
    final Svc reporting;
    final List<Svc> extra = new ArrayList<>();
    /** Which broker(s) the services use; scenario 5 swaps in its three-broker cluster. */
    String bootstrap = BOOTSTRAP;

    private ChaosStack() {
        ingest = service("ingest-service", "ingest", INGEST_PORT, "egov", null);
        scoring = service("scoring-service", "scoring", SCORING_PORT, "egov", null);
        reporting = service("reporting-service", "reporting", REPORTING_PORT, "egov", null);
    }

    static synchronized ChaosStack get() {
        if (instance == null) {
            ChaosStack s = new ChaosStack();
            Runtime.getRuntime().addShutdownHook(new Thread(s::shutdown, "chaos-stack-stop"));
            s.startAll();
            instance = s;
        }
        instance.ensureUp();
        return instance;
    }

    // ---------------------------------------------------------------- processes

    /** A packaged service run as a child process of this JVM (so kill -9 is Process.destroyForcibly). */
    final class Svc {
        final String module;
        final String name;
        final int port;
        final Map<String, String> env = new LinkedHashMap<>();
        final List<String> jvm = new ArrayList<>();
        Process process;

        Svc(String module, String name, int port) {
            this.module = module;
            this.name = name;
            this.port = port;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        synchronized void start() {
            if (alive()) {
                return;
            }
            check(port);
            waitPortFree(port);
            Path jar = ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (make chaos builds it)");
            }
            List<String> cmd = new ArrayList<>(List.of("java", "-Xmx384m", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=4m"));
            cmd.addAll(jvm);
            cmd.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(RUN.resolve(name + ".log").toFile()));
            Map<String, String> e = pb.environment();
            e.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("EGOV_") || k.equals("JAVA_TOOL_OPTIONS"));
            e.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            e.put("EGOV_DB_URL", "postgresql://127.0.0.1:" + PG_PORT + "/egov");
            e.put("EGOV_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/egov");
            e.put("EGOV_JWT_PUBLIC_KEY", STATE.resolve("keys/public.pem").toString());
            e.put("EGOV_SCORING_URL", SCORING);
            e.putAll(env);
            try {
                log("starting %s on :%d", name, port);
                process = pb.start();
                Files.writeString(RUN.resolve(name + ".pid"), Long.toString(process.pid()));
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        boolean ready() {
            return alive() && status(url() + "/q/health/ready") == 200;
        }

        void awaitReady(Duration max) {
            await(name + " ready").atMost(max).pollInterval(Duration.ofMillis(250)).until(this::ready);
        }

        /** SIGKILL: no shutdown hook, no offset commit, no flush. */
        synchronized void kill9() {
            if (process != null) {
                log("kill -9 %s (pid %d)", name, process.pid());
                process.destroyForcibly();
                waitExit(process, 30);
            }
        }

        synchronized void stop() {
            if (process != null && process.isAlive()) {
                log("stopping %s (pid %d)", name, process.pid());
                process.destroy();
                if (!waitExit(process, 30)) {
                    process.destroyForcibly();
                    waitExit(process, 10);
                }
            }
        }
    }

    Svc service(String module, String name, int port, String db, String group) {
        Svc s = new Svc(module, name, port);
        String portVar = switch (module) {
            case "ingest-service" -> "INGEST_PORT";
            case "scoring-service" -> "SCORING_PORT";
            default -> "REPORTING_PORT";
        };
        s.env.put(portVar, Integer.toString(port));
        s.env.put("EGOV_DB_URL", "postgresql://127.0.0.1:" + PG_PORT + "/" + db);
        s.env.put("EGOV_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + db);
        if (group != null) {
            s.env.put("EGOV_SCORING_GROUP", group);
        }
        if (module.equals("scoring-service")) {
            String opts = System.getProperty("chaos.scoring.opts", "");
            if (!opts.isBlank() && !opts.startsWith("${")) {
                s.jvm.addAll(Arrays.asList(opts.trim().split("\\s+")));
            }
        }
        return s;
    }

    /** Another service instance for one scenario (a second scoring, a replay pair); stopped at shutdown. */
    Svc extraService(String module, String name, int port, String db, String group) {
        Svc s = service(module, name, port, db, group);
        extra.add(s);
        return s;
    }

    private static boolean waitExit(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---------------------------------------------------------------- infrastructure

    private void startAll() {
        try {
            Files.createDirectories(RUN);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        killLeftovers();
        log("fresh state: wiping the chaos PostgreSQL cluster and Kafka data under %s", STATE);
        sh(ROOT.resolve("chaos/pg.sh").toString(), "wipe");
        deleteTree(STATE.resolve("k1/kafka/data"));
        deleteTree(STATE.resolve("k1/kafka/cluster.id"));
        sh(ROOT.resolve("deploy/local/keys.sh").toString());
        pgStart();
        kafkaStart();
        ingest.start();
        scoring.start();
        reporting.start();
        for (Svc s : List.of(ingest, scoring, reporting)) {
            s.awaitReady(Duration.ofSeconds(180));
        }
        log("chaos stack up");
    }

    /** Called before each scenario: whatever a previous scenario left dead is started again. */
    void ensureUp() {
        if (!pgUp()) {
            pgStart();
        }
        if (bootstrap.equals(BOOTSTRAP) && !portOpen(KAFKA_PORT)) {
            kafkaStart();
        }
        for (Svc s : List.of(ingest, scoring, reporting)) {
            s.start();
        }
        for (Svc s : List.of(ingest, scoring, reporting)) {
            s.awaitReady(Duration.ofSeconds(180));
        }
    }

    /** Restarts the three services on other brokers (scenario 5's cluster), or back on the suite's own broker. */
    void useBootstrap(String servers) {
        List<Svc> svcs = List.of(ingest, scoring, reporting);
        for (Svc s : svcs) {
            if (s.alive()) {
                s.process.destroy();
            }
        }
        for (Svc s : svcs) {
            s.stop();
        }
        bootstrap = servers;
        if (servers.equals(BOOTSTRAP) && !portOpen(KAFKA_PORT)) {
            kafkaStart();
        }
        for (Svc s : svcs) {
            s.start();
        }
        for (Svc s : svcs) {
            s.awaitReady(Duration.ofSeconds(180));
        }
    }

    void pgStart() {
        log("starting PostgreSQL on :%d", PG_PORT);
        sh(ROOT.resolve("chaos/pg.sh").toString(), "start");
    }

    void pgStop() {
        log("stopping PostgreSQL on :%d", PG_PORT);
        sh(ROOT.resolve("chaos/pg.sh").toString(), "stop");
    }

    boolean pgUp() {
        return portOpen(PG_PORT);
    }

    void createDatabase(String name) {
        sh(ROOT.resolve("chaos/pg.sh").toString(), "createdb", name);
    }

    void kafkaStart() {
        log("starting Kafka on :%d", KAFKA_PORT);
        sh(kafkaEnv(), ROOT.resolve("deploy/local/kafka.sh").toString(), "start");
    }

    /** kill -9 of the broker (the pid deploy/local/kafka.sh wrote). */
    void kafkaKill9() {
        long pid = Long.parseLong(read(STATE.resolve("k1/kafka/kafka.pid")).trim());
        log("kill -9 Kafka broker (pid %d)", pid);
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    void kafkaStop() {
        sh(kafkaEnv(), ROOT.resolve("deploy/local/kafka.sh").toString(), "stop");
    }

    private static Map<String, String> kafkaEnv() {
        return Map.of("EGOV_STATE_DIR", STATE.resolve("k1").toString(), "KAFKA_PORT", Integer.toString(KAFKA_PORT),
                "KAFKA_CONTROLLER_PORT", Integer.toString(KAFKA_CONTROLLER_PORT),
                "KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP, "KAFKA_HEAP_OPTS", "-Xmx512m -Xms256m");
    }

    private void shutdown() {
        log("stopping the chaos stack");
        // All at once (SIGTERM), then SIGKILL after 15 s: surefire kills a fork whose hooks run past 30 s.
        List<Svc> all = new ArrayList<>(extra);
        all.addAll(List.of(reporting, scoring, ingest));
        for (Svc s : all) {
            if (s.alive()) {
                s.process.destroy();
            }
        }
        for (Svc s : all) {
            if (s.process != null && !waitExit(s.process, 15)) {
                s.process.destroyForcibly();
            }
        }
        try {
            kafkaStop();
            Cluster.stopAll();
            sh(ROOT.resolve("chaos/pg.sh").toString(), "stop");
        } catch (RuntimeException e) {
            System.err.println("[chaos] " + e.getMessage());
        }
    }

    /** Processes a previous, aborted run of this suite started (by the pid files it wrote). */
    private static void killLeftovers() {
        try (var files = Files.list(RUN)) {
            files.filter(f -> f.toString().endsWith(".pid")).forEach(f -> {
                try {
                    long pid = Long.parseLong(Files.readString(f).trim());
                    ProcessHandle.of(pid).filter(h -> h.info().command().orElse("").contains("java")).ifPresent(h -> {
                        log("killing pid %d left by an earlier run (%s)", pid, f.getFileName());
                        h.destroyForcibly();
                        h.onExit().orTimeout(20, TimeUnit.SECONDS).join();
                    });
                    Files.delete(f);
                } catch (IOException | NumberFormatException | java.util.concurrent.CompletionException e) {
                    // gone already
                }
            });
        } catch (IOException e) {
            // no run dir yet
        }
        // Brokers of an earlier run: kafka.sh's pid files (k1, scenario 5's cluster).
        for (String dir : List.of("k1/kafka/kafka.pid", "c1/kafka.pid", "c2/kafka.pid", "c3/kafka.pid")) {
            Path f = STATE.resolve(dir);
            if (Files.isRegularFile(f)) {
                try {
                    long pid = Long.parseLong(Files.readString(f).trim());
                    ProcessHandle.of(pid).filter(h -> h.info().command().orElse("").contains("java")).ifPresent(h -> {
                        log("killing broker pid %d left by an earlier run", pid);
                        h.destroyForcibly();
                        h.onExit().orTimeout(20, TimeUnit.SECONDS).join();
                    });
                } catch (IOException | NumberFormatException e) {
                    // ignore
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static void check(int port) {
        if (FORBIDDEN.contains(port)) {
            throw new IllegalStateException("the chaos suite never uses port " + port);
        }
    }

    private static void waitPortFree(int port) {
        await("port " + port + " free").atMost(Duration.ofSeconds(30)).until(() -> !portOpen(port));
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String sh(String... cmd) {
        return sh(Map.of(), cmd);
    }

    static String sh(Map<String, String> env, String... cmd) {
        try {
            List<String> full = new ArrayList<>();
            full.add("bash");
            full.addAll(List.of(cmd));
            ProcessBuilder pb = new ProcessBuilder(full).directory(ROOT.toFile()).redirectErrorStream(true);
            pb.environment().put("EGOV_STATE_DIR", STATE.toString());
            pb.environment().put("CHAOS_STATE_DIR", STATE.toString());
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void log(String fmt, Object... args) {
        System.out.printf("[chaos %tT] %s%n", System.currentTimeMillis(), String.format(fmt, args));
        System.out.flush();
    }
}
