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
import vn.egovpulse.ingest.publish.EventPublisher;
import vn.egovpulse.ingest.publish.IngestMetrics;
import vn.egovpulse.platform.config.TopicsConfig;
import vn.egovpulse.platform.dlq.DeadLetterHeaders;
import vn.egovpulse.platform.units.UnitRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SPEC 2.2: events written straight to egov.in.onestop / docs / vc. The topic is the trust
 * boundary (no token), but each event must be valid and of a type that belongs to its topic.
 * Valid events go to egov.events, the rest unchanged to egov.in.dlq with an egov-error header.
 * The batch is acknowledged (offsets committed) only once every one of those sends is.
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
    private volatile boolean running = true;

    public InputTopicsConsumer(ObjectMapper json, EventValidator validator, EventPublisher publisher,
                               IngestMetrics metrics, TopicsConfig topics, UnitRegistry registry) {
        this.registry = registry;
        this.json = json;
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.topics = topics;
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
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
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(batch.count());
        List<IngestMetrics.Tags> accepted = new ArrayList<>();
        List<IngestMetrics.Tags> rejected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            EgovEvent event = null;
            String error;
            JsonNode node = parse(r.value());
            if (node == null) {
                error = r.value() == null || r.value().length == 0 ? "value: is empty" : "value: is not JSON";
            } else {
                EventValidator.Result result = validator.validate(0, node);
                event = result.event();
                error = result.valid() ? null : describe(result.errors());
                if (event != null && !r.topic().equals(topics.prefix() + event.type().inputTopic)) {
                    error = "type: '" + event.type().type + "' does not belong on " + r.topic()
                            + " (send it to " + topics.prefix() + event.type().inputTopic + ")";
                }
            }
            if (error == null) {
                out.add(publisher.eventRecord(event));
                accepted.add(new IngestMetrics.Tags(event.type().type, event.source()));
            } else {
                out.add(deadLetter(r, error));
                String type = event == null ? IngestMetrics.UNKNOWN : event.type().type;
                rejected.add(new IngestMetrics.Tags(type, IngestMetrics.UNKNOWN));
            }
        }
        sendUntilAcknowledged(out);
        metrics.batch(batch.count());
        metrics.count(accepted, true, "kafka");
        metrics.count(rejected, false, "kafka");
    }

    /** Nothing may be lost: retry the whole batch (downstream dedupes on source+id). */
    private void sendUntilAcknowledged(List<ProducerRecord<byte[], byte[]>> out) throws Exception {
        long backoffMs = 200;
        while (true) {
            try {
                publisher.sendAndWait(out);
                return;
            } catch (EventPublisher.PublishFailedException e) {
                if (!running) {
                    throw e; // nack: the batch is not committed and is read again after restart
                }
                LOG.warnf("input batch of %d records not acknowledged (%s); retrying in %d ms",
                        out.size(), e.getMessage(), backoffMs);
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5000);
            }
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> r, String error) {
        return new ProducerRecord<>(topics.dlq(), null, r.key(), r.value(), DeadLetterHeaders.of(r, error));
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
