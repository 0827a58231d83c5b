package vn.egovpulse.platform.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.CommonClientConfigs;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The security settings of every Kafka client the services build by hand (unit registry follower
 * and writer, ingest publisher, reporting's notice follower), taken from the same {@code kafka.*}
 * configuration the SmallRye channels use: {@code kafka.security.protocol}, {@code kafka.sasl.*},
 * {@code kafka.ssl.*} (or the env variables KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_JAAS_CONFIG, ...).
 * So a cluster with SCRAM and TLS (deploy/kubernetes) needs no per-client setting.
 */
@ApplicationScoped
public class KafkaClientSecurity {
    private final Map<String, Object> security;

    /** {@code default-kafka-broker}: every {@code kafka.*} property and KAFKA_* env variable, prefix removed (Quarkus). */
    public KafkaClientSecurity(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.security = securityOf(kafka);
    }

    /** Only the settings that say how to connect safely; never bootstrap servers, group ids or serializers. */
    public static Map<String, Object> securityOf(Map<String, ?> kafka) {
        Map<String, Object> out = new TreeMap<>();
        kafka.forEach((k, v) -> {
            if (v == null || v.toString().isEmpty()) {
                return;
            }
            if (k.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || k.startsWith("sasl.") || k.startsWith("ssl.")
                    || k.equals("tls-configuration-name")) {
                out.put(k, v);
            }
        });
        return Map.copyOf(out);
    }

    /** A new client configuration: the bootstrap servers and the security settings. */
    public Properties client(String bootstrapServers) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.putAll(security);
        return p;
    }

    /** The settings applied, for logs and tests (the JAAS config holds a password: never log values). */
    public Map<String, Object> settings() {
        return security;
    }
}
