package vn.egovpulse.reporting.stream;

import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.config.ReportingConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the live streams (egov.reporting.streams.*): each open stream holds an HTTP connection
 * and a follower that is recomputed after every change notice, so one client opening thousands
 * of tabs (or a script) must not take them all. Past a bound: 503 problem+json with Retry-After,
 * since the request is fine and a slot frees up when some stream closes.
 */
@ApplicationScoped
public class StreamLimits {
    private final int perClient;
    private final int total;
    private final ReportingConfig config;
    private final Map<String, Integer> openByClient = new HashMap<>();
    private int open;

    public StreamLimits(ReportingConfig config) {
        this.config = config;
        this.perClient = config.streams().perClient();
        this.total = config.streams().total();
    }

    /** Takes a slot for {@code client} (its remote address); returns how to give it back (idempotent). */
    public synchronized Runnable acquire(String client) {
        if (open >= total) {
            throw ProblemException.unavailable("the service has " + total + " live streams open, its limit in total; try again later",
                    config.retryAfter());
        }
        int mine = openByClient.getOrDefault(client, 0);
        if (mine >= perClient) {
            throw ProblemException.unavailable("this client has " + perClient + " live streams open, the limit per client;"
                    + " close one or try again later", config.retryAfter());
        }
        openByClient.put(client, mine + 1);
        open++;
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(client);
            }
        };
    }

    private synchronized void release(String client) {
        open--;
        openByClient.computeIfPresent(client, (c, n) -> n == 1 ? null : n - 1);
    }

    /** Streams open now. */
    public synchronized int open() {
        return open;
    }
}
