package vn.egovpulse.scoring.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import vn.egovpulse.platform.dlq.DeadLetterHeaders;

/**
 * Records of egov.events that scoring cannot count (not a valid event, or refused by PostgreSQL
 * for their data) go unchanged to egov.in.dlq, the same dead-letter topic as ingest's, with the
 * reason in the egov-error header: nothing disappears, and nothing stalls the stream.
 */
@ApplicationScoped
public class DeadLetters {
    private final MutinyEmitter<byte[]> emitter;

    public DeadLetters(@Channel("dead-letters") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka acknowledged the dead letter. */
    public Uni<Void> send(ConsumerRecord<String, byte[]> r, String why) {
        byte[] value = r.value() == null ? new byte[0] : r.value();
        return emitter.sendMessage(Message.of(value).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(r.key())
                        .withHeaders(DeadLetterHeaders.of(r, "scoring-service: " + why)).build()));
    }
}
