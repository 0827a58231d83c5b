package vn.egovpulse.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Micrometer meters for the Kafka clients the services build by hand (the SmallRye channels have
 * theirs from Quarkus): {@code kafka_producer_*} and {@code kafka_consumer_*} on /q/metrics, tagged
 * with the client's {@code client.id}. The returned handle removes the meters; close it with the client
 * (try-with-resources), so a follower that reconnects does not leave the dead client's meters behind.
 */
@ApplicationScoped
public class KafkaClientMeters {
    private final MeterRegistry registry;

    public KafkaClientMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public AutoCloseable measure(Producer<?, ?> producer) {
        KafkaClientMetrics m = new KafkaClientMetrics(producer);
        m.bindTo(registry);
        return m;
    }

    public AutoCloseable measure(Consumer<?, ?> consumer) {
        KafkaClientMetrics m = new KafkaClientMetrics(consumer);
        m.bindTo(registry);
        return m;
    }
}
