package vn.egovpulse.scoring.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.egovpulse.platform.config.TopicsConfig;
import vn.egovpulse.platform.kafka.KafkaClientSecurity;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * egov_consumer_lag{group,topic}: events on egov.events that the scoring group has not committed
 * yet (end offset minus committed offset, or minus the log start where nothing is committed),
 * summed over the partitions, measured every 15 s on a thread of its own with an admin client.
 * It is measured from the broker, so it also shows lag while every scoring pod is down.
 */
@ApplicationScoped
public class ConsumerLag {
    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final long PERIOD_SECONDS = 15;

    private final MeterRegistry registry;
    private final KafkaClientSecurity security;
    private final String bootstrap;
    private final String group;
    private final String topic;
    private final AtomicLong lag = new AtomicLong();
    private ScheduledExecutorService timer;
    private Admin admin;

    public ConsumerLag(MeterRegistry registry, KafkaClientSecurity security, TopicsConfig topics,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                       @ConfigProperty(name = "mp.messaging.incoming.events.group.id") String group) {
        this.registry = registry;
        this.security = security;
        this.bootstrap = bootstrap;
        this.group = group;
        this.topic = topics.events();
    }

    void start(@Observes StartupEvent ev) {
        Gauge.builder("egov.consumer.lag", lag, AtomicLong::get).tag("group", group).tag("topic", topic)
                .description("Records of the topic not yet committed by the consumer group").register(registry);
        // EventConsumer's counter, registered now: "lag > 0 and no records read" must be computable (0) even
        // when this instance has not read one record since it started.
        Counter.builder("egov.scoring.events.consumed").description("records read from egov.events").register(registry);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consumer-lag");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::measure, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** The lag as last measured (tests). */
    public long lag() {
        return lag.get();
    }

    private void measure() {
        try {
            if (admin == null) {
                Properties p = security.client(bootstrap);
                p.put(AdminClientConfig.CLIENT_ID_CONFIG, "egov-scoring-lag");
                p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
                admin = Admin.create(p);
            }
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            partitions.forEach(tp -> {
                latest.put(tp, OffsetSpec.latest());
                earliest.put(tp, OffsetSpec.earliest());
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long sum = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long from = c != null ? c.offset() : starts.get(tp).offset();
                sum += Math.max(0, ends.get(tp).offset() - from);
            }
            lag.set(sum);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf(e, "consumer lag of %s on %s not measured", group, topic);
        }
    }
}
