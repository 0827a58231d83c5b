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
}
