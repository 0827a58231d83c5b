package vn.egovpulse.platform.units;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the registry has been read to its end: before that, unknown units would be refused. */
@Readiness
@ApplicationScoped
public class UnitRegistryHealth implements HealthCheck {
    private final UnitRegistry registry;

    public UnitRegistryHealth(UnitRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("unit-registry").status(registry.caughtUp()).build();
    }
}
