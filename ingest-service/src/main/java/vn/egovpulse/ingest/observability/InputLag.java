package vn.egovpulse.ingest.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.egovpulse.platform.kafka.KafkaClientSecurity;
import vn.egovpulse.platform.observability.ConsumerLag;

import java.util.Arrays;

/** egov_consumer_lag of the ingest group on the source systems' input topics (alert EgovIngestInputLagHigh). */
@ApplicationScoped
public class InputLag {
    private final ConsumerLag lag;

    public InputLag(MeterRegistry registry, KafkaClientSecurity security,
                    @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                    @ConfigProperty(name = "mp.messaging.incoming.inputs.group.id") String group,
                    @ConfigProperty(name = "mp.messaging.incoming.inputs.topics") String topics) {
        this.lag = new ConsumerLag(registry, security, bootstrap, group,
                Arrays.stream(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList());
    }

    void start(@Observes StartupEvent ev) {
        lag.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        lag.stop();
    }
}
