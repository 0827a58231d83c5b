package vn.egovpulse.ingest.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.ingest.config.IngestConfig;
import vn.egovpulse.platform.config.TopicsConfig;
import vn.egovpulse.platform.kafka.KafkaClientMeters;
import vn.egovpulse.platform.kafka.KafkaClientSecurity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one writer of {@code egov.events} (and of {@code egov.in.dlq}). An idempotent producer
 * with acks=all: a batch counts as published only when every record of it is acknowledged.
 * Keys and values are bytes so that a dead-lettered record keeps its key bytes unchanged.
 */
@ApplicationScoped
public class EventPublisher {
    private final IngestConfig config;
    private final KafkaClientSecurity security;
    private final KafkaClientMeters meters;
    private final ObjectMapper json;
    private final String eventsTopic;
    private final Timer publishTimer;
    private KafkaProducer<byte[], byte[]> producer;
    private Admin admin;

    public EventPublisher(IngestConfig config, ObjectMapper json, TopicsConfig topics, MeterRegistry metrics,
                          KafkaClientSecurity security, KafkaClientMeters meters) {
        this.config = config;
        this.security = security;
        this.meters = meters;
        this.json = json;
        this.eventsTopic = topics.events();
        this.publishTimer = Timer.builder("egov.ingest.publish")
                .description("Time to have a batch of events acknowledged by Kafka")
                .publishPercentileHistogram()
                .register(metrics);
    }

    /** Kafka did not acknowledge every record in time; a retry of the whole batch is safe. */
    public static class PublishFailedException extends Exception {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Stays under the broker's and producer's default 1 MiB message limit (HTTP and Kafka input alike). */
    public static final int MAX_EVENT_BYTES = 1_000_000;

    /** Key = unit code, value = structured CloudEvent JSON. */
    public ProducerRecord<byte[], byte[]> eventRecord(EgovEvent e) {
        return eventRecord(e, null);
    }

