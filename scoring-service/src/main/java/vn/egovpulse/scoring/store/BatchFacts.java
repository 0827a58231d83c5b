package vn.egovpulse.scoring.store;

import vn.egovpulse.events.Calendar;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.events.Payload;
import vn.egovpulse.events.Tier;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one batch of new events adds to the facts, merged in memory first: a multi-row
 * {@code ON CONFLICT DO UPDATE} may touch each row only once, so every case and every
 * (unit, day) counter appears here once.
 */
public final class BatchFacts {

    public record CaseKey(String unit, String caseId) {
    }

    public record DayKey(String unit, LocalDate day) {
    }

    /** The latest (by event time) case.received and case.resolved of one case (hồ sơ) in this batch. */
    public static final class CaseFacts {
        OffsetDateTime receivedAt;
        Payload.CaseReceived received;
        OffsetDateTime resolvedAt;
        Payload.CaseResolved resolved;
    }

    /** Văn bản đi / đến of one unit and local day; rate counters skip confidential documents. */
    public static final class DocCounts {
        long issued, issuedOpen, signed, orgSigned, leaderSigned, electronic, viaAxis;
        long received, receivedElectronic, receivedOnline;
    }

    /** Họp trực tuyến hosted by one unit on one local day. */
    public static final class VcCounts {
        long meetings, endpoints, participants, durationMinutes, communeReach;
    }

    /** Phản ánh, kiến nghị: the latest received and resolved side in this batch, as for cases. */
    public static final class FeedbackFacts {
        OffsetDateTime receivedAt;
        Payload.FeedbackReceived received;
        OffsetDateTime resolvedAt;
        Payload.FeedbackResolved resolved;
    }

    public record FeedbackKey(String unit, String feedbackId) {
    }

    /** The latest rating of a case in this batch. */
    public record Rating(OffsetDateTime at, boolean satisfied) {
    }

    public record AssessmentKey(String unit, String indicator, String period) {
    }

    /** The latest record for one (unit, indicator, period) in this batch. */
    public record Assessment(OffsetDateTime at, Payload.AssessmentRecorded record) {
    }

    final Map<CaseKey, CaseFacts> cases = new LinkedHashMap<>();
    /** case.paid: online if any payment of the batch was. */
    final Map<CaseKey, Boolean> payments = new LinkedHashMap<>();
    final Map<CaseKey, Rating> ratings = new LinkedHashMap<>();
    final Map<FeedbackKey, FeedbackFacts> feedback = new LinkedHashMap<>();
    final Map<AssessmentKey, Assessment> assessments = new LinkedHashMap<>();
    final Map<DayKey, DocCounts> docs = new LinkedHashMap<>();
    final Map<DayKey, VcCounts> vc = new LinkedHashMap<>();
    /** Local days whose indicators may have changed, per unit: what the change notices say. */
    final Map<String, SortedSet<LocalDate>> touched = new TreeMap<>();

    public void add(EgovEvent e) {
        LocalDate day = Calendar.localDate(e.time());
        touch(e.subject(), day);
        // Java 17: no pattern matching for switch yet.
        Payload p = e.payload();
        if (p instanceof Payload.CaseReceived r) {
            CaseFacts c = cases.computeIfAbsent(new CaseKey(e.subject(), r.caseId()), k -> new CaseFacts());
            // Strictly later wins, as in the database: on equal times the first one seen stays.
            if (c.receivedAt == null || e.time().isAfter(c.receivedAt)) {
                c.receivedAt = e.time();
                c.received = r;
            }
        } else if (p instanceof Payload.CaseResolved r) {
            CaseFacts c = cases.computeIfAbsent(new CaseKey(e.subject(), r.caseId()), k -> new CaseFacts());
            if (c.resolvedAt == null || e.time().isAfter(c.resolvedAt)) {
                c.resolvedAt = e.time();
                c.resolved = r;
            }
        } else if (p instanceof Payload.CasePaid paid) {
            payments.merge(new CaseKey(e.subject(), paid.caseId()), paid.online(), Boolean::logicalOr);
        } else if (p instanceof Payload.CaseRated r) {
            CaseKey k = new CaseKey(e.subject(), r.caseId());
            Rating old = ratings.get(k);
            if (old == null || e.time().isAfter(old.at())) {
                ratings.put(k, new Rating(e.time(), r.satisfied()));
            }
        } else if (p instanceof Payload.FeedbackReceived r) {
            FeedbackFacts f = feedback.computeIfAbsent(new FeedbackKey(e.subject(), r.feedbackId()), k -> new FeedbackFacts());
            if (f.receivedAt == null || e.time().isAfter(f.receivedAt)) {
                f.receivedAt = e.time();
                f.received = r;
            }
        } else if (p instanceof Payload.FeedbackResolved r) {
            FeedbackFacts f = feedback.computeIfAbsent(new FeedbackKey(e.subject(), r.feedbackId()), k -> new FeedbackFacts());
            if (f.resolvedAt == null || e.time().isAfter(f.resolvedAt)) {
                f.resolvedAt = e.time();
                f.resolved = r;
            }
        } else if (p instanceof Payload.AssessmentRecorded a) {
            // The readings of the record's own period change: its first and last day say so.
            touch(e.subject(), a.period().from());
            touch(e.subject(), a.period().to());
            AssessmentKey k = new AssessmentKey(e.subject(), a.indicator(), a.period().label());
            Assessment old = assessments.get(k);
            if (old == null || e.time().isAfter(old.at())) {
                assessments.put(k, new Assessment(e.time(), a));
            }
        } else if (p instanceof Payload.DocumentIssued d) {
            DocCounts c = docs.computeIfAbsent(new DayKey(e.subject(), day), k -> new DocCounts());
            c.issued++;
            if (!d.confidential()) {
                c.issuedOpen++;
                c.signed += d.signedByOrganization() || d.signedByLeader() ? 1 : 0;
                c.orgSigned += d.signedByOrganization() ? 1 : 0;
                c.leaderSigned += d.signedByLeader() ? 1 : 0;
                c.electronic += d.electronic() ? 1 : 0;
                c.viaAxis += d.viaNationalAxis() ? 1 : 0;
            }
        } else if (p instanceof Payload.DocumentReceived d) {
            DocCounts c = docs.computeIfAbsent(new DayKey(e.subject(), day), k -> new DocCounts());
            c.received++;
            c.receivedElectronic += d.electronic() ? 1 : 0;
            c.receivedOnline += d.processedOnline() ? 1 : 0;
        } else if (p instanceof Payload.MeetingHeld m) {
            VcCounts c = vc.computeIfAbsent(new DayKey(e.subject(), day), k -> new VcCounts());
            c.meetings++;
            c.endpoints += m.endpoints();
            c.participants += m.participants();
            c.durationMinutes += m.durationMinutes();
            c.communeReach += m.lowestTier() == Tier.COMMUNE ? 1 : 0;
        }
    }

    void touch(String unit, LocalDate day) {
        if (day != null) {
            touched.computeIfAbsent(unit, k -> new TreeSet<>()).add(day);
        }
    }

    public boolean isEmpty() {
        return touched.isEmpty();
    }

    /** Unit code → local days touched, in order. */
    public Map<String, SortedSet<LocalDate>> touched() {
        return touched;
    }
}
