package vn.egovpulse.platform.units;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.config.TopicsConfig;
import vn.egovpulse.platform.kafka.KafkaClientMeters;
import vn.egovpulse.platform.kafka.KafkaClientSecurity;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * This service's view of the unit registry (danh mục đơn vị). The compacted topic
 * {@code egov.units} is the registry; every service reads it from the beginning at start and
 * follows it, so a PUT on any service is seen by all within a poll interval.
 */
@ApplicationScoped
public class UnitRegistry {
    private static final Logger LOG = Logger.getLogger(UnitRegistry.class);

    private final ObjectMapper json;
    private final String bootstrap;
    private final KafkaClientSecurity security;
    private final KafkaClientMeters meters;
    private final String topic;
    private final Map<String, Unit> units = new ConcurrentHashMap<>();
    private final List<Consumer<Unit>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Records applied so far, per partition: a writer waits until its own records are visible. */
    private final Map<Integer, AtomicLong> applied = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private KafkaProducer<String, String> producer;
    private AutoCloseable producerMeters;
    private Thread follower;
    /** Only asks for end offsets (the follower's consumer belongs to its thread); guarded by {@code this}. */
    private KafkaConsumer<String, String> endReader;
    private List<TopicPartition> endPartitions;
    private long endFetchedAt = Long.MIN_VALUE;
    private Map<Integer, Long> lastEnd;

    public UnitRegistry(ObjectMapper json, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                        TopicsConfig topics, KafkaClientSecurity security, KafkaClientMeters meters) {
        this.json = json;
        this.bootstrap = bootstrap;
        this.security = security;
        this.meters = meters;
        this.topic = topics.units();
    }

    void start(@Observes StartupEvent ev) {
        follower = new Thread(this::follow, "unit-registry");
        follower.setDaemon(true);
        follower.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        synchronized (this) {
            if (producer != null) {
                closeQuietly(producerMeters);
                producer.close(Duration.ofSeconds(2));
            }
            if (endReader != null) {
                endReader.close(Duration.ofSeconds(2));
            }
        }
    }

