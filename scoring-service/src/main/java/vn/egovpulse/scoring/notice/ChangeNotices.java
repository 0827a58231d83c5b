package vn.egovpulse.scoring.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Publishes "what changed" on egov.indicators for reporting-service: per unit, the local days
 * whose facts changed; per criteria set, its new version. Every Uni completes only when Kafka
 * acknowledged the record, so a caller can make its own acknowledgement follow it.
 */
@ApplicationScoped
public class ChangeNotices {

    /** Value of a unit notice; key = the unit code. */
    public record UnitChange(String unit, List<LocalDate> days, Instant at) {
    }

    /** Value of a criteria notice; key = {@code criteria/<id>}. */
    public record CriteriaChange(String criteria, int version, Instant at) {
    }

    /** Sends in flight at once: a batch can touch thousands of units. */
    private static final int CONCURRENCY = 128;

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public ChangeNotices(@Channel("indicators") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                         MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    /** One notice per unit touched; completes when all are acknowledged. */
    public Uni<Void> unitsChanged(Map<String, SortedSet<LocalDate>> touched) {
        if (touched.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant at = Instant.now();
        Collection<Map.Entry<String, SortedSet<LocalDate>>> entries = touched.entrySet();
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUni(e -> send(e.getKey(), new UnitChange(e.getKey(), List.copyOf(e.getValue()), at)))
                .merge(CONCURRENCY)
                .collect().last()
                .replaceWithVoid();
    }

    public Uni<Void> criteriaChanged(String id, int version) {
        return send("criteria/" + id, new CriteriaChange(id, version, Instant.now()));
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
