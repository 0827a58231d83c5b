package vn.egovpulse.ingest.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.ingest.config.IngestConfig;
import vn.egovpulse.platform.config.TopicsConfig;

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
    private final ObjectMapper json;
    private final String eventsTopic;
    private final Timer publishTimer;
    private KafkaProducer<byte[], byte[]> producer;

    public EventPublisher(IngestConfig config, ObjectMapper json, TopicsConfig topics, MeterRegistry metrics) {
        this.config = config;
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

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            long timeoutMs = config.sendTimeout().toMillis();
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
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
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(1000, timeoutMs * 3 / 5) + 10));
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
