package vn.egovpulse.reporting.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.egovpulse.platform.config.TopicsConfig;
import vn.egovpulse.platform.kafka.KafkaClientMeters;
import vn.egovpulse.platform.kafka.KafkaClientSecurity;
import vn.egovpulse.platform.units.UnitRegistry;
import vn.egovpulse.reporting.rankings.CountsCache;
import vn.egovpulse.reporting.rankings.LiveRankings;
import vn.egovpulse.reporting.store.CriteriaStore;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows egov.indicators (scoring's change notices). Every instance must see every notice,
 * so it assigns itself all partitions (no consumer group, nothing committed) and starts at
 * the end: notices are only "something changed" signals, the facts are in the database.
 * Positions are fixed before startup completes, so nothing published after start is missed.
 */
@ApplicationScoped
public class IndicatorNotices {
    private static final Logger LOG = Logger.getLogger(IndicatorNotices.class);

    private final String bootstrap;
    private final KafkaClientSecurity security;
    private final KafkaClientMeters meters;
    private final String topic;
    private final ObjectMapper json;
    private final UnitRegistry registry;
    private final CountsCache cache;
    private final RankingStream stream;
    private final CriteriaStore criteria;
    private final LiveRankings live;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running = true;

    public IndicatorNotices(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, TopicsConfig topics,
                            ObjectMapper json, UnitRegistry registry, CountsCache cache, RankingStream stream,
                            CriteriaStore criteria, LiveRankings live, KafkaClientSecurity security,
                            KafkaClientMeters meters) {
        this.bootstrap = bootstrap;
        this.security = security;
        this.meters = meters;
        this.topic = topics.indicators();
        this.json = json;
        this.registry = registry;
        this.cache = cache;
        this.stream = stream;
        this.criteria = criteria;
        this.live = live;
    }

    void start(@Observes StartupEvent ev) throws InterruptedException {
        Thread t = new Thread(this::follow, "indicator-notices");
        t.setDaemon(true);
        t.start();
        if (!positioned.await(30, TimeUnit.SECONDS)) {
            LOG.warn("egov.indicators not reachable yet; change notices start when it is");
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
    }

    private void follow() {
        Properties p = security.client(bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "egov-notice-follower");
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
                 AutoCloseable measured = meters.measure(c)) {
                List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
                c.assign(parts);
                c.seekToEnd(parts);
                parts.forEach(c::position); // resolve now: later notices are all seen
                // After a reconnect, anything may have changed while we were away.
                cache.changed(null);
                criteria.forget(null);
                stream.changed(null);
                live.changed(null);
                positioned.countDown();
                while (running) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        apply(r);
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("egov.indicators follower: %s; retrying", e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    /** Key = unit code, or criteria/&lt;id&gt; after a criteria set changed. */
    void apply(ConsumerRecord<String, String> r) {
        String key = r.key();
        try {
            JsonNode n = r.value() == null ? null : json.readTree(r.value());
            if (key == null && n != null) {
                key = n.hasNonNull("criteria") ? "criteria/" + n.get("criteria").asText() : n.path("unit").asText(null);
            }
            if (key == null) {
                return;
            }
            if (key.startsWith("criteria/")) {
                criteria.forget(key.substring("criteria/".length()));
                stream.criteriaChanged(key.substring("criteria/".length()));
                live.changed(null);
                return;
            }
            // Every province whose readings count this unit: its own at any date of its life,
            // and those its successors belong to (SPEC 6: a merged unit's facts count there too).
            java.util.Set<String> provinces = registry.provincesOverTime(key);
            if (provinces.isEmpty()) {
                provinces = java.util.Collections.singleton(null);
            }
            // The days the notice names (null: not said, every day): only readings of those days go stale.
            List<LocalDate> days = days(n);
            for (String province : provinces) {
                cache.changed(province, days);
                stream.changed(province);
                live.changed(province);
            }
        } catch (Exception e) {
            LOG.warnf("ignoring unreadable notice at %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e);
        }
    }

    private static List<LocalDate> days(JsonNode notice) {
        JsonNode days = notice == null ? null : notice.get("days");
        if (days == null || !days.isArray() || days.isEmpty()) {
            return null;
        }
        List<LocalDate> out = new java.util.ArrayList<>(days.size());
        days.forEach(d -> out.add(LocalDate.parse(d.asText())));
        return out;
    }
}
