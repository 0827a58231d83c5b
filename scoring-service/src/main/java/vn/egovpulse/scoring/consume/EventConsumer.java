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
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.events.EventValidator;
import vn.egovpulse.platform.observability.EventLog;
import vn.egovpulse.scoring.observability.Freshness;
import vn.egovpulse.scoring.config.ScoringConfig;
import vn.egovpulse.scoring.notice.NoticeOutbox;
import vn.egovpulse.scoring.store.FactsStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes egov.events in batches. Per batch: one database transaction (dedupe, cases, daily
 * counters, and the change notices in the outbox), then the dead letters (records that are not
 * valid events), then, and only then, the acknowledgement that lets the throttled commit
 * strategy move the Kafka offset. Offsets follow the database, never lead it: a crash anywhere
 * re-delivers the batch, and the dedupe table makes the repeat harmless. A batch that fails for
 * its data (see {@link Failures}) is stored one event at a time, and the events refused again are
 * dead-lettered; a failure of the database itself (down, unreachable) retries the batch until it
 * succeeds, however long that takes, with readiness DOWN meanwhile ({@link ConsumingHealth}).
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final int DEAD_LETTERS_IN_FLIGHT = 64;

    private final FactsStore store;
    private final NoticeOutbox notices;
    private final ObjectMapper json;
    private final ScoringConfig config;
    private final DeadLetters deadLetters;
    private final ConsumingHealth health;
    // Ingest validated every event already; units are not re-checked here (a unit's events
    // stay valid facts even if the registry view of this instance lags behind).
    private final EventValidator validator = new EventValidator(unit -> true, Clock.systemUTC());
    private final Counter consumed;
    private final Counter fresh;
    private final Counter duplicates;
    private final Counter invalid;
    private final DistributionSummary batchSize;
    private final Timer transaction;
    /** Field-injected to keep the constructor as it is (observability only). */
    @Inject
    Freshness freshness;

    public EventConsumer(FactsStore store, NoticeOutbox notices, ObjectMapper json, ScoringConfig config,
                         DeadLetters deadLetters, @Readiness ConsumingHealth health, MeterRegistry registry) {
        this.store = store;
        this.notices = notices;
        this.json = json;
        this.config = config;
        this.deadLetters = deadLetters;
        this.health = health;
        this.consumed = Counter.builder("egov.scoring.events.consumed").description("records read from egov.events").register(registry);
        this.fresh = Counter.builder("egov.scoring.events.new").description("events counted for the first time").register(registry);
        this.duplicates = Counter.builder("egov.scoring.events.duplicate").description("events already counted (same source and id)").register(registry);
        this.invalid = Counter.builder("egov.scoring.events.invalid").description("records not counted, sent to the dead-letter topic: not a valid event, or refused by PostgreSQL").register(registry);
        this.batchSize = DistributionSummary.builder("egov.scoring.batch.size").description("records per consumed batch").register(registry);
        this.transaction = Timer.builder("egov.scoring.batch.transaction").description("database transaction per batch").register(registry);
    }

    /**
     * A record of the batch and the event read from it, or why it is not one; id and source are the
     * event's, or what the record claims (for the log lines, see {@link EventLog}).
     */
    record Read(ConsumerRecord<String, byte[]> record, EgovEvent event, String refusal, String id, String source) {
    }

    @Incoming("events")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        batchSize.record(records.count());
        consumed.increment(records.count());
        String batch = EventLog.batchOf(records);
        List<Read> read = read(records, batch);
        List<Read> valid = read.stream().filter(r -> r.event() != null).toList();
        List<EgovEvent> events = valid.stream().map(Read::event).toList();
        // A failed transaction is rolled back and tried again with the same batch: never acked
        // past, never skipped. Dead letters are retried on their own so that a broker hiccup does
        // not re-run a committed transaction (whose events would then all look like duplicates).
        return Uni.createFrom().deferred(() -> timed(store.apply(events)))
                .onFailure(Failures::aboutTheData).recoverWithUni(e -> oneByOne(valid, e, batch))
                .onFailure().invoke(e -> {
                    health.failed("batch not stored", e);
                    EventLog.batch(batch, () -> LOG.warnf(e, "batch of %d events not stored; retrying", events.size()));
                })
                .onFailure().retry().withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff()).indefinitely()
                .chain(outcome -> {
                    fresh.increment(outcome.fresh());
                    duplicates.increment(outcome.duplicates());
                    freshness.committed(records);
                    // The change notices were written with the facts; the outbox relays them now.
                    notices.wake();
                    return deadLetters(read, batch);
                })
                .invoke(health::passed);
    }

    /**
     * The batch failed for its data (PostgreSQL refused it, or storing it threw), not because the
     * database is unreachable: retrying the same batch would fail forever. Each event is then
     * stored in a transaction of its own, and the ones refused again go to the dead-letter topic
     * with the reason. A transient failure of one of them fails the whole, which is retried.
     */
    private Uni<FactsStore.Outcome> oneByOne(List<Read> valid, Throwable cause, String batch) {
        EventLog.batch(batch, () -> LOG.warnf(cause, "a batch of %d events was refused for its data; storing them one by one",
                valid.size()));
        return Multi.createFrom().iterable(valid)
                .onItem().transformToUniAndConcatenate(r -> store.apply(List.of(r.event()))
                        .onFailure(Failures::aboutTheData).recoverWithUni(e -> {
                            invalid.increment();
                            EventLog.log(r.event().id(), r.event().source(), batch, () -> LOG.errorf(
                                    "event %s of %s could not be stored, sent to the dead-letter topic: %s",
                                    r.event().id(), r.event().source(), e));
                            return deadLetter(r, reason(e), batch).replaceWith(FactsStore.Outcome.none());
                        }))
                .collect().asList()
                .map(FactsStore.Outcome::sum);
    }

    /** The dead letter's reason: PostgreSQL's message when it refused the event, else the failure. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return "PostgreSQL refused it: " + pg.getMessage();
            }
        }
        return "could not be stored: " + e;
    }

    /**
     * Each dead letter is sent, and retried, on its own, at most {@link #DEAD_LETTERS_IN_FLIGHT}
     * at a time: the emitter's buffer (128) never overflows on a burst of invalid records, and a
     * retry never sends again one that Kafka already acknowledged.
     */
    private Uni<Void> deadLetters(List<Read> read, String batch) {
        List<Read> refused = read.stream().filter(r -> r.event() == null).toList();
        if (refused.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(refused)
                .onItem().transformToUni(r -> deadLetter(r, "not a valid event: " + r.refusal(), batch))
                .merge(DEAD_LETTERS_IN_FLIGHT)
                .collect().last().replaceWithVoid();
    }

    /**
     * A dead letter Kafka refuses for good (record too large, not authorised) is tried a bounded
     * number of times; then the batch fails, the channel stops with its health DOWN, and the log
     * says why: skipping it would lose the record. One that fails for a retriable reason (broker
     * down, topic missing: a timeout) is retried until it goes through, readiness DOWN meanwhile,
     * so that consumption resumes by itself once the broker or the topic is back.
     */
    private Uni<Void> deadLetter(Read r, String why, String batch) {
        AtomicInteger refusals = new AtomicInteger();
        ConsumerRecord<String, byte[]> record = r.record();
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        return Uni.createFrom().deferred(() -> deadLetters.send(record, why))
                .onFailure().invoke(e -> {
                    health.failed("dead letter of " + where + " not published", e);
                    EventLog.log(r.id(), r.source(), batch, () -> LOG.errorf(
                            "dead letter of %s not published, egov.events consumption waits for it: %s", where, e));
                })
                .onFailure(e -> retriable(e) || refusals.incrementAndGet() < config.deadLetterAttempts())
                .retry().withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff()).indefinitely()
                .onFailure().invoke(e -> EventLog.log(r.id(), r.source(), batch, () -> LOG.errorf(e,
                        "dead letter of %s refused by Kafka %d times: consumption of egov.events stops here (health DOWN) "
                        + "rather than lose it", where, refusals.get())));
    }

    private static boolean retriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private Uni<FactsStore.Outcome> timed(Uni<FactsStore.Outcome> work) {
        Timer.Sample sample = Timer.start();
        return work.onTermination().invoke(() -> sample.stop(transaction));
    }

    /** Every record of the batch, in order, with its event or the reason it is not a valid one. */
    List<Read> read(ConsumerRecords<String, byte[]> records, String batch) {
        List<Read> out = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            out.add(read(r, batch));
        }
        return out;
    }

    private Read read(ConsumerRecord<String, byte[]> r, String batch) {
        if (r.value() == null) {
            return refuse(r, null, "empty value", batch);
        }
        JsonNode node;
        try {
            node = json.readTree(r.value());
        } catch (Exception e) {
            return refuse(r, null, "not JSON: " + e.getMessage(), batch);
        }
        EventValidator.Result result = validator.validate(0, node);
        if (!result.valid()) {
            return refuse(r, node, result.errors().toString(), batch);
        }
        return new Read(r, result.event(), null, result.event().id(), result.event().source());
    }

    private Read refuse(ConsumerRecord<String, byte[]> r, JsonNode node, String why, String batch) {
        invalid.increment();
        Read read = new Read(r, null, why, EventLog.claimed(node, "id"), EventLog.claimed(node, "source"));
        EventLog.log(read.id(), read.source(), batch, () -> LOG.errorf(
                "record %s-%d@%d is not a valid event, sent to the dead-letter topic: %s", r.topic(), r.partition(), r.offset(), why));
        return read;
    }
}
