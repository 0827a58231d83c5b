package vn.egovpulse.scoring;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.scoring.store.FactsStore;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database that is unreachable (connection refused, as when PostgreSQL is stopped) for every
 * batch holding a unit marked FLAKY while {@link #OUTAGE} is on, and a store whose code throws
 * a NullPointerException for any batch holding an event whose id contains NPE.
 */
@Alternative
@Singleton // not a client proxy: FactsStore has no no-args constructor
public class FlakyFactsStore extends FactsStore {
    static final AtomicBoolean OUTAGE = new AtomicBoolean();
    static final AtomicInteger FAILURES = new AtomicInteger();

    public FlakyFactsStore(Pool pool, vn.egovpulse.scoring.store.CaseMoves moves) {
        super(pool, moves);
    }

    @Override
    public Uni<Outcome> apply(List<EgovEvent> events) {
        if (OUTAGE.get() && events.stream().anyMatch(e -> e.subject().contains("FLAKY"))) {
            FAILURES.incrementAndGet();
            return Uni.createFrom().failure(new ConnectException("Connection refused (simulated)"));
        }
        if (events.stream().anyMatch(e -> e.id().contains("NPE"))) {
            return Uni.createFrom().failure(new NullPointerException("simulated fault of the storing code"));
        }
        return super.apply(events);
    }
}
