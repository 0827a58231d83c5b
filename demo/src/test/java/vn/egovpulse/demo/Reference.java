package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.events.Counts;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.events.EventValidator;
import vn.egovpulse.events.FieldError;
import vn.egovpulse.events.Payload;
import vn.egovpulse.events.Tier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An independent, literal, in-memory reading of SPEC section 3: validates every event, drops
 * repeated (source, id) pairs, keeps the latest case.received / case.resolved per case, and
 * counts per unit and period using local dates in Asia/Ho_Chi_Minh.
 */
final class Reference implements Consumer<ObjectNode> {

    /** A period [from, to] of local dates; {@code end} is the date the period ends (today when it has not ended). */
    record Period(String name, LocalDate from, LocalDate to, LocalDate end) {
        static Period year(int y) {
            return new Period(String.valueOf(y), LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), LocalDate.of(y, 12, 31));
        }

        boolean contains(long epochDay) {
            return epochDay >= from.toEpochDay() && epochDay <= to.toEpochDay();
        }
    }

    /** What is known of one case; days are local epoch days, times epoch seconds. */
    private static final class Case {
        boolean received;
        long receivedAt;
        int receivedDay;
        int receivedDue;
        Payload.Channel channel;
        Integer level;
        boolean resolved;
        long resolvedAt;
        int resolvedDay;
        Integer resolvedDue;
    }

    private final EventValidator validator;
    private final List<Period> periods;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Case> cases = new HashMap<>();
    /** Per period, per unit: document and meeting sums (indexes as in {@link #counts}). */
    private final List<Map<String, long[]>> sums = new ArrayList<>();
    final List<FieldError> errors = new ArrayList<>();
    long events;
    long duplicates;
    Instant latest = Instant.MIN;

    Reference(Set<String> knownUnits, Instant now, List<Period> periods) {
        this.validator = new EventValidator(knownUnits::contains, Clock.fixed(now, Calendar.ZONE));
        this.periods = periods;
        periods.forEach(p -> sums.add(new HashMap<>()));
    }

    // indexes into the per-unit sums
    private static final int RECEIVED = 0, RESOLVED = 1, DENOMINATOR = 2, ON_TIME = 3, LATE = 4, ONLINE = 5,
            FULL_ONLINE = 6, POSTAL = 7, ISSUED = 8, DOCS_RECEIVED = 9, NOT_CONFIDENTIAL = 10, SIGNED = 11,
            ORG = 12, LEADER = 13, ELECTRONIC = 14, AXIS = 15, MEETINGS = 16, ENDPOINTS = 17, PARTICIPANTS = 18,
            REACH = 19;

    @Override
    public void accept(ObjectNode json) {
        events++;
        EventValidator.Result r = validator.validate(0, json);
        if (!r.valid()) {
            if (errors.size() < 20) {
                errors.addAll(r.errors());
            }
            return;
        }
        EgovEvent e = r.event();
        if (!seen.add(e.source() + "\n" + e.id())) {
            duplicates++;
            return;
        }
        if (e.time().toInstant().isAfter(latest)) {
            latest = e.time().toInstant();
        }
        long day = Calendar.localDate(e.time()).toEpochDay();
        Payload payload = e.payload();
        if (payload instanceof Payload.CaseReceived c) {
            Case k = cases.computeIfAbsent(e.subject() + "\n" + c.caseId(), x -> new Case());
            long at = e.time().toEpochSecond();
            if (!k.received || at >= k.receivedAt) { // a correction: the later time wins
                k.received = true;
                k.receivedAt = at;
                k.receivedDay = (int) day;
                k.receivedDue = (int) Calendar.localDate(c.dueAt()).toEpochDay();
                k.channel = c.channel();
                k.level = c.onlineLevel();
            }
        } else if (payload instanceof Payload.CaseResolved c) {
            Case k = cases.computeIfAbsent(e.subject() + "\n" + c.caseId(), x -> new Case());
            long at = e.time().toEpochSecond();
            if (!k.resolved || at >= k.resolvedAt) {
                k.resolved = true;
                k.resolvedAt = at;
                k.resolvedDay = (int) day;
                k.resolvedDue = c.dueAt() == null ? null : (int) Calendar.localDate(c.dueAt()).toEpochDay();
            }
        } else if (payload instanceof Payload.DocumentIssued d) {
            add(e.subject(), day, s -> {
                s[ISSUED]++;
                if (!d.confidential()) {
                    s[NOT_CONFIDENTIAL]++;
                    s[SIGNED] += d.signedByOrganization() || d.signedByLeader() ? 1 : 0;
                    s[ORG] += d.signedByOrganization() ? 1 : 0;
                    s[LEADER] += d.signedByLeader() ? 1 : 0;
                    s[ELECTRONIC] += d.electronic() ? 1 : 0;
                    s[AXIS] += d.viaNationalAxis() ? 1 : 0;
                }
            });
        } else if (payload instanceof Payload.DocumentReceived) {
            add(e.subject(), day, s -> s[DOCS_RECEIVED]++);
        } else if (payload instanceof Payload.MeetingHeld m) {
            add(e.subject(), day, s -> {
                s[MEETINGS]++;
                s[ENDPOINTS] += m.endpoints();
                s[PARTICIPANTS] += m.participants();
                s[REACH] += m.lowestTier() == Tier.COMMUNE ? 1 : 0;
            });
        }
    }

    private void add(String unit, long day, Consumer<long[]> f) {
        for (int i = 0; i < periods.size(); i++) {
            if (periods.get(i).contains(day)) {
                f.accept(sums.get(i).computeIfAbsent(unit, u -> new long[20]));
            }
        }
    }

    /** Folds the cases into the per-period sums and returns Counts per period name and unit. */
    Map<String, Map<String, Counts>> counts() {
        for (Map.Entry<String, Case> en : cases.entrySet()) {
            String unit = en.getKey().substring(0, en.getKey().indexOf('\n'));
            Case k = en.getValue();
            for (int i = 0; i < periods.size(); i++) {
                Period p = periods.get(i);
                boolean receivedIn = k.received && p.contains(k.receivedDay);
                boolean resolvedIn = k.resolved && p.contains(k.resolvedDay);
                if (!receivedIn && !resolvedIn) {
                    continue;
                }
                long[] s = sums.get(i).computeIfAbsent(unit, u -> new long[20]);
                if (receivedIn) {
                    s[RECEIVED]++;
                    s[ONLINE] += k.channel == Payload.Channel.ONLINE ? 1 : 0;
                    s[FULL_ONLINE] += k.channel == Payload.Channel.ONLINE && k.level == 4 ? 1 : 0;
                    s[POSTAL] += k.channel == Payload.Channel.POSTAL ? 1 : 0;
                }
                if (resolvedIn) {
                    s[RESOLVED]++;
                }
                Integer due = k.resolved && k.resolvedDue != null ? k.resolvedDue : k.received ? (Integer) k.receivedDue : null;
                if (due == null) {
                    continue; // due date not known yet: out of the on-time rate
                }
                s[DENOMINATOR]++;
                long end = p.end().toEpochDay();
                boolean onTime = k.resolved && k.resolvedDay <= end ? k.resolvedDay <= due : due >= end;
                s[onTime ? ON_TIME : LATE]++;
            }
        }
        cases.clear();
        Map<String, Map<String, Counts>> out = new HashMap<>();
        for (int i = 0; i < periods.size(); i++) {
            Map<String, Counts> m = new HashMap<>();
            sums.get(i).forEach((unit, s) -> m.put(unit, new Counts(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7],
                    s[8], s[9], s[10], s[11], s[12], s[13], s[14], s[15], s[16], s[17], s[18], s[19])));
            out.put(periods.get(i).name(), m);
        }
        return out;
    }
}
