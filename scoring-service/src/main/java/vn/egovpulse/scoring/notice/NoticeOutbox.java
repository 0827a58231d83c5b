package vn.egovpulse.scoring.notice;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Relays scoring.notice_outbox to egov.indicators (the outbox pattern): the facts' transaction
 * writes the notices, this publishes them and deletes them once Kafka acknowledged them, in one
 * transaction that locks the rows it relays ({@code SKIP LOCKED}: two scoring instances never
 * publish the same row at once). So a notice is published at least once after its facts commit,
 * whatever crashes in between; a repeat is harmless (reporting only recomputes).
 * Woken after every commit, and every second for what a crashed or failed relay left.
 */
@ApplicationScoped
public class NoticeOutbox {
    private static final Logger LOG = Logger.getLogger(NoticeOutbox.class);
    private static final int ROWS_PER_RELAY = 2000;
    private static final int IN_FLIGHT = 128;
    private static final long SWEEP_MS = 1000;

    static final String CLAIM = """
            SELECT id, unit, days::text[], criteria, version, created_at FROM scoring.notice_outbox
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""";
    static final String DELETE = "DELETE FROM scoring.notice_outbox WHERE id = ANY($1)";

    private final Pool pool;
    private final ChangeNotices notices;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public NoticeOutbox(Pool pool, ChangeNotices notices, Vertx vertx) {
        this.pool = pool;
        this.notices = notices;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        vertx.setPeriodic(SWEEP_MS, id -> wake());
    }

    /** Relays what the outbox holds; cheap to call often: one relay runs at a time, a call meanwhile makes it run again. */
    public void wake() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            relay().subscribe().with(relayed -> {
                running.set(false);
                if (relayed == ROWS_PER_RELAY || again.get()) {
                    wake();
                }
            }, failure -> {
                running.set(false);
                LOG.warnf("change notices not relayed yet (%s); trying again within %d ms", failure.getMessage(), SWEEP_MS);
            });
        }
    }

    /** One relay of at most ROWS_PER_RELAY notices; completes with how many were relayed. */
    Uni<Integer> relay() {
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM).execute(Tuple.of(ROWS_PER_RELAY))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(0) : publishAndDelete(conn, rows)));
    }

    private Uni<Integer> publishAndDelete(SqlConnection conn, RowSet<Row> rows) {
        List<Long> ids = new ArrayList<>(rows.size());
        List<Row> list = new ArrayList<>(rows.size());
        for (Row r : rows) {
            ids.add(r.getLong("id"));
            list.add(r);
        }
        return Multi.createFrom().iterable(list)
                .onItem().transformToUni(this::publish).merge(IN_FLIGHT)
                .collect().last()
                .chain(() -> conn.preparedQuery(DELETE).execute(Tuple.of(ids.toArray(new Long[0]))))
                .replaceWith(list.size());
    }

    private Uni<Void> publish(Row r) {
        java.time.Instant at = r.getOffsetDateTime("created_at").toInstant();
        if (r.getString("unit") != null) {
            List<LocalDate> days = Arrays.stream(r.getArrayOfStrings("days")).map(LocalDate::parse).toList();
            return notices.unitChanged(r.getString("unit"), days, at);
        }
        return notices.criteriaChanged(r.getString("criteria"), r.getInteger("version"), at);
    }
}
