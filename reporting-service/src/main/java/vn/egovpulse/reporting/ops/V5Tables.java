package vn.egovpulse.reporting.ops;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether scoring's schema already has the feedback table of migration V5 (SPEC 7): the
 * operators' tools read feedback only once it exists. A yes is kept; a no is asked again after a minute.
 */
@ApplicationScoped
public class V5Tables {
    private final Pool pool;
    private volatile boolean feedback;
    private volatile long checkedAt;

    public V5Tables(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> feedback() {
        if (feedback || System.nanoTime() - checkedAt < 60_000_000_000L && checkedAt != 0) {
            return Uni.createFrom().item(feedback);
        }
        return pool.query("SELECT to_regclass('scoring.feedback') IS NOT NULL").execute()
                .map(rows -> {
                    feedback = rows.iterator().next().getBoolean(0);
                    checkedAt = System.nanoTime();
                    return feedback;
                });
    }
}
