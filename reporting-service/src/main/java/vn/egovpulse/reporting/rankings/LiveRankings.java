package vn.egovpulse.reporting.rankings;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.units.UnitRegistry;
import vn.egovpulse.reporting.config.ReportingConfig;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the live windows (YTD and P30D, what the dashboard and the stream open with) of every
 * league computed, so that their readers never wait for a computation. The first round runs as
 * soon as the unit registry is read: it also loads the classes and warms the JIT of the whole
 * ranking path, which a fresh service's first reader would otherwise pay for (benchmark B4).
 * After that a province's leagues are computed again {@code live-refresh} after a change notice
 * for it, if they were never computed (a new province) or someone read one of its rankings in
 * the last hour: a replay of years of history sends notices all the time, and nobody may be
 * looking. Readers never depend on this: a league not computed yet is computed on demand, as
 * any other period.
 */
@ApplicationScoped
public class LiveRankings {
    private static final Logger LOG = Logger.getLogger(LiveRankings.class);
    private static final List<String> WINDOWS = List.of("YTD", "P30D");
    private static final Duration READERS_WITHIN = Duration.ofHours(1);

    private final RankingService rankings;
    private final UnitRegistry registry;
    private final Duration refresh;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Set<String> computed = ConcurrentHashMap.newKeySet();
    // One thread: background rounds never compete with each other for the two cores.
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-rankings");
        t.setDaemon(true);
        return t;
    });

    public LiveRankings(RankingService rankings, UnitRegistry registry, ReportingConfig config) {
        this.rankings = rankings;
        this.registry = registry;
        this.refresh = config.liveRefresh();
    }

    void start(@Observes StartupEvent ev) {
        worker.execute(this::firstRound);
    }

    /** Rolling windows and YTD move at local midnight even when no event arrives. */
    @Scheduled(cron = "5 0 0 * * ?", timeZone = "Asia/Ho_Chi_Minh")
    void midnight() {
        changed(null);
    }

    void stop(@Observes ShutdownEvent ev) {
        worker.shutdownNow();
    }

    private void firstRound() {
        if (!registry.caughtUp()) {
            worker.schedule(this::firstRound, 100, TimeUnit.MILLISECONDS);
            return;
        }
        long started = System.nanoTime();
        List<Unit> provinces = registry.list(null, Tier.PROVINCE);
        provinces.forEach(p -> compute(p.code()));
        LOG.infof("live windows of %d provinces computed in %d ms", provinces.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Something of {@code province} changed (null: any province, e.g. a new criteria version). */
    public void changed(String province) {
        if (!registry.caughtUp()) {
            return; // the first round is still to come and covers it
        }
        if (province == null) {
            registry.list(null, Tier.PROVINCE).forEach(p -> changed(p.code()));
        } else if ((!computed.contains(province) || rankings.readWithin(province, READERS_WITHIN))
                && pending.add(province)) {
            worker.schedule(() -> {
                pending.remove(province);
                compute(province);
            }, refresh.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void compute(String province) {
        computed.add(province);
        LocalDate today = RankingService.today();
        for (Tier tier : Tier.values()) {
            for (String window : WINDOWS) {
                try {
                    rankings.rankingJson(province, tier, Period.parse(window, today), CriteriaSet.DEFAULT_ID,
                            RankingService.Trigger.LIVE).await().atMost(Duration.ofSeconds(30));
                } catch (RuntimeException e) {
                    LOG.warnf("live %s ranking of %s %s not computed: %s", window, province, tier, e.toString());
                }
            }
        }
    }
}
