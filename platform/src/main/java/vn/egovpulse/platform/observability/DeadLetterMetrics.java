package vn.egovpulse.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Locale;

/**
 * egov_dead_letters_total{reason}: dead letters by reason class, counted where every service builds
 * them (DeadLetterHeaders). The class comes from the egov-error text and is one of a few fixed
 * values, so a hostile record cannot create new series. A batch that is retried after its dead
 * letters were built counts them again: the counter is for alerting, the topic is the record.
 */
public final class DeadLetterMetrics {
    /** Every reason class; each is registered at startup, so alerts see 0 before the first dead letter. */
    public static final List<String> REASONS = List.of("not_json", "invalid_event", "unknown_unit", "wrong_topic",
            "too_large", "database_refused", "other");

    private static volatile MeterRegistry registry;

    private DeadLetterMetrics() {
    }

    static void bind(MeterRegistry r) {
        registry = r;
        REASONS.forEach(reason -> counter(r, reason));
    }

    /** Counts one dead letter with the reason written in its egov-error header. */
    public static void record(String why) {
        MeterRegistry r = registry;
        if (r != null) {
            counter(r, reasonClass(why)).increment();
        }
    }

    /** The reason class of an egov-error text (see the ingest and scoring dead letters). */
    public static String reasonClass(String why) {
        String w = why == null ? "" : why.toLowerCase(Locale.ROOT);
        if (w.contains("is not json") || w.contains("is empty")) {
            return "not_json";
        }
        if (w.contains("unknown unit")) {
            return "unknown_unit";
        }
        if (w.contains("does not belong on")) {
            return "wrong_topic";
        }
        if (w.contains("postgresql") || w.contains("could not be stored")) {
            return "database_refused";
        }
        if (w.contains("bytes")) {
            return "too_large";
        }
        if (w.contains(":")) {
            return "invalid_event";
        }
        return "other";
    }

    private static Counter counter(MeterRegistry r, String reason) {
        return Counter.builder("egov.dead.letters").tag("reason", reason)
                .description("Records sent to egov.in.dlq, by reason class").register(r);
    }
}
