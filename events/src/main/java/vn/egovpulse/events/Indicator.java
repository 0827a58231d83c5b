package vn.egovpulse.events;

/**
 * One indicator value with what was counted. For a rate, value = numerator / denominator
 * (null when the denominator is 0); for a count, value = numerator and denominator is null.
 */
public record Indicator(Double value, long numerator, Long denominator) {

    public static Indicator count(long n) {
        return new Indicator((double) n, n, null);
    }

    public static Indicator rate(long numerator, long denominator) {
        return new Indicator(denominator == 0 ? null : (double) numerator / denominator, numerator, denominator);
    }

    /** The value as it is written out: a whole number for a count, the ratio (or null) for a rate. */
    public Number displayValue() {
        if (denominator == null) {
            return numerator; // a count: a whole number
        }
        return value; // a rate: null when nothing was counted
    }

    public boolean isRate() {
        return denominator != null;
    }
}
