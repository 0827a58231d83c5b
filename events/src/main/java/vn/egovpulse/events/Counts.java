package vn.egovpulse.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The raw sums behind every indicator of SPEC sections 3 and 7.2, for one unit (or a sum of
 * units) and one period. Aggregates add these up; rates are only formed at the end, never averaged.
 */
public record Counts(
        long casesReceived, long casesResolved,
        long onTimeDenominator, long onTime, long late,
        long online, long fullOnline, long postal,
        long docsIssued, long docsReceived, long docsNotConfidential,
        long signed, long orgSigned, long leaderSigned, long electronic, long viaAxis,
        long meetings, long endpoints, long participants, long communeReach,
        // SPEC 7.2 (v2): cases received in the period with each flag
        long synced, long fullOnlineEligible, long fullOnlineUptake, long feeRequired, long paidOnline,
        long digitized, long reused, long dataStore, long citizenData,
        // cases resolved in the period issuing a result document / electronically
        long resultDocument, long electronicResult,
        // of onTimeDenominator: neither late nor rated unsatisfied
        long satisfied,
        // phản ánh, kiến nghị
        long feedbackReceived, long feedbackResolved, long feedbackOnTimeDenominator, long feedbackOnTime,
        long feedbackSatisfied,
        // assessed.<name> → sums of its records (sorted by key)
        SortedMap<String, Assessed> assessed) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The v1 keys (SPEC 3) in their order, then the keys of SPEC 7.2 in the SPEC's order. */
    public static final List<String> KEYS = List.of(
            "onestop.received", "onestop.resolved", "onestop.onTimeRate", "onestop.lateCount",
            "onestop.onlineRate", "onestop.fullOnlineRate", "onestop.postalRate",
            "docs.issued", "docs.received", "docs.signedRate", "docs.orgSignedRate", "docs.leaderSignedRate",
            "docs.electronicRate", "docs.axisRate",
            "vc.meetings", "vc.endpoints", "vc.participants", "vc.communeReachRate",
            "onestop.syncRate", "onestop.fullOnlineUptake", "onestop.onlinePaymentRate",
            "onestop.electronicResultRate", "onestop.digitizedRate", "onestop.reuseRate", "onestop.dataStoreRate",
            "onestop.citizenDataRate", "onestop.satisfactionRate",
            "feedback.received", "feedback.onTimeRate", "feedback.satisfactionRate");

    /** The dynamic keys of assessment records, SPEC 7.1. */
    public static final Pattern ASSESSED_KEY = Pattern.compile("^assessed\\.[a-zA-Z][a-zA-Z0-9]{0,63}$");

    /** Whether {@code key} names an indicator: one of {@link #KEYS} or an {@code assessed.<name>}. */
    public static boolean isKey(String key) {
        return key != null && (KEYS.contains(key) || ASSESSED_KEY.matcher(key).matches());
    }

    /**
     * The sums of one assessed indicator's records. Records with a denominator make it a rate
     * (numerator / denominator over those records); a count only when no summed record has a
     * denominator. In a mixed sum the count records are left out of the rate (a count and a rate
     * cannot be added); see README, "Decisions where the contract is silent".
     */
    public record Assessed(long countNumerator, long rateNumerator, long rateDenominator, long rateRecords) {
        public static Assessed of(long numerator, Long denominator) {
            return denominator == null ? new Assessed(numerator, 0, 0, 0) : new Assessed(0, numerator, denominator, 1);
        }

        public Assessed plus(Assessed o) {
            return new Assessed(countNumerator + o.countNumerator, rateNumerator + o.rateNumerator,
                    rateDenominator + o.rateDenominator, rateRecords + o.rateRecords);
        }

        public Indicator indicator() {
            return rateRecords > 0 ? Indicator.rate(rateNumerator, rateDenominator) : Indicator.count(countNumerator);
        }
    }

    public Counts {
        assessed = assessed == null || assessed.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(assessed));
    }

    /** The v1 counts (SPEC 3): every SPEC 7.2 count zero. */
    public Counts(long casesReceived, long casesResolved, long onTimeDenominator, long onTime, long late,
                  long online, long fullOnline, long postal,
                  long docsIssued, long docsReceived, long docsNotConfidential,
                  long signed, long orgSigned, long leaderSigned, long electronic, long viaAxis,
                  long meetings, long endpoints, long participants, long communeReach) {
        this(casesReceived, casesResolved, onTimeDenominator, onTime, late, online, fullOnline, postal,
                docsIssued, docsReceived, docsNotConfidential, signed, orgSigned, leaderSigned, electronic, viaAxis,
                meetings, endpoints, participants, communeReach,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    public Counts plus(Counts o) {
        SortedMap<String, Assessed> a = assessed;
        if (!o.assessed.isEmpty()) {
            TreeMap<String, Assessed> m = new TreeMap<>(assessed);
            o.assessed.forEach((k, v) -> m.merge(k, v, Assessed::plus));
            a = m;
        }
        return new Counts(
                casesReceived + o.casesReceived, casesResolved + o.casesResolved,
                onTimeDenominator + o.onTimeDenominator, onTime + o.onTime, late + o.late,
                online + o.online, fullOnline + o.fullOnline, postal + o.postal,
                docsIssued + o.docsIssued, docsReceived + o.docsReceived, docsNotConfidential + o.docsNotConfidential,
                signed + o.signed, orgSigned + o.orgSigned, leaderSigned + o.leaderSigned,
                electronic + o.electronic, viaAxis + o.viaAxis,
                meetings + o.meetings, endpoints + o.endpoints, participants + o.participants,
                communeReach + o.communeReach,
                synced + o.synced, fullOnlineEligible + o.fullOnlineEligible, fullOnlineUptake + o.fullOnlineUptake,
                feeRequired + o.feeRequired, paidOnline + o.paidOnline, digitized + o.digitized, reused + o.reused,
                dataStore + o.dataStore, citizenData + o.citizenData,
                resultDocument + o.resultDocument, electronicResult + o.electronicResult, satisfied + o.satisfied,
                feedbackReceived + o.feedbackReceived, feedbackResolved + o.feedbackResolved,
                feedbackOnTimeDenominator + o.feedbackOnTimeDenominator, feedbackOnTime + o.feedbackOnTime,
                feedbackSatisfied + o.feedbackSatisfied, a);
    }

    public static Counts sum(Iterable<Counts> all) {
        Counts total = ZERO;
        for (Counts c : all) {
            total = total.plus(c);
        }
        return total;
    }

    /**
     * Every indicator of SPEC sections 3 and 7.2, keyed as in {@link #KEYS}, then the
     * {@code assessed.*} keys that have records, sorted.
     */
    public Map<String, Indicator> indicators() {
        Map<String, Indicator> m = new LinkedHashMap<>();
        m.put("onestop.received", Indicator.count(casesReceived));
        m.put("onestop.resolved", Indicator.count(casesResolved));
        m.put("onestop.onTimeRate", Indicator.rate(onTime, onTimeDenominator));
        m.put("onestop.lateCount", Indicator.count(late));
        m.put("onestop.onlineRate", Indicator.rate(online, casesReceived));
        m.put("onestop.fullOnlineRate", Indicator.rate(fullOnline, casesReceived));
        m.put("onestop.postalRate", Indicator.rate(postal, casesReceived));
        m.put("docs.issued", Indicator.count(docsIssued));
        m.put("docs.received", Indicator.count(docsReceived));
        m.put("docs.signedRate", Indicator.rate(signed, docsNotConfidential));
        m.put("docs.orgSignedRate", Indicator.rate(orgSigned, docsNotConfidential));
        m.put("docs.leaderSignedRate", Indicator.rate(leaderSigned, docsNotConfidential));
        m.put("docs.electronicRate", Indicator.rate(electronic, docsNotConfidential));
        m.put("docs.axisRate", Indicator.rate(viaAxis, docsNotConfidential));
        m.put("vc.meetings", Indicator.count(meetings));
        m.put("vc.endpoints", Indicator.count(endpoints));
        m.put("vc.participants", Indicator.count(participants));
        m.put("vc.communeReachRate", Indicator.rate(communeReach, meetings));
        m.put("onestop.syncRate", Indicator.rate(synced, casesReceived));
        m.put("onestop.fullOnlineUptake", Indicator.rate(fullOnlineUptake, fullOnlineEligible));
        m.put("onestop.onlinePaymentRate", Indicator.rate(paidOnline, feeRequired));
        m.put("onestop.electronicResultRate", Indicator.rate(electronicResult, resultDocument));
        m.put("onestop.digitizedRate", Indicator.rate(digitized, casesReceived));
        m.put("onestop.reuseRate", Indicator.rate(reused, casesReceived));
        m.put("onestop.dataStoreRate", Indicator.rate(dataStore, casesReceived));
        m.put("onestop.citizenDataRate", Indicator.rate(citizenData, casesReceived));
        m.put("onestop.satisfactionRate", Indicator.rate(satisfied, onTimeDenominator));
        m.put("feedback.received", Indicator.count(feedbackReceived));
        m.put("feedback.onTimeRate", Indicator.rate(feedbackOnTime, feedbackOnTimeDenominator));
        m.put("feedback.satisfactionRate", Indicator.rate(feedbackSatisfied, feedbackResolved));
        assessed.forEach((k, a) -> m.put(k, a.indicator()));
        return m;
    }
}
