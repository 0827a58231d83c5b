package vn.egovpulse.scoring;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.scoring.store.FactsStore;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A database that fails the first two transactions of any batch holding a unit marked FLAKY. */
@Alternative
@Singleton // not a client proxy: FactsStore has no no-args constructor
public class FlakyFactsStore extends FactsStore {
    static final AtomicInteger FAILURES = new AtomicInteger();

    public FlakyFactsStore(Pool pool) {
        super(pool);
    }

    @Override
    public Uni<Outcome> apply(List<EgovEvent> events) {
        if (events.stream().anyMatch(e -> e.subject().contains("FLAKY")) && FAILURES.get() < 2) {
            FAILURES.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("database unavailable (simulated)"));
        }
        return super.apply(events);
    }
}
