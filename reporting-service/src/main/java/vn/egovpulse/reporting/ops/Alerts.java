package vn.egovpulse.reporting.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.platform.config.TopicsConfig;
import vn.egovpulse.platform.units.UnitRegistry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import vn.egovpulse.platform.kafka.KafkaClientMeters;
import vn.egovpulse.platform.kafka.KafkaClientSecurity;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SPEC 8 alerts: {@code case.dueSoon}, {@code case.overdue}, {@code source.silent}, {@code source.back},
 * each sent once. A checker runs every {@code egov.alerts.check-every}; each alert is first written
 * (acks=all) to the compacted topic {@code egov.alerts}, key = what it is about (e.g.
 * {@code case.overdue|unit|caseId}, {@code source|province|source}), then pushed to the province's
 * SSE clients. At start the service reads that topic to its end: what is on it was sent, so a
 * restart never sends the same alert again (reporting never writes scoring's schema).
 * Prometheus gauges per province: {@code egov_alerts_overdue_cases} (open cases past their due
 * date) and {@code egov_alerts_silent_sources}.
 */
@ApplicationScoped
public class Alerts {
    private static final Logger LOG = Logger.getLogger(Alerts.class);
    public static final String TOPIC = "egov.alerts";

    private static final String CASES = "SELECT unit, case_id, due_day FROM scoring.onestop_case"
            + " WHERE resolved_day IS NULL AND due_day BETWEEN $1 AND $2";
    private static final String OVERDUE = "SELECT unit, count(*) AS n FROM scoring.onestop_case"
            + " WHERE resolved_day IS NULL AND due_day < $1 GROUP BY unit";
    private static final String RECENT_SOURCES = "SELECT DISTINCT unit FROM scoring.source_unit"
            + " WHERE source IN (SELECT DISTINCT source FROM scoring.source_day WHERE day >= $1)";

    private record Client(SseEventSink sink, Sse sse) {
    }

    private final AlertsConfig config;
    private final Pool pool;
    private final Scope scope;
    private final SourcesService sources;
    private final UnitRegistry registry;
    private final MeterRegistry meters;
    private final ObjectMapper json;
    private final String bootstrap;
    private final String topic;
    /** Alert key → the last value written for it (what was sent). */
    private final Map<String, String> sent = new ConcurrentHashMap<>();
    private final Map<String, Set<Client>> clients = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> overdueGauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> silentGauges = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private KafkaProducer<String, String> producer;
    private final KafkaClientSecurity security;
    private final KafkaClientMeters clientMeters;

    public Alerts(AlertsConfig config, Pool pool, Scope scope, SourcesService sources, UnitRegistry registry,
                  MeterRegistry meters, ObjectMapper json, TopicsConfig topics,
                  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, KafkaClientSecurity security,
                  KafkaClientMeters clientMeters) {
        this.security = security;
        this.clientMeters = clientMeters;
        this.config = config;
        this.pool = pool;
        this.scope = scope;
        this.sources = sources;
        this.registry = registry;
        this.meters = meters;
        this.json = json;
        this.bootstrap = bootstrap;
        this.topic = topics.prefix() + TOPIC;
    }

    void start(@Observes StartupEvent e) {
        if (!config.enabled()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                reload();
            } catch (Exception ex) {
                LOG.errorf("alerts: could not read %s, no alert is sent until it can: %s", topic, ex.toString());
            }
        }, "alerts-load");
        t.setDaemon(true);
        t.start();
    }

    void stop(@Observes ShutdownEvent e) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Forgets what this process knows and reads what was sent from the topic, as a fresh start does. */
    public synchronized void reload() throws Exception {
        loaded = false;
        sent.clear();
        ensureTopic();
        Properties p = security.client(bootstrap);
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took more than 5 minutes");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && r.value() != null) {
                        sent.put(r.key(), r.value());
                    }
                }
            }
        }
        if (producer == null) {
            Properties pp = security.client(bootstrap);
            pp.put(ProducerConfig.ACKS_CONFIG, "all");
            pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            pp.put(ProducerConfig.CLIENT_ID_CONFIG, "egov-alerts-writer");
            producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer());
            clientMeters.measure(producer); // for the process's life: the producer is closed at shutdown only
        }
        loaded = true;
        LOG.infof("alerts: %d sent alerts read from %s", sent.size(), topic);
    }

    private void ensureTopic() throws Exception {
        Properties p = security.client(bootstrap);
        try (Admin admin = Admin.create(p)) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Registers a client of {@code province}'s alerts. */
    public void open(String province, SseEventSink sink, Sse sse) {
        Client c = new Client(sink, sse);
        clients.computeIfAbsent(province, k -> ConcurrentHashMap.newKeySet()).add(c);
        sink.send(sse.newEventBuilder().comment("connected").build());
    }

    @Scheduled(every = "${egov.alerts.check-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotLoaded.class)
    void tick() {
        try {
            check();
        } catch (Exception e) {
            LOG.warnf("alerts: check failed, retried at the next tick: %s", e.toString());
        }
    }

    /** Skips the checker until the sent alerts are read (or when alerts are off). */
    @ApplicationScoped
    public static class NotLoaded implements Scheduled.SkipPredicate {
        private final Alerts alerts;

        public NotLoaded(Alerts alerts) {
            this.alerts = alerts;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !alerts.loaded(); // a method: a field read through the client proxy would be the proxy's
        }
    }

    /** One round: due-soon and overdue cases, silent and back sources, gauges. */
    public synchronized void check() throws Exception {
        if (!loaded) {
            return;
        }
        LocalDate today = Calendar.today();
        Instant now = Instant.now();
        Map<String, String> provinceOf = new HashMap<>();
        long soonDays = config.dueWithin().toDays();
        long lookback = Math.max(1, config.overdueLookback().toDays());
        for (Row r : pool.preparedQuery(CASES).execute(Tuple.of(today.minusDays(lookback), today.plusDays(soonDays)))
                .await().atMost(Duration.ofSeconds(30))) {
            String unit = r.getString("unit");
            String province = provinceOf.computeIfAbsent(unit, u -> scope.currentProvince(u, today));
            if (province == null) {
                continue;
            }
            LocalDate due = r.getLocalDate("due_day");
            String type = due.isBefore(today) ? "case.overdue" : "case.dueSoon";
            String key = type + "|" + unit + "|" + r.getString("case_id");
            if (!sent.containsKey(key)) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("type", type);
                a.put("province", province);
                a.put("unit", unit);
                a.put("caseId", r.getString("case_id"));
                a.put("due", due.toString());
                a.put("daysLeft", ChronoUnit.DAYS.between(today, due));
                a.put("at", now.atOffset(ZoneOffset.ofHours(7)).toString());
                emit(key, type, province, a);
            }
        }
        flush();
        Map<String, Long> overdue = new HashMap<>();
        for (Row r : pool.preparedQuery(OVERDUE).execute(Tuple.of(today)).await().atMost(Duration.ofSeconds(30))) {
            String province = provinceOf.computeIfAbsent(r.getString("unit"), u -> scope.currentProvince(u, today));
            if (province != null) {
                overdue.merge(province, r.getLong("n"), Long::sum);
            }
        }
        setGauges(overdueGauges, "egov.alerts.overdue.cases", "Open cases past their due date", overdue);
        Map<String, Long> silent = checkSources(today, now);
        flush();
        setGauges(silentGauges, "egov.alerts.silent.sources", "Sources flagged silent", silent);
    }

    private Map<String, Long> checkSources(LocalDate today, Instant now) throws Exception {
        // Only sources heard from recently can go silent or come back; older ones are long settled.
        java.time.OffsetDateTime since = now.minus(config.silentAfter()).minus(8, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC);
        Set<String> provinces = new HashSet<>();
        for (Row r : pool.preparedQuery(RECENT_SOURCES).execute(Tuple.of(Calendar.localDate(since))).await().atMost(Duration.ofSeconds(30))) {
            String p = scope.currentProvince(r.getString("unit"), today);
            if (p != null) {
                provinces.add(p);
            }
        }
        Map<String, Long> silent = new HashMap<>();
        for (String p : provinces) {
            for (SourcesService.Source s : sources.sources(scope.provinceEver(p), now).await().atMost(Duration.ofSeconds(30))) {
                if (s.silent()) {
                    silent.merge(p, 1L, Long::sum);
                }
                if (s.lastEventTime().toInstant().isBefore(since.toInstant())) {
                    continue;
                }
                String key = "source|" + p + "|" + s.source();
                String before = sent.get(key);
                boolean wasSilent = before != null && before.contains("\"type\":\"source.silent\"");
                if (s.silent() != wasSilent && (s.silent() || before != null)) {
                    String type = s.silent() ? "source.silent" : "source.back";
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("type", type);
                    a.put("province", p);
                    a.put("source", s.source());
                    a.put("lastEventTime", s.lastEventTime().toString());
                    a.put("at", now.atOffset(ZoneOffset.ofHours(7)).toString());
                    emit(key, type, p, a);
                }
            }
        }
        return silent;
    }

    private record Pending(java.util.concurrent.Future<?> ack, String key, String type, String province, String value) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /** Writes the alert to the topic; it is pushed to the streams by {@link #flush} once acknowledged. */
    private void emit(String key, String type, String province, Map<String, Object> alert) throws Exception {
        String value = json.writeValueAsString(alert);
        pending.add(new Pending(producer.send(new ProducerRecord<>(topic, key, value)), key, type, province, value));
    }

    /** Waits for the topic's acknowledgements (durable before sent), then pushes the alerts. */
    private void flush() throws Exception {
        try {
            for (Pending p : pending) {
                p.ack().get(30, TimeUnit.SECONDS);
                sent.put(p.key(), p.value());
                push(p.type(), p.province(), p.key(), p.value());
            }
        } finally {
            pending.clear();
        }
    }

    private void push(String type, String province, String key, String value) {
        Set<Client> cs = clients.get(province);
        if (cs == null) {
            return;
        }
        for (Client c : new ArrayList<>(cs)) {
            if (c.sink().isClosed()) {
                cs.remove(c);
                continue;
            }
            c.sink().send(c.sse().newEventBuilder().name(type).id(key).data(value).build())
                    .exceptionally(err -> {
                        cs.remove(c);
                        return null;
                    });
        }
    }

    private void setGauges(Map<String, AtomicLong> gauges, String name, String help, Map<String, Long> values) {
        values.forEach((p, n) -> gauges.computeIfAbsent(p, k -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder(name, v, AtomicLong::get).description(help).tag("province", k).register(meters);
            return v;
        }).set(n));
        gauges.forEach((p, v) -> {
            if (!values.containsKey(p)) {
                v.set(0);
            }
        });
    }

    /** Whether the sent alerts were read (the checker runs only then). */
    public boolean loaded() {
        return loaded;
    }

    public boolean wasSent(String key) {
        return sent.containsKey(key);
    }
}
