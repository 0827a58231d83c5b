package vn.egovpulse.scoring.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.egovpulse.platform.config.TopicsConfig;
import vn.egovpulse.platform.kafka.KafkaClientSecurity;
import vn.egovpulse.platform.observability.ConsumerLag;

import java.util.List;

/** egov_consumer_lag of the scoring group on egov.events (alerts EgovScoringLagHigh, EgovScoringNotConsuming). */
@ApplicationScoped
public class ScoringLag {
    private final ConsumerLag lag;

    public ScoringLag(MeterRegistry registry, KafkaClientSecurity security, TopicsConfig topics,
                      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                      @ConfigProperty(name = "mp.messaging.incoming.events.group.id") String group) {
        this.lag = new ConsumerLag(registry, security, bootstrap, group, List.of(topics.events()));
        // EventConsumer's counter, registered now: "lag > 0 and no records read" must be computable (0) even
        // when this instance has not read one record since it started.
        Counter.builder("egov.scoring.events.consumed").description("records read from egov.events").register(registry);
    }

    void start(@Observes StartupEvent ev) {
        lag.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        lag.stop();
    }
}
