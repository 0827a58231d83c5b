package vn.egovpulse.demo;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * Records of a topic that a consumer group has not committed yet. Offsets are committed only
 * after the scoring transaction, so zero lag means every event is counted. Polled from one JVM:
 * starting Kafka's command-line tool twice a second took a good part of a core from the
 * benchmark it was measuring.
 */
final class Lag {
    private Lag() {
    }

    static void run(String bootstrap, String group, String topic, boolean untilZero)
            throws InterruptedException, ExecutionException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            while (true) {
                long lag = lag(admin, group, partitions);
                if (!untilZero || lag == 0) {
                    System.out.println(lag);
                    return;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Sum over the partitions of end offset minus committed offset; -1 while a partition has no commit. */
    static long lag(Admin admin, String group, List<TopicPartition> partitions)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (TopicPartition tp : partitions) {
            long end = ends.get(tp).offset();
            OffsetAndMetadata c = committed.get(tp);
            if (c == null) {
                if (end > 0) {
                    return -1;
                }
                continue;
            }
            lag += end - c.offset();
        }
        return lag;
    }
}
