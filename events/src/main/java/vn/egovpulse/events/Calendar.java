package vn.egovpulse.events;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** All day/month/year logic of the product happens in Vietnam's local time, never UTC. */
public final class Calendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private Calendar() {
    }

    public static LocalDate localDate(OffsetDateTime t) {
        return t.atZoneSameInstant(ZONE).toLocalDate();
    }

    public static LocalDate localDate(Instant t) {
        return t.atZone(ZONE).toLocalDate();
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }
}
