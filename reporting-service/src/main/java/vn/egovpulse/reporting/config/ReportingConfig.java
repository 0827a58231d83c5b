package vn.egovpulse.reporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** reporting-service settings. */
@ConfigMapping(prefix = "egov.reporting")
public interface ReportingConfig {
    /** Where PUT /api/v1/criteria/{id} is forwarded: scoring-service owns the criteria sets. */
    @WithDefault("http://127.0.0.1:8082")
    String scoringUrl();

    /** Quiet time after a change notice before a league is recomputed for the live stream. */
    @WithDefault("300ms")
    Duration streamDebounce();

    /**
     * Quiet time after a change notice before the live windows (YTD, P30D) of the province's
     * leagues are computed again in the background.
     */
    @WithDefault("5s")
    Duration liveRefresh();

    /** Comment line sent on every open stream so proxies keep it open. */
    @WithDefault("15s")
    Duration streamHeartbeat();
}
