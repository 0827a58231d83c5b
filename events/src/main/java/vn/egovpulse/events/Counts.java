package vn.egovpulse.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw sums behind every indicator of SPEC section 3, for one unit (or a sum of units) and
 * one period. Aggregates add these up; rates are only formed at the end, never averaged.
 */
public record Counts(
        long casesReceived, long casesResolved,
        long onTimeDenominator, long onTime, long late,
        long online, long fullOnline, long postal,
        long docsIssued, long docsReceived, long docsNotConfidential,
        long signed, long orgSigned, long leaderSigned, long electronic, long viaAxis,
        long meetings, long endpoints, long participants, long communeReach) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Indicator keys, in the order they are listed. */
    public static final List<String> KEYS = List.of(
            "onestop.received", "onestop.resolved", "onestop.onTimeRate", "onestop.lateCount",
            "onestop.onlineRate", "onestop.fullOnlineRate", "onestop.postalRate",
            "docs.issued", "docs.received", "docs.signedRate", "docs.orgSignedRate", "docs.leaderSignedRate",
            "docs.electronicRate", "docs.axisRate",
            "vc.meetings", "vc.endpoints", "vc.participants", "vc.communeReachRate");

    public Counts plus(Counts o) {
        return new Counts(
                casesReceived + o.casesReceived, casesResolved + o.casesResolved,
                onTimeDenominator + o.onTimeDenominator, onTime + o.onTime, late + o.late,
                online + o.online, fullOnline + o.fullOnline, postal + o.postal,
                docsIssued + o.docsIssued, docsReceived + o.docsReceived, docsNotConfidential + o.docsNotConfidential,
                signed + o.signed, orgSigned + o.orgSigned, leaderSigned + o.leaderSigned,
                electronic + o.electronic, viaAxis + o.viaAxis,
                meetings + o.meetings, endpoints + o.endpoints, participants + o.participants,
                communeReach + o.communeReach);
    }

    public static Counts sum(Iterable<Counts> all) {
        Counts total = ZERO;
        for (Counts c : all) {
            total = total.plus(c);
        }
        return total;
    }

    /** Every indicator of SPEC section 3, keyed as in {@link #KEYS}. */
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
        return m;
    }
}
