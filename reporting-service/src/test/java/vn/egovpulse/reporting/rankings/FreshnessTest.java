package vn.egovpulse.reporting.rankings;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which cached readings a change makes stale: only those of the days it touched. */
class FreshnessTest {
    private static final LocalDate Y2020_FROM = LocalDate.parse("2020-01-01");
    private static final LocalDate Y2020_TO = LocalDate.parse("2020-12-31");
    private static final LocalDate Y2026_FROM = LocalDate.parse("2026-01-01");
    private static final LocalDate Y2026_TO = LocalDate.parse("2026-12-31");

    @Test
    void aChangeOf2026LeavesThe2020VersionAlone() {
        Freshness f = new Freshness();
        long v2020 = f.version("PTO", Y2020_FROM, Y2020_TO);
        long v2026 = f.version("PTO", Y2026_FROM, Y2026_TO);

        f.changed("PTO", List.of(LocalDate.parse("2026-03-14")));

        assertThat(f.version("PTO", Y2020_FROM, Y2020_TO)).isEqualTo(v2020);
        assertThat(f.version("PTO", Y2026_FROM, Y2026_TO)).isGreaterThan(v2026);
        assertThat(f.version(Freshness.ALL, Y2026_FROM, Y2026_TO)).as("national readings").isGreaterThan(v2026);
        assertThat(f.version("GLA", Y2026_FROM, Y2026_TO)).as("another province").isEqualTo(v2026);
    }

    @Test
    void aCorrectionTouchingBothYearsMakesBothStale() {
        Freshness f = new Freshness();
        long v2020 = f.version("PTO", Y2020_FROM, Y2020_TO);
        // A case received in 2020 and resolved in 2026: the notice names both days.
        f.changed("PTO", List.of(LocalDate.parse("2026-01-05"), LocalDate.parse("2020-12-31")));
        assertThat(f.version("PTO", Y2020_FROM, Y2020_TO)).isGreaterThan(v2020);
        long v2021 = f.version("PTO", LocalDate.parse("2021-01-01"), LocalDate.parse("2021-12-31"));
        assertThat(v2021).as("a year between them is untouched").isZero();
    }

    @Test
    void registryChangesAndUnknownProvincesMakeEverythingStale() {
        Freshness f = new Freshness();
        long before = f.version("PTO", Y2020_FROM, Y2020_TO);
        f.changed("PTO", null);
        long afterRegistry = f.version("PTO", Y2020_FROM, Y2020_TO);
        assertThat(afterRegistry).isGreaterThan(before);
        f.changed(null, List.of(LocalDate.parse("2026-01-01")));
        assertThat(f.version("GLA", Y2020_FROM, Y2020_TO)).isGreaterThan(afterRegistry);
    }

    @Test
    void aForgottenChangeStillCountsThroughTheFloor() {
        Freshness f = new Freshness();
        f.changed("PTO", List.of(LocalDate.parse("2020-06-01")));
        long v2020 = f.version("PTO", Y2020_FROM, Y2020_TO);
        for (int i = 0; i < Freshness.LOG_SIZE + 1; i++) {
            f.changed("PTO", List.of(LocalDate.parse("2026-06-01")));
        }
        // The 2020 change fell out of the log: the version may move (a recomputation), never go back.
        assertThat(f.version("PTO", Y2020_FROM, Y2020_TO)).isGreaterThanOrEqualTo(v2020);
    }
}
