package vn.egovpulse.platform.observability;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.MDC;

import java.util.List;
import java.util.StringJoiner;

/**
 * The event id, event source and batch of a log line about a failed event or batch, put in the
 * MDC for that one line: quarkus-logging-json writes them in the line's "mdc" object
 * (mdc.eventId, mdc.eventSource, mdc.batch), so one query finds every line about an event or a
 * batch. A line about one event has all three. A line about a whole batch (database down, Kafka
 * not acknowledging) has the batch only: no event failed by itself, and naming the first one
 * would send the reader to the wrong event; over HTTP it also has the source, the one sender a
 * token allows. A field left empty is absent, never "null".
 */
public final class EventLog {
    public static final String EVENT_ID = "eventId";
    public static final String EVENT_SOURCE = "eventSource";
    public static final String BATCH = "batch";

    private EventLog() {
    }

    /** Runs the log call with the fields set (null: not set), then puts back what was there. */
    public static void log(String eventId, String eventSource, String batch, Runnable line) {
        Object id = swap(EVENT_ID, eventId);
        Object source = swap(EVENT_SOURCE, eventSource);
        Object b = swap(BATCH, batch);
        try {
            line.run();
        } finally {
            restore(EVENT_ID, id);
            restore(EVENT_SOURCE, source);
            restore(BATCH, b);
        }
    }

    /** A line about a whole batch. */
    public static void batch(String batch, Runnable line) {
        log(null, null, batch, line);
    }

    /** A Kafka batch: topic-partition@first-last offset for each partition it holds, e.g. egov.events-3@1200-1699. */
    public static String batchOf(ConsumerRecords<?, ?> records) {
        StringJoiner out = new StringJoiner(",");
        for (TopicPartition tp : records.partitions()) {
            List<? extends ConsumerRecord<?, ?>> in = records.records(tp);
            out.add(tp.topic() + "-" + tp.partition() + "@" + in.get(0).offset() + "-" + in.get(in.size() - 1).offset());
        }
        return out.toString();
    }

    /** An HTTP batch (no id of its own): http:first-id..last-id, the ids its sender can look up. */
    public static String httpBatch(String firstId, String lastId) {
        return "http:" + firstId + ".." + lastId;
    }

    /** A text field of a record that is not a valid event (its "id", "source"), or null. */
    public static String claimed(JsonNode node, String field) {
        return node == null ? null : node.path(field).textValue();
    }

    private static Object swap(String key, String value) {
        Object before = MDC.get(key);
        if (value != null) {
            MDC.put(key, value);
        } else if (before != null) {
            MDC.remove(key);
        }
        return before;
    }

    private static void restore(String key, Object before) {
        if (before != null) {
            MDC.put(key, before);
        } else {
            MDC.remove(key);
        }
    }
}
