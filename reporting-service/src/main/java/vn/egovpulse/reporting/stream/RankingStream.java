package vn.egovpulse.reporting.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;
import vn.egovpulse.events.Tier;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.config.ReportingConfig;
import vn.egovpulse.reporting.rankings.Period;
import vn.egovpulse.reporting.rankings.RankingService;
import vn.egovpulse.reporting.rankings.Views.Ranking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Live rankings over Server-Sent Events. Clients are grouped by league (province, tier,
 * period text, criteria set); a change notice for a province schedules one debounced
 * recomputation per league of it, and each client gets a {@code ranking} event only when
 * the content (everything but asOf) differs from what it last saw. The event id is a hash of
 * that content, so a reconnecting client's Last-Event-ID tells whether it missed a change.
 */
@ApplicationScoped
public class RankingStream {
    private static final Logger LOG = Logger.getLogger(RankingStream.class);

    /**
     * What a client follows; the period stays text so rolling windows roll, and so does the
     * structure ({@code current}, a date, or null for the period's last day; SPEC 6).
     */
    public record League(String province, Tier tier, String period, String criteria, String structure) {
        public League(String province, Tier tier, String period, String criteria) {
            this(province, tier, period, criteria, null);
        }

        java.time.LocalDate structureDate() {
            return structure == null ? null
                    : structure.equals("current") ? RankingService.today() : java.time.LocalDate.parse(structure);
        }
    }

    private static final class Client {
        final SseEventSink sink;
        final Sse sse;
        /** Gives the client's slot back to {@link StreamLimits}; idempotent. */
        final Runnable release;
        volatile String lastId;

        Client(SseEventSink sink, Sse sse, Runnable release) {
            this.sink = sink;
            this.sse = sse;
            this.release = release;
        }
    }

    private static final class Followers {
        final Set<Client> clients = ConcurrentHashMap.newKeySet();
        final AtomicBoolean pending = new AtomicBoolean();
    }

    private final RankingService rankings;
    private final ObjectMapper json;
    private final Duration debounce;
    private final Duration retryAfter;
    private final Map<League, Followers> leagues = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ranking-stream");
        t.setDaemon(true);
        return t;
    });

    public RankingStream(RankingService rankings, ObjectMapper json, ReportingConfig config) {
        this.rankings = rankings;
        this.json = json;
        this.debounce = config.streamDebounce();
        this.retryAfter = config.retryAfter();
    }

    /** The serialized ranking and its content id. */
    public record Snapshot(String json, String id) {
    }

    public Uni<Snapshot> snapshot(League league) {
        Period period = Period.parse(league.period(), RankingService.today());
        return rankings.ranking(league.province(), league.tier(), period, league.criteria(), league.structureDate())
                .map(this::snapshot);
    }

    private Snapshot snapshot(Ranking r) {
        try {
            byte[] content = json.writeValueAsBytes(r.withAsOf(null));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return new Snapshot(json.writeValueAsString(r), HexFormat.of().formatHex(digest, 0, 12));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers a client (already validated, holding a slot that {@code release} gives back).
     * Sends nothing but a comment unless the client's Last-Event-ID differs from the current
     * ranking's id, in which case the ranking goes at once. When the first ranking cannot be
     * computed (the database is down) the client is dropped, its slot released, and the failure
     * answers the request.
     */
    public void open(League league, SseEventSink sink, Sse sse, String lastEventId, Runnable release) {
        Client client = new Client(sink, sse, release);
        // A broadcaster is the JAX-RS way to hear that the client went away: free its slot at once.
        SseBroadcaster closeWatch = sse.newBroadcaster();
        closeWatch.onClose(s -> release.run());
        closeWatch.register(sink);
        Followers followers = leagues.computeIfAbsent(league, l -> new Followers());
        followers.clients.add(client);
        Snapshot now;
        try {
            now = snapshot(league).ifNoItem().after(Duration.ofSeconds(30))
                    .failWith(() -> ProblemException.unavailable("the ranking could not be computed in time; try again later",
                            retryAfter))
                    .await().indefinitely();
        } catch (RuntimeException e) {
            followers.clients.remove(client);
            release.run();
            throw e;
        }
        client.lastId = now.id();
        sink.send(sse.newEventBuilder().comment("connected").build());
        if (lastEventId != null && !lastEventId.isBlank() && !lastEventId.equals(now.id())) {
            send(client, now);
        }
    }

    /** Something of {@code province} changed (null: anything may have changed). */
    public void changed(String province) {
        leagues.forEach((league, followers) -> {
            // The national league (province null) follows every province.
            if (province == null || league.province() == null || league.province().equals(province)) {
                schedule(league, followers);
            }
        });
    }

    /** A criteria set got a new version. */
    public void criteriaChanged(String id) {
        leagues.forEach((league, followers) -> {
            if (league.criteria().equals(id)) {
                schedule(league, followers);
            }
        });
    }

    private void schedule(League league, Followers followers) {
        if (followers.pending.compareAndSet(false, true)) {
            timer.schedule(() -> recompute(league, followers), debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void recompute(League league, Followers followers) {
        followers.pending.set(false);
        dropClosed(league, followers);
        if (followers.clients.isEmpty()) {
            return;
        }
        snapshot(league).subscribe().with(
                snap -> followers.clients.forEach(c -> {
                    if (c.lastId != null && !c.lastId.equals(snap.id())) {
                        send(c, snap);
                    }
                }),
                failure -> LOG.warnf("could not recompute %s: %s", league, failure.toString()));
    }

    private void send(Client c, Snapshot snap) {
        c.lastId = snap.id();
        OutboundSseEvent event = c.sse.newEventBuilder().name("ranking").id(snap.id()).data(snap.json()).build();
        c.sink.send(event).exceptionally(e -> {
            closeQuietly(c);
            return null;
        });
    }

    /** Rolling windows and YTD move at local midnight even when no event arrives. */
    @Scheduled(cron = "5 0 0 * * ?", timeZone = "Asia/Ho_Chi_Minh")
    void midnight() {
        changed(null);
    }

    @Scheduled(every = "${egov.reporting.stream-heartbeat:15s}", delayed = "5s")
    void heartbeat() {
        leagues.forEach((league, followers) -> {
            dropClosed(league, followers);
            followers.clients.forEach(c -> c.sink.send(c.sse.newEventBuilder().comment("heartbeat").build())
                    .exceptionally(e -> {
                        closeQuietly(c);
                        return null;
                    }));
        });
    }

    private void dropClosed(League league, Followers followers) {
        followers.clients.removeIf(c -> {
            if (c.sink.isClosed()) {
                c.release.run(); // normally done already by the close watch
                return true;
            }
            return false;
        });
        if (followers.clients.isEmpty() && !followers.pending.get()) {
            leagues.remove(league, followers);
        }
    }

    private static void closeQuietly(Client c) {
        try {
            c.sink.close();
        } catch (Exception ignored) {
            // already gone
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        timer.shutdownNow();
        leagues.values().forEach(f -> f.clients.forEach(RankingStream::closeQuietly));
    }
}
