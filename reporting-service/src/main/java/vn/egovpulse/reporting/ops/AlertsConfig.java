package vn.egovpulse.reporting.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Operators' alerts and the silent-source rule (SPEC 8). */
@ConfigMapping(prefix = "egov.alerts")
public interface AlertsConfig {
    /** A source that sent on each of the 7 days up to its last event is silent after this long without events. */
    @WithDefault("24h")
    Duration silentAfter();

    /** case.dueSoon is sent when an open case's due date is at most this many days away (whole days). */
    @WithDefault("2d")
    Duration dueWithin();

    /** How often the alert checker runs. */
    @WithDefault("30s")
    Duration checkEvery();

    /**
     * case.overdue is sent for open cases whose due date passed at most this long ago: the checker
     * catches up after a stop of up to this long, and never floods with cases overdue for years.
     */
    @WithDefault("7d")
    Duration overdueLookback();

    /** Alert checker on or off (the gauges too). */
    @WithDefault("true")
    boolean enabled();
}
