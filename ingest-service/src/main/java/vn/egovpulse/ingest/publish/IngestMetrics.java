package vn.egovpulse.ingest.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.HashMap;

/** egov_ingest_events_total{type,source,outcome,channel} and egov_ingest_batch_size. */
@ApplicationScoped
public class IngestMetrics {
    public static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("egov.ingest.batch.size")
                .description("Events per HTTP request or per consumed Kafka batch")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** One counted event: tags must come from a bounded set (known types, token subjects, "unknown"). */
    public record Tags(String type, String source) {
    }

    public void batch(int size) {
        batchSize.record(size);
    }

    public void count(List<Tags> events, boolean accepted, String channel) {
        Map<Tags, Integer> grouped = new HashMap<>();
        for (Tags t : events) {
            grouped.merge(t, 1, Integer::sum);
        }
        grouped.forEach((t, n) -> Counter.builder("egov.ingest.events")
                .description("Events received, by type, source, outcome and channel")
                .tag("type", t.type()).tag("source", t.source())
                .tag("outcome", accepted ? "accepted" : "rejected").tag("channel", channel)
                .register(registry).increment(n));
    }
}
