package vn.egovpulse.ingest.consume;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN (live and ready) once the input consumer stopped for good, with the reason: a stopped
 * stream must be seen and the pod restarted after the fault is fixed. During a mere broker
 * outage it stays UP here (the Kafka connection check says DOWN while the broker is away).
 */
@Liveness
@Readiness
@ApplicationScoped
public class InputTopicsHealth implements HealthCheck {
    private final InputTopicsConsumer consumer;

    public InputTopicsHealth(InputTopicsConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        String stopped = consumer.stopped();
        return HealthCheckResponse.named("kafka-input").status(stopped == null)
                .withData("stopped", stopped == null ? "no" : stopped).build();
    }
}
