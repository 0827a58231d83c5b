package vn.egovpulse.ingest.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.events.EventValidator;
import vn.egovpulse.events.FieldError;
import vn.egovpulse.ingest.config.IngestConfig;
import vn.egovpulse.ingest.publish.EventPublisher;
import vn.egovpulse.ingest.publish.IngestMetrics;
import vn.egovpulse.platform.config.TopicsConfig;
import vn.egovpulse.platform.dlq.DeadLetterHeaders;
import vn.egovpulse.platform.observability.EventLog;
import vn.egovpulse.platform.units.UnitRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SPEC 2.2 and 7.1: events written straight to egov.in.onestop / docs / vc / feedback / assessments. The topic is the trust
 * boundary (no token), but each event must be valid and of a type that belongs to its topic.
 * Valid events go to egov.events, the rest unchanged to egov.in.dlq with an egov-error header.
 * The batch is acknowledged (offsets committed) only once every one of those sends is; each
 * record is sent once, and only the unacknowledged ones again.
 */
@ApplicationScoped
public class InputTopicsConsumer {
    private static final Logger LOG = Logger.getLogger(InputTopicsConsumer.class);

    private final ObjectMapper json;
    private final EventValidator validator;
    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final TopicsConfig topics;
    private final UnitRegistry registry;
    private final IngestConfig config;
    private volatile boolean running = true;
    private volatile String stopped;
    private final String dlq;

    public InputTopicsConsumer(ObjectMapper json, EventValidator validator, EventPublisher publisher,
                               IngestMetrics metrics, TopicsConfig topics, UnitRegistry registry, IngestConfig config) {
        this.registry = registry;
        this.config = config;
        this.dlq = config.input().deadLetterTopic().orElse(topics.dlq());
        this.json = json;
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.topics = topics;
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
    }

    /** Why the consumer stopped for good (health DOWN), or null while it runs. */
    public String stopped() {
        return stopped;
    }

