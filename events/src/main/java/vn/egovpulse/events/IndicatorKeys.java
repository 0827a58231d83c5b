package vn.egovpulse.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which indicator keys a criteria set may name: the v1 keys of {@link Counts#KEYS}, the keys of
 * SPEC 7.2 (listed here too, so that criteria sets can name them whichever order the v2 facts
 * arrive in; once they are in {@link Counts#KEYS} the list below is simply redundant), and the
 * dynamic assessment keys {@code assessed.<name>}.
 */
public final class IndicatorKeys {
    /** SPEC 7.2 (Decision 766/QĐ-TTg), apart from the assessed.* keys. */
    public static final List<String> QD766 = List.of(
            "onestop.syncRate", "onestop.fullOnlineUptake", "onestop.onlinePaymentRate",
            "onestop.electronicResultRate", "onestop.digitizedRate", "onestop.reuseRate",
            "onestop.dataStoreRate", "onestop.citizenDataRate", "onestop.satisfactionRate",
            "feedback.received", "feedback.onTimeRate", "feedback.satisfactionRate");

    /** An assessment record's indicator (SPEC 7.1). */
    public static final Pattern ASSESSED = Pattern.compile("^assessed\\.[a-zA-Z][a-zA-Z0-9]{0,63}$");

    private IndicatorKeys() {
    }

    public static boolean isKnown(String key) {
        return key != null && (Counts.KEYS.contains(key) || QD766.contains(key) || ASSESSED.matcher(key).matches());
    }

    /** A rate (its fullMarksAt lies in (0, 1]); assessed.* keys may be rates or counts and are not. */
    public static boolean isRate(String key) {
        return key != null && !key.startsWith("assessed.")
                && (key.endsWith("Rate") || key.equals("onestop.fullOnlineUptake"));
    }
}
