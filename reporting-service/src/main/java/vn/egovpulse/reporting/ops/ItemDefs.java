package vn.egovpulse.reporting.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which items each indicator counts (SPEC 8, the items behind a number): the table, the SQL
 * condition of the denominator (of the count, for a count) and of the numerator. The conditions
 * are those of reporting's FactsStore (SPEC 3) and of the 766 indicators (SPEC 7.2), written per
 * item: $F, $T = the period's bounds, $E = its end (min(to, today)).
 */
public final class ItemDefs {

    public enum Kind { CASE, DOC, MEETING, FEEDBACK, ASSESSMENT }

    /** {@code sumOf}: for a sum indicator (vc.endpoints), the item field whose sum is the numerator. */
    public record Def(String key, Kind kind, String where, String numerator, String sumOf) {
    }

    /** SPEC section 3: on time at period end E (same rule as reporting's FactsStore.ON_TIME). */
    static final String ON_TIME = "coalesce((c.resolved_day <= $E AND c.resolved_day <= c.due_day)"
            + " OR ((c.resolved_day IS NULL OR c.resolved_day > $E) AND c.due_day >= $E), false)";
    static final String OUTCOME = "(CASE WHEN c.due_day IS NULL THEN 'DUE_UNKNOWN'"
            + " WHEN c.resolved_day IS NOT NULL AND c.resolved_day <= $E THEN"
            + " (CASE WHEN c.resolved_day < c.due_day THEN 'EARLY' WHEN c.resolved_day = c.due_day THEN 'ON_TIME' ELSE 'LATE' END)"
            + " WHEN c.due_day >= $E THEN 'OPEN_ON_TIME' ELSE 'OPEN_LATE' END)";
    public static final java.util.List<String> OUTCOMES =
            java.util.List.of("EARLY", "ON_TIME", "LATE", "OPEN_ON_TIME", "OPEN_LATE", "DUE_UNKNOWN");

    private static final String RECEIVED = "c.received_day BETWEEN $F AND $T";
    private static final String RESOLVED = "c.resolved_day BETWEEN $F AND $T";
    private static final String TOUCHED = "c.due_day IS NOT NULL AND (" + RECEIVED + " OR " + RESOLVED + ")";
    private static final String ISSUED_OPEN = "c.issued AND NOT c.confidential";
    public static final Pattern ASSESSED = Pattern.compile("^assessed\\.[a-zA-Z][a-zA-Z0-9]{0,63}$");

    private static final Map<String, Def> DEFS = new LinkedHashMap<>();

    private static void def(String key, Kind kind, String where, String numerator) {
        DEFS.put(key, new Def(key, kind, where, numerator, null));
    }

    static {
        def("onestop.received", Kind.CASE, RECEIVED, "true");
        def("onestop.resolved", Kind.CASE, RESOLVED, "true");
        def("onestop.onTimeRate", Kind.CASE, TOUCHED, ON_TIME);
        def("onestop.lateCount", Kind.CASE, TOUCHED + " AND NOT " + ON_TIME, "true");
        def("onestop.onlineRate", Kind.CASE, RECEIVED, "c.channel = 'ONLINE'");
        def("onestop.fullOnlineRate", Kind.CASE, RECEIVED, "c.channel = 'ONLINE' AND c.online_level = 4");
        def("onestop.postalRate", Kind.CASE, RECEIVED, "c.channel = 'POSTAL'");
        def("docs.issued", Kind.DOC, "c.issued", "true");
        def("docs.received", Kind.DOC, "NOT c.issued", "true");
        def("docs.signedRate", Kind.DOC, ISSUED_OPEN, "(c.signed_org OR c.signed_leader)");
        def("docs.orgSignedRate", Kind.DOC, ISSUED_OPEN, "c.signed_org");
        def("docs.leaderSignedRate", Kind.DOC, ISSUED_OPEN, "c.signed_leader");
        def("docs.electronicRate", Kind.DOC, ISSUED_OPEN, "c.electronic");
        def("docs.axisRate", Kind.DOC, ISSUED_OPEN, "c.via_axis");
        def("vc.meetings", Kind.MEETING, "true", "true");
        DEFS.put("vc.endpoints", new Def("vc.endpoints", Kind.MEETING, "true", "true", "endpoints"));
        DEFS.put("vc.participants", new Def("vc.participants", Kind.MEETING, "true", "true", "participants"));
        def("vc.communeReachRate", Kind.MEETING, "true", "c.lowest_tier = 'COMMUNE'");
        // SPEC 7.2 (tables and columns of migration V5): only queried once the indicator is in the
        // unit's indicators, i.e. once the V5 facts are merged.
        def("onestop.syncRate", Kind.CASE, RECEIVED, "coalesce(c.synced_national, false)");
        def("onestop.fullOnlineUptake", Kind.CASE, RECEIVED + " AND c.full_online_eligible",
                "c.channel = 'ONLINE' AND c.online_level = 4");
        def("onestop.onlinePaymentRate", Kind.CASE, RECEIVED + " AND c.fee_required",
                "EXISTS (SELECT 1 FROM scoring.case_payment p WHERE p.unit = c.unit AND p.case_id = c.case_id AND p.paid_online)");
        def("onestop.electronicResultRate", Kind.CASE, RESOLVED + " AND c.result_document", "coalesce(c.electronic_result, false)");
        def("onestop.digitizedRate", Kind.CASE, RECEIVED, "coalesce(c.digitized, false)");
        def("onestop.reuseRate", Kind.CASE, RECEIVED, "coalesce(c.reused_data, false)");
        def("onestop.dataStoreRate", Kind.CASE, RECEIVED, "coalesce(c.data_store, false)");
        def("onestop.citizenDataRate", Kind.CASE, RECEIVED, "coalesce(c.citizen_data, false)");
        def("onestop.satisfactionRate", Kind.CASE, TOUCHED, ON_TIME
                + " AND NOT EXISTS (SELECT 1 FROM scoring.case_rating r WHERE r.unit = c.unit AND r.case_id = c.case_id AND NOT r.satisfied)");
        def("feedback.received", Kind.FEEDBACK, RECEIVED, "true");
        def("feedback.onTimeRate", Kind.FEEDBACK, TOUCHED, ON_TIME);
        def("feedback.satisfactionRate", Kind.FEEDBACK, RESOLVED, "c.satisfied IS DISTINCT FROM false");
    }

    private ItemDefs() {
    }

    /** The definition of {@code key}, or null for an indicator that has no items here. */
    public static Def of(String key) {
        if (key == null) {
            return null;
        }
        Def d = DEFS.get(key);
        if (d == null && ASSESSED.matcher(key).matches()) {
            return new Def(key, Kind.ASSESSMENT, "c.indicator = $K AND c.period_from >= $F AND c.period_to <= $T", "true", "numerator");
        }
        return d;
    }

    public static java.util.Set<String> keys() {
        return DEFS.keySet();
    }
}
