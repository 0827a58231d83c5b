package vn.egovpulse.reporting.rankings;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period (kỳ): local dates in Asia/Ho_Chi_Minh, both ends inclusive.
 * Grammar of SPEC section 5: {@code 2020}, {@code 2020-Q3}, {@code 2020-09}, {@code 2020-09-14},
 * {@code 2020-01-01..2020-06-30}, {@code YTD}, {@code P7D}, {@code P30D}, {@code P90D}, {@code P365D};
 * v2: {@code 2026-W48} (ISO-8601 week, Monday to Sunday; the year is the week-based year) and
 * {@code WTD} (Monday of this week to today).
 */
public record Period(LocalDate from, LocalDate to, String label, Kind kind) {

    /** What a period is, which decides what its previous period is. */
    public enum Kind { YEAR, QUARTER, MONTH, WEEK, DAY, WINDOW }

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern ROLLING = Pattern.compile("P(7|30|90|365)D");

    /** The grammar, for error messages and the OpenAPI description. */
    public static final String GRAMMAR = "one of YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD, YTD, WTD, P7D, P30D, P90D, P365D";

    /** Parses {@code text}; rolling windows and YTD end on {@code today}. Throws IllegalArgumentException. */
    public static Period parse(String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required: " + GRAMMAR);
        }
        String s = text.trim();
        try {
            Matcher m;
            if ((m = YEAR.matcher(s)).matches()) {
                return year(Integer.parseInt(m.group(1)));
            }
            if ((m = QUARTER.matcher(s)).matches()) {
                return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = MONTH.matcher(s)).matches()) {
                return month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            }
            if ((m = WEEK.matcher(s)).matches()) {
                return week(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if (DAY.matcher(s).matches()) {
                return day(LocalDate.parse(s));
            }
            if ((m = RANGE.matcher(s)).matches()) {
                LocalDate from = LocalDate.parse(m.group(1));
                LocalDate to = LocalDate.parse(m.group(2));
                if (from.isAfter(to)) {
                    throw new IllegalArgumentException("'" + s + "': the start must not be after the end");
                }
                if (from.plusYears(100).isBefore(to)) {
                    throw new IllegalArgumentException("'" + s + "': a range spans at most 100 years");
                }
                return window(from, to);
            }
            if ("YTD".equals(s)) {
                return new Period(today.withDayOfYear(1), today, "YTD", Kind.WINDOW);
            }
            if ("WTD".equals(s)) {
                return new Period(today.with(DayOfWeek.MONDAY), today, "WTD", Kind.WINDOW);
            }
            if ((m = ROLLING.matcher(s)).matches()) {
                int days = Integer.parseInt(m.group(1));
                return new Period(today.minusDays(days - 1L), today, s, Kind.WINDOW);
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + s + "' is not a valid date: " + GRAMMAR);
        }
        throw new IllegalArgumentException("'" + s + "' is not " + GRAMMAR);
    }

    public static Period year(int year) {
        return new Period(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), String.valueOf(year), Kind.YEAR);
    }

    public static Period quarter(int year, int q) {
        LocalDate from = LocalDate.of(year, 3 * q - 2, 1);
        return new Period(from, from.plusMonths(3).minusDays(1), year + "-Q" + q, Kind.QUARTER);
    }

    public static Period month(YearMonth ym) {
        return new Period(ym.atDay(1), ym.atEndOfMonth(), ym.toString(), Kind.MONTH);
    }

    /**
     * ISO-8601 week {@code w} of week-based year {@code year}: Monday to Sunday; week 1 holds the
     * year's first Thursday. Week 53 only for the years that have it. Throws IllegalArgumentException.
     */
    public static Period week(int year, int w) {
        int weeks = weeksIn(year);
        if (w < 1 || w > weeks) {
            throw new IllegalArgumentException("'" + String.format("%04d-W%02d", year, w) + "': " + year + " has weeks W01 to W" + weeks);
        }
        LocalDate monday = LocalDate.of(year, 1, 4).with(DayOfWeek.MONDAY).plusWeeks(w - 1L);
        return new Period(monday, monday.plusDays(6), String.format("%04d-W%02d", year, w), Kind.WEEK);
    }

    /** The ISO week holding {@code d} (its year is the week-based year, which may differ from d's). */
    public static Period weekOf(LocalDate d) {
        return week(d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** 52 or 53: the week holding 28 December is the year's last. */
    static int weeksIn(int year) {
        return LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    public static Period day(LocalDate d) {
        return new Period(d, d, d.toString(), Kind.DAY);
    }

    public static Period window(LocalDate from, LocalDate to) {
        return new Period(from, to, from + ".." + to, Kind.WINDOW);
    }

    /** Number of days in the period. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * The previous period of the same length: the year, quarter, month or day before; for
     * ranges, rolling windows and YTD the window of the same number of days just before.
     */
    public Period previous() {
        return switch (kind) {
            case YEAR -> year(from.getYear() - 1);
            case QUARTER -> {
                LocalDate p = from.minusMonths(3);
                yield quarter(p.getYear(), p.get(IsoFields.QUARTER_OF_YEAR));
            }
            case MONTH -> month(YearMonth.from(from).minusMonths(1));
            case WEEK -> weekOf(from.minusDays(7));
            case DAY -> day(from.minusDays(1));
            case WINDOW -> window(from.minusDays(days()), from.minusDays(1));
        };
    }

    /** "Period end" of SPEC section 3: the last day, or today for a period not over yet. */
    public LocalDate end(LocalDate today) {
        return to.isAfter(today) ? today : to;
    }

    /** The bucket of {@code granularity} containing {@code d} (history series). */
    public static Period bucket(String granularity, LocalDate d) {
        return switch (granularity) {
            case "day" -> day(d);
            case "week" -> weekOf(d);
            case "month" -> month(YearMonth.from(d));
            case "quarter" -> quarter(d.getYear(), d.get(IsoFields.QUARTER_OF_YEAR));
            case "year" -> year(d.getYear());
            default -> throw new IllegalArgumentException("must be one of day, week, month, quarter, year");
        };
    }

    /**
     * A history bound: a date, ISO week, month, quarter or year (no ranges or rolling windows).
     * Throws IllegalArgumentException.
     */
    public static Period bound(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required: a date, ISO week, month, quarter or year (2020-01-15, 2020-W03, 2020-01, 2020-Q1, 2020)");
        }
        Period p = parse(text, LocalDate.now());
        if (p.kind == Kind.WINDOW) {
            throw new IllegalArgumentException("'" + text + "' must be a date, ISO week, month, quarter or year (2020-01-15, 2020-W03, 2020-01, 2020-Q1, 2020)");
        }
        return p;
    }
}