    @Incoming("inputs")
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> batch) throws Exception {
        // Before the registry is loaded every unit looks unknown: valid events would be dead-lettered.
        while (!registry.caughtUp()) {
            if (!running) {
                throw new IllegalStateException("shutting down before the unit registry was loaded");
            }
            Thread.sleep(100);
        }
        String batchId = EventLog.batchOf(batch);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(batch.count());
        List<IngestMetrics.Tags> accepted = new ArrayList<>();
        List<IngestMetrics.Tags> rejected = new ArrayList<>();
        boolean registryUpToDate = false;
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            Checked c = check(r);
            if (c.unknownUnit() && !registryUpToDate) {
                // The unit may have been registered a moment ago on another service: never
                // dead-letter a record only because this view is behind. Hold the batch until caught up.
                awaitRegistry();
                registryUpToDate = true;
                c = check(r);
            }
            if (c.error() == null) {
                out.add(c.record());
                accepted.add(new IngestMetrics.Tags(c.event().type().type, c.event().source()));
            } else {
                String error = c.error();
                EventLog.log(c.id(), c.source(), batchId, () -> LOG.warnf("record %s-%d@%d refused, sent to %s: %s",
                        r.topic(), r.partition(), r.offset(), dlq, error));
                out.add(deadLetter(r, error));
                String type = c.event() == null ? IngestMetrics.UNKNOWN : c.event().type().type;
                rejected.add(new IngestMetrics.Tags(type, IngestMetrics.UNKNOWN));
            }
        }
        sendEachOnce(out, batchId);
        metrics.batch(batch.count());
        metrics.count(accepted, true, "kafka");
        metrics.count(rejected, false, "kafka");
    }

    /**
     * A record's outcome: the record to publish on egov.events, or why it goes to the DLQ; id and
     * source are the event's, or what the record claims (for the log line, see {@link EventLog}).
     */
    private record Checked(EgovEvent event, ProducerRecord<byte[], byte[]> record, String error, boolean unknownUnit,
                           String id, String source) {
        Checked(EgovEvent event, ProducerRecord<byte[], byte[]> record, String error, boolean unknownUnit) {
            this(event, record, error, unknownUnit, event.id(), event.source());
        }
    }

    private Checked check(ConsumerRecord<byte[], byte[]> r) {
        JsonNode node = parse(r.value());
        if (node == null) {
            return new Checked(null, null, r.value() == null || r.value().length == 0 ? "value: is empty" : "value: is not JSON",
                    false, null, null);
        }
        EventValidator.Result result = validator.validate(0, node);
        EgovEvent event = result.event();
        if (!result.valid()) {
            boolean unknownUnit = result.errors().stream().anyMatch(EventValidator::isUnknownUnit);
            return new Checked(null, null, describe(result.errors()), unknownUnit,
                    EventLog.claimed(node, "id"), EventLog.claimed(node, "source"));
        }
        if (!r.topic().equals(topics.prefix() + event.type().inputTopic)) {
            return new Checked(event, null, "type: '" + event.type().type + "' does not belong on " + r.topic()
                    + " (send it to " + topics.prefix() + event.type().inputTopic + ")", false);
        }
        ProducerRecord<byte[], byte[]> record = publisher.eventRecord(event);
        if (record.value().length > EventPublisher.MAX_EVENT_BYTES) {
            // As over HTTP: egov.events would refuse it, and retrying it would block the stream.
            return new Checked(event, null, "data: the event must be at most " + EventPublisher.MAX_EVENT_BYTES
                    + " bytes as JSON", false);
        }
        return new Checked(event, record, null, false);
    }

    private void awaitRegistry() throws InterruptedException {
        long backoffMs = config.input().backoff().toMillis();
        while (!registry.awaitLatest(config.registryWait())) {
            if (!running) {
                throw new IllegalStateException("shutting down while waiting for the unit registry");
            }
            LOG.warnf("unit registry not caught up with egov.units within %s; holding the input batch", config.registryWait());
            Thread.sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, config.input().maxBackoff().toMillis());
        }
    }

    /**
     * Nothing may be lost and no dead letter written twice: each attempt re-sends only the records
     * not yet acknowledged. Events retry until they succeed (downstream dedupes on source+id).
     * Dead letters the broker answers for but keeps refusing, with nothing getting through, stop
     * the consumer after the configured attempts.
     */
    private void sendEachOnce(List<ProducerRecord<byte[], byte[]>> out, String batchId) throws Exception {
        long backoffMs = config.input().backoff().toMillis();
        int refusedAttempts = 0;
        List<ProducerRecord<byte[], byte[]>> pending = out;
        while (true) {
            List<EventPublisher.Unacknowledged> failed = publisher.sendEach(pending);
            if (failed.isEmpty()) {
                return;
            }
            boolean progress = failed.size() < pending.size();
            pending = failed.stream().map(EventPublisher.Unacknowledged::record).toList();
            if (progress && running) {
                // Records are getting through (a slow broker, a big burst): go on at once, and only
                // an attempt where nothing got through counts as refused or waits.
                backoffMs = config.input().backoff().toMillis();
                refusedAttempts = 0;
                continue;
            }
            Throwable why = failed.get(0).error();
            if (!running) {
                // nack: the batch is not committed and is read again after restart
                throw new IllegalStateException("shutting down with " + pending.size() + " records unsent", why);
            }
            boolean deadLettersFailed = pending.stream().anyMatch(r -> r.topic().equals(dlq));
            if (deadLettersFailed && publisher.topicState(dlq) != EventPublisher.TopicState.UNREACHABLE) {
                // The broker answers, yet refuses the dead letters: a fault that retrying will not fix.
                refusedAttempts++;
                if (refusedAttempts >= config.input().deadLetterAttempts()) {
                    stopped = "dead letters to " + dlq + " refused " + refusedAttempts + " times ("
                            + why + "); the input consumer stopped: fix the topic (exists? ACL? size?) and restart";
                    String line = stopped;
                    EventLog.batch(batchId, () -> LOG.error(line));
                    throw new IllegalStateException(stopped, why);
                }
            }
            int unsent = pending.size();
            long waitMs = backoffMs;
            EventLog.batch(batchId, () -> LOG.warnf("%d of %d input records not acknowledged (%s); retrying those in %d ms",
                    unsent, out.size(), why, waitMs));
            Thread.sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, config.input().maxBackoff().toMillis());
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> r, String error) {
        return new ProducerRecord<>(dlq, null, r.key(), r.value(), DeadLetterHeaders.of(r, error));
    }

    private JsonNode parse(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (Exception e) {
            return null;
        }
    }

    /** e.g. "data.caseId: is required; subject: unknown unit 'X'". */
    static String describe(List<FieldError> errors) {
        return errors.stream()
                .map(e -> e.field().isEmpty() ? e.message() : e.field() + ": " + e.message())
                .collect(Collectors.joining("; "));
    }
}