    /**
     * Waits until this view has read egov.units up to the topic's end offsets as of this call, so
     * that a unit registered a moment ago on another service is known here. For the rare "unknown
     * unit" answer only: a source takes a 400 as final. False if that took longer than
     * {@code timeout} (or the broker did not answer): the caller should ask to retry, not refuse.
     */
    public boolean awaitLatest(Duration timeout) {
        long requestedAt = System.nanoTime();
        long deadline = requestedAt + timeout.toNanos();
        Map<Integer, Long> end = endOffsets(requestedAt, timeout);
        if (end == null) {
            return false;
        }
        try {
            while (!(caughtUp && end.entrySet().stream().allMatch(e -> appliedUpTo(e.getKey()) >= e.getValue()))) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(2);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private long appliedUpTo(int partition) {
        AtomicLong a = applied.get(partition);
        return a == null ? 0 : a.get();
    }

    /**
     * The end offsets, fetched after {@code requestedAt}: concurrent callers share one fetch that
     * started after they asked instead of each asking the broker. Null if the broker did not answer.
     */
    private synchronized Map<Integer, Long> endOffsets(long requestedAt, Duration timeout) {
        if (endFetchedAt >= requestedAt && lastEnd != null) {
            return lastEnd;
        }
        long startedAt = System.nanoTime();
        try {
            if (endReader == null) {
                Properties p = security.client(bootstrap);
                p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
                endReader = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
            }
            if (endPartitions == null) {
                endPartitions = endReader.partitionsFor(topic, timeout).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            Map<Integer, Long> end = new java.util.HashMap<>();
            endReader.endOffsets(endPartitions, timeout).forEach((tp, offset) -> end.put(tp.partition(), offset));
            lastEnd = end;
            endFetchedAt = startedAt;
            return end;
        } catch (RuntimeException e) {
            LOG.warnf("unit registry: cannot read the end offsets of %s: %s", topic, e.toString());
            return null;
        }
    }

    public Unit get(String code) {
        return units.get(code);
    }

    public boolean contains(String code) {
        return units.containsKey(code);
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Called with every unit that is added or changed (on the registry's thread). */
    public void onChange(Consumer<Unit> listener) {
        listeners.add(listener);
    }

    /** The province a unit belongs to today (itself for a province), or null if its chain is broken. */
    public String provinceOf(String code) {
        return provinceOf(code, Calendar.today());
    }

    /** The province a unit belongs to on {@code day}, following the parents valid that day. */
    public String provinceOf(String code, LocalDate day) {
        Unit u = units.get(code);
        for (int depth = 0; u != null && depth < 4; depth++) {
            if (u.tier() == Tier.PROVINCE) {
                return u.code();
            }
            String parent = u.parentAt(day);
            u = parent == null ? null : units.get(parent);
        }
        return null;
    }

    /**
     * Every province a unit was ever under (SPEC 6: a token's province covers them), through any
     * of its parents at any date and through its successor chain (a merged province's old
     * systems keep sending for units whose successor is under it).
     */
    public Set<String> provincesOverTime(String code) {
        Set<String> out = new HashSet<>();
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(code));
        while (!todo.isEmpty() && seen.size() < 1000) {
            String c = todo.poll();
            Unit u = units.get(c);
            if (u == null || !seen.add(c)) {
                continue;
            }
            if (u.tier() == Tier.PROVINCE) {
                out.add(u.code());
            }
            todo.addAll(u.allParents());
            if (u.successor() != null) {
                todo.add(u.successor());
            }
        }
        return out;
    }

    /** Units sorted by code, optionally only those of one province and/or one tier, valid today. */
    public List<Unit> list(String province, Tier tier) {
        return list(province, tier, Calendar.today());
    }

    /**
     * Units sorted by code, of one province and/or tier (either may be null), valid on
     * {@code asOf} and under the province that day; every unit ever registered when {@code asOf}
     * is null (then under the province at any date of its life).
     */
    public List<Unit> list(String province, Tier tier, LocalDate asOf) {
        List<Unit> out = new ArrayList<>();
        for (Unit u : units.values()) {
            if (tier != null && u.tier() != tier) {
                continue;
            }
            if (asOf != null && !u.validAt(asOf)) {
                continue;
            }
            if (province != null && !(asOf == null ? provincesOverTime(u.code()).contains(province)
                    : province.equals(provinceOf(u.code(), asOf)))) {
                continue;
            }
            out.add(u);
        }
        out.sort(Comparator.comparing(Unit::code));
        return out;
    }

    /** Every unit registered, in no order. */
    public java.util.Collection<Unit> all() {
        return java.util.Collections.unmodifiableCollection(units.values());
    }

    /**
     * Publishes the units (acks=all) and returns once this service's view shows them, so a
     * read right after the PUT sees the change.
     */
    public void upsert(List<Unit> batch) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Unit u : batch) {
            sent.add(producer().send(new ProducerRecord<>(topic, u.code(), json.writeValueAsString(u))));
        }
        producer().flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Future<RecordMetadata> f : sent) {
            RecordMetadata md = f.get(10, TimeUnit.SECONDS);
            while (applied.computeIfAbsent(md.partition(), p -> new AtomicLong()).get() <= md.offset()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the unit registry did not catch up within 10 s");
                }
                Thread.onSpinWait();
                Thread.sleep(5);
            }
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = security.client(bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "egov-unit-registry-writer");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
            producerMeters = meters.measure(producer);
        }
        return producer;
    }

    private void follow() {
        Properties p = security.client(bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "egov-unit-registry-follower");
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
                 AutoCloseable measured = meters.measure(c)) {
                List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                Map<TopicPartition, Long> end = c.endOffsets(parts);
                while (running) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                        apply(r);
                    }
                    // The position, not the last record: compaction leaves gaps in the offsets.
                    for (TopicPartition tp : parts) {
                        long position = c.position(tp);
                        applied.computeIfAbsent(tp.partition(), k -> new AtomicLong()).accumulateAndGet(position, Math::max);
                    }
                    if (!caughtUp && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp = true;
                        LOG.infof("unit registry loaded: %d units", units.size());
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("unit registry follower: %s; retrying", e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, String> r) {
        try {
            if (r.value() == null) {
                units.remove(r.key());
            } else {
                Unit u = json.readValue(r.value(), Unit.class);
                units.put(u.code(), u);
                listeners.forEach(l -> l.accept(u));
            }
        } catch (Exception e) {
            LOG.warnf("ignoring unreadable unit record at %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e);
        } finally {
            applied.computeIfAbsent(r.partition(), k -> new AtomicLong()).set(r.offset() + 1);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            LOG.debugf("closing %s: %s", c, e);
        }
    }
}
