package vn.egovpulse.events;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/** All day/month/year logic of the product happens in Vietnam's local time, never UTC. */
public final class Calendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * The zone's last offset change (1975 in the tz database) and the offset since: after it a
     * local date is plain arithmetic, without a search of the zone's rules for every event.
     * Taken from the rules, so a future change in the tz database is followed.
     */
    private static final long FIXED_SINCE;
    private static final int FIXED_OFFSET;

    static {
        ZoneRules rules = ZONE.getRules();
        ZoneOffsetTransition last = rules.previousTransition(Instant.parse("9999-01-01T00:00:00Z"));
        boolean fixed = rules.getTransitionRules().isEmpty() && last != null;
        FIXED_SINCE = fixed ? last.getInstant().getEpochSecond() : Long.MAX_VALUE;
        FIXED_OFFSET = fixed ? last.getOffsetAfter().getTotalSeconds() : 0;
    }

    private Calendar() {
    }

    public static LocalDate localDate(OffsetDateTime t) {
        return localDay(t.toEpochSecond());
    }

    public static LocalDate localDate(Instant t) {
        return localDay(t.getEpochSecond());
    }

    private static LocalDate localDay(long epochSecond) {
        if (epochSecond >= FIXED_SINCE) {
            return LocalDate.ofEpochDay(Math.floorDiv(epochSecond + FIXED_OFFSET, 86_400));
        }
        return Instant.ofEpochSecond(epochSecond).atZone(ZONE).toLocalDate();
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** Today's local date in Vietnam. */
    public static LocalDate today() {
        return today(Clock.systemUTC());
    }
}
