package vn.egovpulse.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import vn.egovpulse.events.Topics;

import java.util.Optional;

/**
 * Topic names, as in {@link Topics}, behind an optional prefix: tests run against the same
 * broker as a running stack, on {@code test.}-prefixed topics, so the two never mix.
 */
@ConfigMapping(prefix = "egov.topics")
public interface TopicsConfig {
    /** Optional: SmallRye Config treats an empty default as missing, which fails startup without a prefix. */
    @WithName("prefix")
    Optional<String> prefixValue();

    default String prefix() {
        return prefixValue().orElse("");
    }

    default String events() {
        return prefix() + Topics.EVENTS;
    }

    default String units() {
        return prefix() + Topics.UNITS;
    }

    default String indicators() {
        return prefix() + Topics.INDICATORS;
    }

    default String dlq() {
        return prefix() + Topics.IN_DLQ;
    }
}
