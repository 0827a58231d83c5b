package vn.egovpulse.scoring.consume;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that is about the database being unreachable or busy (retry the same batch
 * until it succeeds) from one that is about the batch itself (store it one event at a time and
 * dead-letter what fails again). Anything not known to be transient is taken as being about the
 * data: a batch retried forever stalls every later event of its partitions, which is worse than
 * storing it event by event.
 */
final class Failures {
    /**
     * SQLSTATE classes that say nothing about the data: connection (08), transaction rollback
     * such as deadlock or serialization (40), insufficient resources (53), object in use (55),
     * operator intervention such as admin shutdown (57), system error (58), config file (F0),
     * internal error (XX).
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "55", "57", "58", "F0", "XX");

    private Failures() {
    }

    static boolean transientFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                String state = pg.getSqlState();
                return state == null || TRANSIENT_SQL_CLASSES.contains(state.substring(0, Math.min(2, state.length())));
            }
            // Connection refused or reset, connection closed, pool or query timeouts.
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof VertxException
                    || t.getClass().getName().startsWith("io.vertx.core.impl.NoStackTrace")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static boolean aboutTheData(Throwable failure) {
        return !transientFailure(failure);
    }
}
