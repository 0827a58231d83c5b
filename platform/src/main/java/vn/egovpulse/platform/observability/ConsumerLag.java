package vn.egovpulse.platform.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import vn.egovpulse.platform.kafka.KafkaClientSecurity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * egov_consumer_lag{group,topic}: records of each topic that the consumer group has not committed
 * yet (end offset minus committed offset, or minus the log start where nothing is committed),
 * summed over the partitions, measured every 15 s on a thread of its own with an admin client
 * (security settings as every client: {@link KafkaClientSecurity}). Measured from the broker, so it
 * shows lag while every consumer of the group is down too. Each service starts one for its group.
 */
public final class ConsumerLag {
    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final long PERIOD_SECONDS = 15;

    private final KafkaClientSecurity security;
    private final String bootstrap;
    private final String group;
    private final Map<String, AtomicLong> lagByTopic = new HashMap<>();
    private ScheduledExecutorService timer;
    private Admin admin;

    public ConsumerLag(MeterRegistry registry, KafkaClientSecurity security, String bootstrap, String group, List<String> topics) {
        this.security = security;
        this.bootstrap = bootstrap;
        this.group = group;
        for (String topic : topics) {
            AtomicLong lag = new AtomicLong();
            lagByTopic.put(topic, lag);
            Gauge.builder("egov.consumer.lag", lag, AtomicLong::get).tag("group", group).tag("topic", topic)
                    .description("Records of the topic not yet committed by the consumer group").register(registry);
        }
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consumer-lag-" + group);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::measure, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** The lag of a topic as last measured. */
    public long lag(String topic) {
        return lagByTopic.get(topic).get();
    }

    private void measure() {
        try {
            if (admin == null) {
                Properties p = security.client(bootstrap);
                p.put(AdminClientConfig.CLIENT_ID_CONFIG, "egov-lag-" + group);
                p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
                admin = Admin.create(p);
            }
            Map<String, TopicDescription> described = admin.describeTopics(new ArrayList<>(lagByTopic.keySet()))
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            described.forEach((topic, d) -> d.partitions().forEach(i -> {
                TopicPartition tp = new TopicPartition(topic, i.partition());
                latest.put(tp, OffsetSpec.latest());
                earliest.put(tp, OffsetSpec.earliest());
            }));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<String, Long> sums = new HashMap<>();
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata c = committed.get(tp);
                long from = c != null ? c.offset() : starts.get(tp).offset();
                sums.merge(tp.topic(), Math.max(0, ends.get(tp).offset() - from), Long::sum);
            }
            sums.forEach((topic, sum) -> lagByTopic.get(topic).set(sum));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf(e, "consumer lag of %s not measured", group);
        }
    }
}
