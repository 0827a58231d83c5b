package vn.egovpulse.reporting.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.egovpulse.reporting.stream.StreamLimits;

import java.time.Duration;

/**
 * reporting-service's operator metrics: egov_sse_clients (live ranking streams open),
 * egov_ranking_computation_seconds (time to compute a ranking that was not in memory) and
 * egov_cache_requests_total{cache,result} (rankings served from memory or computed). Registered
 * at startup so the alerts and the dashboard see them before the first request.
 */
@ApplicationScoped
public class ReportingMetrics {
    public static final String RANKING_COMPUTATION = "egov.ranking.computation";
    public static final String CACHE_REQUESTS = "egov.cache.requests";

    private final MeterRegistry registry;
    private final StreamLimits streams;

    public ReportingMetrics(MeterRegistry registry, StreamLimits streams) {
        this.registry = registry;
        this.streams = streams;
    }

    void start(@Observes StartupEvent ev) {
        Gauge.builder("egov.sse.clients", streams, StreamLimits::open)
                .description("Live ranking streams (SSE) open on this instance").register(registry);
        rankingComputation(registry);
        cache(registry, "rankings", true);
        cache(registry, "rankings", false);
    }

    /** The one definition of the ranking computation timer (RankingService records into it). */
    public static Timer rankingComputation(MeterRegistry registry) {
        return Timer.builder(RANKING_COMPUTATION)
                .description("Time to compute a ranking that was not in memory (queries and scoring)")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** A read of a cache: served from memory (hit) or computed (miss). */
    public static Counter cache(MeterRegistry registry, String cache, boolean hit) {
        return Counter.builder(CACHE_REQUESTS).tag("cache", cache).tag("result", hit ? "hit" : "miss")
                .description("Reads of an in-memory cache, by result").register(registry);
    }
}
