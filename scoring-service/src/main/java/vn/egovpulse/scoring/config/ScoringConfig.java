package vn.egovpulse.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the consumer's retry loop (egov.scoring.*). */
@ConfigMapping(prefix = "egov.scoring")
public interface ScoringConfig {

    /** First pause before a failed batch (database or notice publishing) is tried again. */
    @WithDefault("PT0.2S")
    Duration retryInitialBackoff();

    /** Longest pause between two attempts; a batch is retried until it succeeds. */
    @WithDefault("PT10S")
    Duration retryMaxBackoff();

    /** Attempts to publish a dead letter Kafka refuses for good, before consumption stops with its health DOWN. */
    @WithDefault("10")
    int deadLetterAttempts();
}
