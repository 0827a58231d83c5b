package vn.egovpulse.scoring.consume;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Instant;

/**
 * Readiness of the events consumer: DOWN while a batch cannot be stored (the database is down or
 * refuses connections) or its dead letters cannot be published (the broker is down, the topic is
 * missing), with the reason; UP again as soon as a batch goes through. Not a liveness check: a
 * restart would not bring the database or the broker back, and the consumer resumes by itself.
 */
@Readiness
@ApplicationScoped
public class ConsumingHealth implements HealthCheck {
    private final Clock clock = Clock.systemUTC();
    private volatile Instant failingSince;
    private volatile String lastFailure;

    void failed(String what, Throwable failure) {
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        lastFailure = what + ": " + failure.getMessage();
    }

    void passed() {
        failingSince = null;
        lastFailure = null;
    }

    @Override
    public HealthCheckResponse call() {
        Instant since = failingSince;
        if (since == null) {
            return HealthCheckResponse.up("egov.events consumer");
        }
        return HealthCheckResponse.named("egov.events consumer").down()
                .withData("failingSince", since.toString())
                .withData("lastFailure", String.valueOf(lastFailure))
                .build();
    }
}
