package vn.egovpulse.scoring.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * egov_freshness_seconds: for each event of a committed batch, the time from ingest (the record's
 * timestamp on egov.events, set when ingest-service published it) to the commit of its facts, after
 * which reporting reads them. p50 and p99 are published, and a histogram for the alert (SPEC: 2 s).
 * A replay of old records shows as old: that is the truth of what readers saw.
 */
@Startup // registered at startup, so the alert's histogram exists before the first batch
@ApplicationScoped
public class Freshness {
    private final Timer timer;

    public Freshness(MeterRegistry registry) {
        this.timer = Timer.builder("egov.freshness")
                .description("From ingest (egov.events record time) to the facts committed in PostgreSQL")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofSeconds(2))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    /** The batch's facts are committed now. */
    public void committed(ConsumerRecords<?, ?> records) {
        long now = System.currentTimeMillis();
        for (ConsumerRecord<?, ?> r : records) {
            if (r.timestamp() > 0) {
                timer.record(Math.max(0, now - r.timestamp()), TimeUnit.MILLISECONDS);
            }
        }
    }
}
