package vn.egovpulse.reporting.rankings;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides when a cached reading is stale. Every change (a notice naming a unit's local days, a
 * registry change, a reconnect) gets a sequence number and is remembered per province with the
 * days it touched; a reading of days [from, to] has, as its version, the number of the latest
 * change that touched one of those days. A cache keyed by that version recomputes exactly when
 * a change could alter it: a 2026 event leaves the cached 2020 readings in place (issue 12).
 *
 * <p>Each province keeps its last {@value #LOG_SIZE} changes; older ones only raise a floor that
 * every version includes, which can cause a recomputation, never a stale answer.
 */
@ApplicationScoped
public class Freshness {
    /** The key under which every change of every province is also logged (national readings). */
    public static final String ALL = "*";
    static final int LOG_SIZE = 512;

    /** A change of some days (sorted), or of every day when {@code days} is null. */
    private record Change(long seq, LocalDate[] days) {
        boolean touches(LocalDate from, LocalDate to) {
            if (days == null) {
                return true;
            }
            int i = Arrays.binarySearch(days, from);
            int at = i >= 0 ? i : -i - 1; // the first day on or after from
            return at < days.length && !days[at].isAfter(to);
        }
    }

    private static final class Log {
        final ArrayDeque<Change> changes = new ArrayDeque<>();
        long floor;

        synchronized void add(Change c) {
            changes.addLast(c);
            if (changes.size() > LOG_SIZE) {
                floor = changes.removeFirst().seq();
            }
        }

        synchronized long version(LocalDate from, LocalDate to) {
            for (Iterator<Change> it = changes.descendingIterator(); it.hasNext(); ) {
                Change c = it.next();
                if (c.touches(from, to)) {
                    return c.seq();
                }
            }
            return floor;
        }
    }

    private final AtomicLong seq = new AtomicLong();
    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    /** Changes of every province at once (reconnect, a unit no province can be found for). */
    private volatile long everything;

    /** Days of {@code province} changed (every day when {@code days} is null; every province when province is null). */
    public void changed(String province, Collection<LocalDate> days) {
        long n = seq.incrementAndGet();
        if (province == null) {
            everything = n;
            return;
        }
        LocalDate[] sorted = days == null ? null : days.stream().distinct().sorted().toArray(LocalDate[]::new);
        Change c = new Change(n, sorted);
        log(province).add(c);
        log(ALL).add(c);
    }

    /**
     * The version of {@code province}'s readings of days [from, to] ({@link #ALL} for readings
     * over every province): it changes whenever a change touched one of those days.
     */
    public long version(String province, LocalDate from, LocalDate to) {
        return Math.max(everything, log(province).version(from, to));
    }

    private Log log(String province) {
        return logs.computeIfAbsent(province, p -> new Log());
    }
}
