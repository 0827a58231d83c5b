package vn.egovpulse.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the ingest service ({@code egov.ingest.*}). */
@ConfigMapping(prefix = "egov.ingest")
public interface IngestConfig {
    /**
     * Brokers the publisher writes to. Separate from {@code kafka.bootstrap.servers} so that a
     * test can point only the publisher at a dead address and see the 503.
     */
    @WithDefault("${kafka.bootstrap.servers}")
    String bootstrapServers();

    /** How long a send may take before the caller gets a 503; kept short so clients retry quickly. */
    @WithDefault("5S")
    Duration sendTimeout();

    /** The Retry-After (seconds) of a 503. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** Largest batch accepted over HTTP (SPEC 2.1). */
    @WithDefault("10000")
    int maxEvents();

    /**
     * Before refusing an unknown unit, how long to wait for this service's registry view to reach
     * the end of egov.units as of now (a unit registered on another service a moment ago). Past
     * it: 503 over HTTP, the record held on Kafka.
     */
    @WithDefault("2S")
    Duration registryWait();

    /** The Kafka input path (SPEC 2.2). */
    Input input();

    /** Per-source rate limit over HTTP. */
    RateLimit rateLimit();

    interface Input {
        /**
         * Attempts to dead-letter a batch while the broker answers but refuses the dead letters
         * (missing topic, ACL, record too large). Then the consumer stops, health DOWN: retrying
         * forever would block the stream without anyone noticing. A broker that does not answer
         * at all is an outage: retried without limit, the consumer resumes when it is back.
         */
        @WithDefault("10")
        int deadLetterAttempts();

        /** First pause between attempts; doubles up to {@link #maxBackoff()}. */
        @WithDefault("200MS")
        Duration backoff();

        @WithDefault("5S")
        Duration maxBackoff();

        /** Where refused input records go; default egov.in.dlq (with the topic prefix). For tests. */
        java.util.Optional<String> deadLetterTopic();
    }

    interface RateLimit {
        /**
         * Events per second one source (token {@code sub}) may send; 0 = no limit. Off by default:
         * the benchmark sends about 100,000 events/s from one source.
         */
        @WithDefault("0")
        double eventsPerSecond();

        /** Events a source may send at once above the rate; 0 = one second's worth. */
        @WithDefault("0")
        int burst();
    }
}
