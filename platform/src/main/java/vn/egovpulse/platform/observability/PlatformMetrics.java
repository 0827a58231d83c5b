package vn.egovpulse.platform.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.logging.Logger;
import vn.egovpulse.platform.units.UnitRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Metrics every service exposes on /q/metrics for the operators' alerts (deploy/kubernetes
 * observability): egov_units_registered (the service's view of the unit registry),
 * egov_health_check_up{check} (1 while that readiness check is UP: PostgreSQL, Kafka, the registry,
 * the consumers) and egov_dead_letters_total{reason} (see {@link DeadLetterMetrics}).
 * Readiness is evaluated on a thread of its own every 10 s, never on the scrape.
 */
@ApplicationScoped
public class PlatformMetrics {
    private static final Logger LOG = Logger.getLogger(PlatformMetrics.class);
    static final long HEALTH_PERIOD_SECONDS = 10;

    private final MeterRegistry registry;
    private final SmallRyeHealthReporter health;
    private final UnitRegistry units;
    private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public PlatformMetrics(MeterRegistry registry, SmallRyeHealthReporter health, UnitRegistry units) {
        this.registry = registry;
        this.health = health;
        this.units = units;
    }

    void start(@Observes StartupEvent ev) {
        Gauge.builder("egov.units.registered", units, u -> u.all().size())
                .description("Units in this service's view of the unit registry (egov.units)").register(registry);
        DeadLetterMetrics.bind(registry);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "health-metrics");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refresh, 0, HEALTH_PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void refresh() {
        try {
            JsonObject payload = health.getReadiness().getPayload();
            for (JsonValue v : payload.getJsonArray("checks")) {
                JsonObject check = v.asJsonObject();
                int up = "UP".equals(check.getString("status", "DOWN")) ? 1 : 0;
                checks.computeIfAbsent(check.getString("name", "unnamed"), name -> {
                    AtomicInteger value = new AtomicInteger(up);
                    Gauge.builder("egov.health.check.up", value, AtomicInteger::get).tag("check", name)
                            .description("1 while the readiness check is UP, else 0").register(registry);
                    return value;
                }).set(up);
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "readiness not evaluated for the health metrics");
        }
    }
}