    /**
     * {@code original}: the event's JSON exactly as it was received (null to serialize the tree).
     * Publishing the received bytes saves writing every event out again; the bytes are the
     * same JSON document that was validated.
     */
    public ProducerRecord<byte[], byte[]> eventRecord(EgovEvent e, byte[] original) {
        try {
            return new ProducerRecord<>(eventsTopic, e.subject().getBytes(StandardCharsets.UTF_8),
                    original != null ? original : json.writeValueAsBytes(e.json()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialize a validated event", ex);
        }
    }

    /** A record Kafka did not acknowledge, and why. */
    public record Unacknowledged(ProducerRecord<byte[], byte[]> record, Throwable error) {
    }

    /**
     * Sends records once each and waits for the outcome of every one sent. Returns the records
     * not acknowledged, so that a retry re-sends only those and a dead letter that already
     * succeeded is never written twice. After the first record that fails at once (e.g. a
     * missing topic), or once the send timeout has passed, the rest are not sent this time:
     * each send would block on metadata again.
     */
    public List<Unacknowledged> sendEach(List<ProducerRecord<byte[], byte[]>> records) {
        long start = System.nanoTime();
        long deadline = start + config.sendTimeout().toNanos();
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
        List<Unacknowledged> failed = new ArrayList<>();
        try {
            KafkaProducer<byte[], byte[]> p = producer();
            Throwable stop = null;
            for (ProducerRecord<byte[], byte[]> r : records) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                acks.add(ack);
                if (stop != null) {
                    ack.completeExceptionally(stop);
                    continue;
                }
                try {
                    p.send(r, (md, error) -> {
                        if (error == null) {
                            ack.complete(null);
                        } else {
                            ack.completeExceptionally(error);
                        }
                    });
                } catch (RuntimeException e) {
                    ack.completeExceptionally(e);
                }
                if (ack.isCompletedExceptionally()) {
                    stop = new IllegalStateException("not sent after an earlier record failed: " + cause(ack));
                } else if (System.nanoTime() > deadline) {
                    stop = new IllegalStateException("not sent: Kafka did not accept records within " + config.sendTimeout());
                }
            }
            try {
                // Wait for the final outcome of every record sent, even past the send timeout: one
                // given up on while still in flight would be sent again and written twice. The
                // producer settles each within its delivery timeout.
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                        .get(deliveryTimeoutMs() + 2000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Some failed: each is looked at below.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // producer() itself failed: nothing was sent; the loop below reports every record.
            while (acks.size() < records.size()) {
                acks.add(CompletableFuture.failedFuture(e));
            }
        } finally {
            publishTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        for (int i = 0; i < records.size(); i++) {
            CompletableFuture<Void> ack = i < acks.size() ? acks.get(i) : null;
            if (ack == null || !ack.isDone()) {
                failed.add(new Unacknowledged(records.get(i),
                        new TimeoutException("not acknowledged within " + config.sendTimeout())));
            } else if (ack.isCompletedExceptionally()) {
                failed.add(new Unacknowledged(records.get(i), cause(ack)));
            }
        }
        return failed;
    }

    private static Throwable cause(CompletableFuture<Void> ack) {
        try {
            ack.getNow(null);
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
    }

    /**
     * Whether {@code topic} exists on a broker that answers (within 2 s). Tells a dead-letter
     * topic that is missing or refused from a broker that is merely down.
     */
    public TopicState topicState(String topic) {
        try {
            admin().describeTopics(List.of(topic)).allTopicNames().get(2, TimeUnit.SECONDS);
            return TopicState.PRESENT;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException
                    || e.getCause() instanceof org.apache.kafka.common.errors.AuthorizationException) {
                return TopicState.MISSING_OR_REFUSED;
            }
            return TopicState.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TopicState.UNREACHABLE;
        } catch (TimeoutException | RuntimeException e) {
            return TopicState.UNREACHABLE;
        }
    }

    public enum TopicState { PRESENT, MISSING_OR_REFUSED, UNREACHABLE }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties p = security.client(config.bootstrapServers());
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "egov-ingest-publisher-admin");
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
            admin = Admin.create(p);
        }
        return admin;
    }

    /** Sends every record, then waits until all are acknowledged (or the send timeout passes). */
    public void sendAndWait(List<ProducerRecord<byte[], byte[]>> records) throws PublishFailedException {
        long start = System.nanoTime();
        long deadline = start + config.sendTimeout().toNanos();
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
        try {
            KafkaProducer<byte[], byte[]> p = producer();
            for (ProducerRecord<byte[], byte[]> r : records) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                p.send(r, (md, error) -> {
                    if (error == null) {
                        ack.complete(null);
                    } else {
                        ack.completeExceptionally(error);
                    }
                });
                acks.add(ack);
                // A broker that is down makes each send block on metadata: stop at the first failure.
                if (ack.isCompletedExceptionally() || System.nanoTime() > deadline) {
                    break;
                }
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (acks.size() < records.size()) {
                throw new PublishFailedException("Kafka did not accept the records in time", null);
            }
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka refused a record: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge within " + config.sendTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka", e);
        } catch (RuntimeException e) {
            throw new PublishFailedException("cannot send to Kafka: " + e, e);
        } finally {
            publishTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private long deliveryTimeoutMs() {
        return Math.max(1000, config.sendTimeout().toMillis() * 3 / 5) + 10;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            long timeoutMs = config.sendTimeout().toMillis();
            Properties p = security.client(config.bootstrapServers());
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "egov-ingest-publisher");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            // A 16 MiB request must fit into the producer's buffer and requests.
            p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.max(1000, timeoutMs * 3 / 5)));
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(1000, timeoutMs * 3 / 5)));
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(deliveryTimeoutMs()));
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
            meters.measure(producer); // for the process's life: the producer is closed at shutdown only
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
