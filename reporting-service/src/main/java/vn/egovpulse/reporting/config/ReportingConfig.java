package vn.egovpulse.reporting.config;

import io.quarkus.runtime.configuration.MemorySize;
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

    /**
     * Retry-After of a 503: PostgreSQL unreachable, a query cancelled by the statement timeout,
     * a stream limit reached.
     */
    @WithDefault("5s")
    Duration retryAfter();

    /** Bounds on GET /api/v1/rankings/stream: each open stream holds a connection and a follower. */
    Streams streams();

    interface Streams {
        /** Open streams per client (remote address). */
        @WithDefault("8")
        int perClient();

        /** Open streams in total. */
        @WithDefault("1000")
        int total();
    }

    /** Bounds on the in-memory caches, so that many distinct reads cannot exhaust the heap. */
    Caches caches();

    interface Caches {
        /** Counts cache: entries (one per unit set and period). */
        @WithDefault("2000")
        int countsEntries();

        /** Counts cache: unit counts over all entries (an entry of a 225-commune league holds 225). */
        @WithDefault("200000")
        int countsUnits();

        /** Rankings cache: entries (one per league, period dates and versions). */
        @WithDefault("500")
        int rankingsEntries();

        /** Rankings cache: bytes of JSON plus gzip over all entries (a 225-commune league is about 440 KB). */
        @WithDefault("64M")
        MemorySize rankingsBytes();
    }
}
