package vn.egovpulse.scoring.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.events.EventValidator;
import vn.egovpulse.scoring.config.ScoringConfig;
import vn.egovpulse.scoring.notice.ChangeNotices;
import vn.egovpulse.scoring.store.FactsStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes egov.events in batches. Per batch: one database transaction (dedupe, cases, daily
 * counters), then the change notices, then, and only then, the acknowledgement that lets the
 * throttled commit strategy move the Kafka offset. Offsets follow the database, never lead it:
 * a crash anywhere re-delivers the batch, and the dedupe table makes the repeat harmless.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final FactsStore store;
    private final ChangeNotices notices;
    private final ObjectMapper json;
    private final ScoringConfig config;
    // Ingest validated every event already; units are not re-checked here (a unit's events
    // stay valid facts even if the registry view of this instance lags behind).
    private final EventValidator validator = new EventValidator(unit -> true, Clock.systemUTC());
    private final Counter consumed;
    private final Counter fresh;
    private final Counter duplicates;
    private final Counter invalid;
    private final DistributionSummary batchSize;
    private final Timer transaction;

    public EventConsumer(FactsStore store, ChangeNotices notices, ObjectMapper json, ScoringConfig config,
                         MeterRegistry registry) {
        this.store = store;
        this.notices = notices;
        this.json = json;
        this.config = config;
        this.consumed = Counter.builder("egov.scoring.events.consumed").description("records read from egov.events").register(registry);
        this.fresh = Counter.builder("egov.scoring.events.new").description("events counted for the first time").register(registry);
        this.duplicates = Counter.builder("egov.scoring.events.duplicate").description("events already counted (same source and id)").register(registry);
        this.invalid = Counter.builder("egov.scoring.events.invalid").description("records skipped: not a parseable valid event").register(registry);
        this.batchSize = DistributionSummary.builder("egov.scoring.batch.size").description("records per consumed batch").register(registry);
        this.transaction = Timer.builder("egov.scoring.batch.transaction").description("database transaction per batch").register(registry);
    }

    @Incoming("events")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        batchSize.record(records.count());
        consumed.increment(records.count());
        List<EgovEvent> events = parse(records);
        // A failed transaction is rolled back and tried again with the same batch: never acked
        // past, never skipped. Publishing is retried on its own so that a broker hiccup does not
        // re-run a committed transaction (whose events would then all look like duplicates).
        return Uni.createFrom().deferred(() -> timed(store.apply(events)))
                .onFailure().invoke(e -> LOG.warnf(e, "batch of %d events not stored; retrying", events.size()))
                .onFailure().retry().withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff()).indefinitely()
                .chain(outcome -> {
                    fresh.increment(outcome.fresh());
                    duplicates.increment(outcome.duplicates());
                    return Uni.createFrom().deferred(() -> notices.unitsChanged(outcome.facts().touched()))
                            .onFailure().invoke(e -> LOG.warnf(e, "change notices not published; retrying"))
                            .onFailure().retry().withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff())
                            .indefinitely();
                });
    }

    private Uni<FactsStore.Outcome> timed(Uni<FactsStore.Outcome> work) {
        Timer.Sample sample = Timer.start();
        return work.onTermination().invoke(() -> sample.stop(transaction));
    }

    /** Valid events of the batch, in order; anything else is logged, counted and skipped. */
    List<EgovEvent> parse(ConsumerRecords<String, byte[]> records) {
        List<EgovEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            EgovEvent event = parse(r);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    private EgovEvent parse(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return skip(r, "empty value");
        }
        JsonNode node;
        try {
            node = json.readTree(r.value());
        } catch (Exception e) {
            return skip(r, "not JSON: " + e.getMessage());
        }
        EventValidator.Result result = validator.validate(0, node);
        if (!result.valid()) {
            return skip(r, result.errors().toString());
        }
        return result.event();
    }

    private EgovEvent skip(ConsumerRecord<String, byte[]> r, String why) {
        invalid.increment();
        LOG.errorf("skipping record %s-%d@%d, not a valid event: %s", r.topic(), r.partition(), r.offset(), why);
        return null;
    }
}
