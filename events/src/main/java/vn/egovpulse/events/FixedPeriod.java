package vn.egovpulse.events;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixed period of SPEC section 5 (year {@code 2026}, quarter {@code 2026-Q3}, month
 * {@code 2026-09}, ISO week {@code 2026-W48}, day {@code 2026-09-14}) with its first and last
 * local dates. What an {@code assessment.recorded} is for: never a range or a rolling period.
 */
public record FixedPeriod(String label, LocalDate from, LocalDate to) {
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The period {@code label} names, or null when it is not a fixed period of SPEC 5. */
    public static FixedPeriod parse(String label) {
        if (label == null) {
            return null;
        }
        try {
            Matcher m;
            if ((m = YEAR.matcher(label)).matches()) {
                int y = Integer.parseInt(m.group(1));
                return new FixedPeriod(label, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
            }
            if ((m = QUARTER.matcher(label)).matches()) {
                LocalDate from = LocalDate.of(Integer.parseInt(m.group(1)), 3 * Integer.parseInt(m.group(2)) - 2, 1);
                return new FixedPeriod(label, from, from.plusMonths(3).minusDays(1));
            }
            if ((m = MONTH.matcher(label)).matches()) {
                YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return new FixedPeriod(label, ym.atDay(1), ym.atEndOfMonth());
            }
            if ((m = WEEK.matcher(label)).matches()) {
                int year = Integer.parseInt(m.group(1)), week = Integer.parseInt(m.group(2));
                // 4 January is always in week 1 of its ISO year.
                LocalDate jan4 = LocalDate.of(year, 1, 4);
                if (week < 1 || week > jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                    return null;
                }
                LocalDate monday = jan4.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(week - 1);
                return new FixedPeriod(label, monday, monday.plusDays(6));
            }
            if (DAY.matcher(label).matches()) {
                LocalDate d = LocalDate.parse(label);
                return new FixedPeriod(label, d, d);
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }
}
