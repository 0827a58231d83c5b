package vn.egovpulse.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Local dates are Asia/Ho_Chi_Minh dates, whatever offset the event was written with. */
class CalendarTest {

    @Test
    void localMidnightIsSevenHoursBeforeUtcMidnight() {
        assertThat(Calendar.localDate(OffsetDateTime.parse("2020-12-31T16:59:59Z"))).isEqualTo(LocalDate.parse("2020-12-31"));
        assertThat(Calendar.localDate(OffsetDateTime.parse("2020-12-31T17:00:00Z"))).isEqualTo(LocalDate.parse("2021-01-01"));
        assertThat(Calendar.localDate(OffsetDateTime.parse("2021-01-01T00:30:00+07:00"))).isEqualTo(LocalDate.parse("2021-01-01"));
        assertThat(Calendar.localDate(OffsetDateTime.parse("2020-12-31T23:30:00-05:00"))).isEqualTo(LocalDate.parse("2021-01-01"));
        assertThat(Calendar.localDate(Instant.parse("2024-02-29T16:59:59Z"))).isEqualTo(LocalDate.parse("2024-02-29"));
    }

    @Test
    void agreesWithTheZoneRulesBeforeAndAfterTheLastOffsetChange() {
        Random random = new Random(42);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long s = from + (long) (random.nextDouble() * (to - from));
            Instant t = Instant.ofEpochSecond(s);
            assertThat(Calendar.localDate(t)).as("%s", t).isEqualTo(t.atZone(Calendar.ZONE).toLocalDate());
        }
        // Around 1975-06-13, when the zone last changed its offset.
        for (long s = Instant.parse("1975-06-11T00:00:00Z").getEpochSecond(); s < Instant.parse("1975-06-15T00:00:00Z").getEpochSecond(); s += 600) {
            Instant t = Instant.ofEpochSecond(s);
            assertThat(Calendar.localDate(t)).as("%s", t).isEqualTo(t.atZone(Calendar.ZONE).toLocalDate());
        }
    }
}
