package vn.egovpulse.scoring.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
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
import java.util.function.Supplier;

/**
 * Consumes egov.events in batches. Per batch: one database transaction (dedupe, cases, daily
 * counters), then the dead letters (records that are not valid events), then the change
 * notices, then, and only then, the acknowledgement that lets the throttled commit strategy
 * move the Kafka offset. Offsets follow the database, never lead it: a crash anywhere
 * re-delivers the batch, and the dedupe table makes the repeat harmless. A batch PostgreSQL
 * refuses for its data is stored one event at a time, and the events refused again are
 * dead-lettered; any other failure (the database down) retries the batch until it succeeds.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final FactsStore store;
    private final ChangeNotices notices;
    private final ObjectMapper json;
    private final ScoringConfig config;
    private final DeadLetters deadLetters;
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
                         DeadLetters deadLetters, MeterRegistry registry) {
        this.store = store;
        this.notices = notices;
        this.json = json;
        this.config = config;
        this.deadLetters = deadLetters;
        this.consumed = Counter.builder("egov.scoring.events.consumed").description("records read from egov.events").register(registry);
        this.fresh = Counter.builder("egov.scoring.events.new").description("events counted for the first time").register(registry);
        this.duplicates = Counter.builder("egov.scoring.events.duplicate").description("events already counted (same source and id)").register(registry);
        this.invalid = Counter.builder("egov.scoring.events.invalid").description("records not counted, sent to the dead-letter topic: not a valid event, or refused by PostgreSQL").register(registry);
        this.batchSize = DistributionSummary.builder("egov.scoring.batch.size").description("records per consumed batch").register(registry);
        this.transaction = Timer.builder("egov.scoring.batch.transaction").description("database transaction per batch").register(registry);
    }

    /** A record of the batch and the event read from it, or why it is not one. */
    record Read(ConsumerRecord<String, byte[]> record, EgovEvent event, String refusal) {
    }

    @Incoming("events")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        batchSize.record(records.count());
        consumed.increment(records.count());
        List<Read> read = read(records);
        List<Read> valid = read.stream().filter(r -> r.event() != null).toList();
        List<EgovEvent> events = valid.stream().map(Read::event).toList();
        // A failed transaction is rolled back and tried again with the same batch: never acked
        // past, never skipped. Publishing is retried on its own so that a broker hiccup does not
        // re-run a committed transaction (whose events would then all look like duplicates).
        return Uni.createFrom().deferred(() -> timed(store.apply(events)))
                .onFailure(EventConsumer::refusedForItsData).recoverWithUni(e -> oneByOne(valid, e))
                .onFailure().invoke(e -> LOG.warnf(e, "batch of %d events not stored; retrying", events.size()))
                .onFailure().retry().withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff()).indefinitely()
                .chain(outcome -> {
                    fresh.increment(outcome.fresh());
                    duplicates.increment(outcome.duplicates());
                    return retried(() -> deadLetters(read), "dead letters not published")
                            .chain(() -> retried(() -> notices.unitsChanged(outcome.facts().touched()),
                                    "change notices not published"));
                });
    }

    private Uni<Void> retried(Supplier<Uni<? extends Void>> send, String what) {
        return Uni.createFrom().<Void>deferred(send)
                .onFailure().invoke(e -> LOG.warnf(e, "%s; retrying", what))
                .onFailure().retry().withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff()).indefinitely();
    }

    /**
     * PostgreSQL refused the batch for its data (an SQLSTATE of class 22, data exception; 23,
     * integrity constraint; or 54, program limit), not because it is unreachable: retrying the
     * same batch would fail forever. Each event is then stored in a transaction of its own, and
     * the ones refused again go to the dead-letter topic with the database's reason.
     */
    private Uni<FactsStore.Outcome> oneByOne(List<Read> valid, Throwable cause) {
        LOG.warnf("PostgreSQL refused a batch of %d events (%s); storing them one by one", valid.size(), cause.getMessage());
        return Multi.createFrom().iterable(valid)
                .onItem().transformToUniAndConcatenate(r -> store.apply(List.of(r.event()))
                        .onFailure(EventConsumer::refusedForItsData).recoverWithUni(e -> {
                            invalid.increment();
                            LOG.errorf("event %s of %s refused by PostgreSQL, sent to the dead-letter topic: %s",
                                    r.event().id(), r.event().source(), e.getMessage());
                            return retried(() -> deadLetters.send(r.record(), "PostgreSQL refused it: " + e.getMessage()),
                                    "dead letter not published").replaceWith(FactsStore.Outcome.none());
                        }))
                .collect().asList()
                .map(FactsStore.Outcome::sum);
    }

    static boolean refusedForItsData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String sqlClass = pg.getSqlState().substring(0, 2);
                return sqlClass.equals("22") || sqlClass.equals("23") || sqlClass.equals("54");
            }
        }
        return false;
    }

    private Uni<Void> deadLetters(List<Read> read) {
        List<Uni<Void>> sends = read.stream().filter(r -> r.event() == null)
                .map(r -> deadLetters.send(r.record(), "not a valid event: " + r.refusal())).toList();
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<FactsStore.Outcome> timed(Uni<FactsStore.Outcome> work) {
        Timer.Sample sample = Timer.start();
        return work.onTermination().invoke(() -> sample.stop(transaction));
    }

    /** Every record of the batch, in order, with its event or the reason it is not a valid one. */
    List<Read> read(ConsumerRecords<String, byte[]> records) {
        List<Read> out = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            out.add(read(r));
        }
        return out;
    }

    private Read read(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return refuse(r, "empty value");
        }
        JsonNode node;
        try {
            node = json.readTree(r.value());
        } catch (Exception e) {
            return refuse(r, "not JSON: " + e.getMessage());
        }
        EventValidator.Result result = validator.validate(0, node);
        if (!result.valid()) {
            return refuse(r, result.errors().toString());
        }
        return new Read(r, result.event(), null);
    }

    private Read refuse(ConsumerRecord<String, byte[]> r, String why) {
        invalid.increment();
        LOG.errorf("record %s-%d@%d is not a valid event, sent to the dead-letter topic: %s",
                r.topic(), r.partition(), r.offset(), why);
        return new Read(r, null, why);
    }
}
