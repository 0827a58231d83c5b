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
}
