package vn.egovpulse.platform.observability;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogTest {
    @Test
    void aKafkaBatchIsNamedByTopicPartitionAndItsFirstAndLastOffset() {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> in = new LinkedHashMap<>();
        in.put(new TopicPartition("egov.events", 3), List.of(record(3, 1200), record(3, 1201), record(3, 1699)));
        in.put(new TopicPartition("egov.events", 0), List.of(record(0, 7)));
        assertThat(EventLog.batchOf(new ConsumerRecords<>(in, Map.of()))).isEqualTo("egov.events-3@1200-1699,egov.events-0@7-7");
    }

    @Test
    void theFieldsAreSetForTheLineOnlyAndWhatWasThereIsPutBack() {
        MDC.put(EventLog.BATCH, "outer");
        try {
            EventLog.log("mc-1", "urn:egov:PTO:one-stop", "egov.events-0@1-9", () -> {
                assertThat(MDC.get(EventLog.EVENT_ID)).isEqualTo("mc-1");
                assertThat(MDC.get(EventLog.EVENT_SOURCE)).isEqualTo("urn:egov:PTO:one-stop");
                assertThat(MDC.get(EventLog.BATCH)).isEqualTo("egov.events-0@1-9");
            });
            EventLog.log(null, null, null, () -> assertThat(MDC.get(EventLog.BATCH)).as("null: not set").isNull());
            assertThat(MDC.get(EventLog.EVENT_ID)).isNull();
            assertThat(MDC.get(EventLog.EVENT_SOURCE)).isNull();
            assertThat(MDC.get(EventLog.BATCH)).isEqualTo("outer");
        } finally {
            MDC.remove(EventLog.BATCH);
        }
    }

    private static ConsumerRecord<String, String> record(int partition, long offset) {
        return new ConsumerRecord<>("egov.events", partition, offset, "k", "v");
    }
}
