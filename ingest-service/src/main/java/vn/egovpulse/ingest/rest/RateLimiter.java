package vn.egovpulse.ingest.rest;

import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.ingest.config.IngestConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events per second per source (token {@code sub}): a token bucket each. Sources are only the
 * subjects of verified tokens, so the map stays as small as the number of source systems.
 */
@ApplicationScoped
public class RateLimiter {
    private final double rate;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(IngestConfig config) {
        this.rate = config.rateLimit().eventsPerSecond();
        this.burst = config.rateLimit().burst() > 0 ? config.rateLimit().burst() : Math.max(1, rate);
    }

    public boolean enabled() {
        return rate > 0;
    }

    /**
     * Takes {@code events} tokens, all or none (a refused request publishes nothing). Returns 0
     * if taken, else the seconds to wait before the request can pass. A batch larger than the
     * burst passes on a full bucket and leaves a debt, else it could never pass.
     */
    public long take(String source, int events) {
        if (!enabled()) {
            return 0;
        }
        return buckets.computeIfAbsent(source, s -> new Bucket(burst)).take(events, System.nanoTime());
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        synchronized long take(int events, long now) {
            tokens = Math.min(burst, tokens + (now - updatedAt) / 1e9 * rate);
            updatedAt = now;
            double needed = Math.min(events, burst);
            if (tokens >= needed) {
                tokens -= events;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((needed - tokens) / rate));
        }
    }
}
