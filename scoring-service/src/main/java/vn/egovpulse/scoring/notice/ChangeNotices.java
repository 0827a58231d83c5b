package vn.egovpulse.scoring.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Publishes "what changed" on egov.indicators for reporting-service: per unit, the local days
 * whose facts changed; per criteria set, its new version. Only {@link NoticeOutbox} calls it,
 * with what the facts' transactions wrote to the outbox. Every Uni completes only when Kafka
 * acknowledged the record.
 */
@ApplicationScoped
public class ChangeNotices {

    /** Value of a unit notice; key = the unit code. */
    public record UnitChange(String unit, List<LocalDate> days, Instant at) {
    }

    /** Value of a criteria notice; key = {@code criteria/<id>}. */
    public record CriteriaChange(String criteria, int version, Instant at) {
    }

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public ChangeNotices(@Channel("indicators") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                         MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    Uni<Void> unitChanged(String unit, List<LocalDate> days, Instant at) {
        return send(unit, new UnitChange(unit, days, at));
    }

    Uni<Void> criteriaChanged(String id, int version, Instant at) {
        return send("criteria/" + id, new CriteriaChange(id, version, at));
    }

    private Uni<Void> send(String key, Object value) {
        String text;
        try {
            text = json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return emitter.sendMessage(Message.of(text)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
