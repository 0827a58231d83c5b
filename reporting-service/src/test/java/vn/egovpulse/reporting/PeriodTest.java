package vn.egovpulse.reporting;

import org.junit.jupiter.api.Test;
import vn.egovpulse.reporting.rankings.Period;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The period grammar of SPEC section 5 and the previous period of each kind. */
class PeriodTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    private static Period p(String s) {
        return Period.parse(s, TODAY);
    }

    @Test
    void calendarPeriods() {
        assertThat(p("2020")).extracting(Period::from, Period::to, Period::label)
                .containsExactly(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31), "2020");
        assertThat(p("2020-Q3")).extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2020, 7, 1), LocalDate.of(2020, 9, 30));
        assertThat(p("2020-02")).extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2020, 2, 1), LocalDate.of(2020, 2, 29));
        assertThat(p("2020-09-14")).extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2020, 9, 14), LocalDate.of(2020, 9, 14));
        assertThat(p("2020-01-01..2020-06-30")).extracting(Period::from, Period::to, Period::label)
                .containsExactly(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 6, 30), "2020-01-01..2020-06-30");
    }

    @Test
    void rollingWindowsEndToday() {
        assertThat(p("YTD")).extracting(Period::from, Period::to).containsExactly(LocalDate.of(2026, 1, 1), TODAY);
        assertThat(p("P7D")).extracting(Period::from, Period::to).containsExactly(LocalDate.of(2026, 3, 4), TODAY);
        assertThat(p("P30D").days()).isEqualTo(30);
        assertThat(p("P90D").days()).isEqualTo(90);
        assertThat(p("P365D").days()).isEqualTo(365);
    }

    @Test
    void previousPeriodHasTheSameLength() {
        assertThat(p("2020").previous().label()).isEqualTo("2019");
        assertThat(p("2020-Q1").previous().label()).isEqualTo("2019-Q4");
        assertThat(p("2020-Q3").previous().label()).isEqualTo("2020-Q2");
        assertThat(p("2020-03").previous().label()).isEqualTo("2020-02");
        assertThat(p("2020-01").previous().label()).isEqualTo("2019-12");
        assertThat(p("2020-03-01").previous().label()).isEqualTo("2020-02-29");
        assertThat(p("2020-01-11..2020-01-20").previous()).extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 10));
        assertThat(p("P7D").previous()).extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2026, 2, 25), LocalDate.of(2026, 3, 3));
        assertThat(p("YTD").previous().days()).isEqualTo(p("YTD").days());
    }

    @Test
    void periodEndIsTodayForAPeriodNotOverYet() {
        assertThat(p("2026").end(TODAY)).isEqualTo(TODAY);
        assertThat(p("2020").end(TODAY)).isEqualTo(LocalDate.of(2020, 12, 31));
    }

    @Test
    void badPeriodsAreRefused() {
        for (String bad : new String[]{"", "20", "2020-13", "2020-Q5", "2020-02-30", "2020-06-30..2020-01-01",
                "P8D", "ytd", "2020-1", "2020/01", "last week"}) {
            assertThatThrownBy(() -> p(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> p(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void isoWeeksRunMondayToSundayInTheirWeekBasedYear() {
        assertThat(p("2021-W01")).extracting(Period::from, Period::to, Period::label, Period::kind)
                .containsExactly(d("2021-01-04"), d("2021-01-10"), "2021-W01", Period.Kind.WEEK);
        assertThat(p("2026-W01")).extracting(Period::from, Period::to)
                .containsExactly(d("2025-12-29"), d("2026-01-04"));
        assertThat(p("2020-W53")).extracting(Period::from, Period::to)
                .containsExactly(d("2020-12-28"), d("2021-01-03"));
        assertThat(p("2026-W48")).extracting(Period::from, Period::to)
                .containsExactly(d("2026-11-23"), d("2026-11-29"));
    }

    @Test
    void week53OnlyForTheYearsThatHaveIt() {
        assertThatThrownBy(() -> p("2021-W53")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("W52");
        assertThatThrownBy(() -> p("2026-W00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p("2026-W54")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p("2026-W5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p("2026-w05")).isInstanceOf(IllegalArgumentException.class);
        assertThat(p("2015-W53").to()).isEqualTo(d("2016-01-03"));
    }

    @Test
    void weekToDateStartsOnMonday() {
        // TODAY is Tuesday 2026-03-10
        assertThat(p("WTD")).extracting(Period::from, Period::to, Period::label)
                .containsExactly(d("2026-03-09"), TODAY, "WTD");
        assertThat(Period.parse("WTD", d("2026-03-09"))).extracting(Period::from, Period::to)
                .containsExactly(d("2026-03-09"), d("2026-03-09"));
        assertThat(Period.parse("WTD", d("2026-03-15")).from()).isEqualTo(d("2026-03-09"));
        assertThat(Period.parse("WTD", d("2026-01-01")).from()).as("across the new year").isEqualTo(d("2025-12-29"));
    }

    @Test
    void thePreviousWeekAndWeekBuckets() {
        assertThat(p("2021-W01").previous().label()).isEqualTo("2020-W53");
        assertThat(p("2026-W01").previous().label()).isEqualTo("2025-W52");
        assertThat(Period.bucket("week", d("2026-01-01")).label()).isEqualTo("2026-W01");
        assertThat(Period.bucket("week", d("2025-12-28")).label()).isEqualTo("2025-W52");
        assertThat(Period.bucket("week", d("2021-01-03")).label()).isEqualTo("2020-W53");
        assertThat(Period.bound("2026-W48").from()).isEqualTo(d("2026-11-23"));
    }
}
