package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.egovpulse.events.EventType;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The facts of SPEC 7.1 (the national service index of Decision 766/QĐ-TTg) for the demo years
 * 2025 and the current year: the case flags, payments and ratings of the cases DemoData generates,
 * a few feedbacks (phản ánh, kiến nghị) a week per district-size unit, and assessment records per
 * ISO week and unit. Every number comes from its own random, seeded by the event id or by
 * (unit, day/week): DemoData's own random streams, and so the published 2020–2022 figures, are
 * untouched, and a day's events stay the same whatever day the demo is loaded.
 *
 * Shares (of cases received): fee 60 %, full-online eligible 70 %, digitised 60 %, reused data
 * 35 %, data store 40 %, VNeID 75 %, synchronised 90 %; fee cases paid online about 40 % (57 %
 * of ONLINE cases, 15 % of the others), 3 % paid twice; results: 85 % issue a document, 70 % of
 * those electronically; 30 % of resolved cases rated, 95 % satisfied.
 */
final class Demo766 {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** The assessed indicators of the built-in qd766 set; the last one does not apply to communes. */
    static final List<String> ASSESSED = List.of("assessed.publishOnTime", "assessed.publicUpdateOnTime",
            "assessed.publicContentComplete", "assessed.feeDataIntegrated", "assessed.onlinePaymentProcedures",
            "assessed.electronicCertifiedCopy", "assessed.citizenDataProcedures");

    private final Units units;
    private final String idPrefix;
    private final int year;
    private final LocalDate from;
    private final LocalDate to; // the last day with events (yesterday at most)
    private final Map<String, Unit> byCode = new HashMap<>();

    private Demo766(Units units, String idPrefix, int year, LocalDate from, LocalDate to) {
        this.units = units;
        this.idPrefix = idPrefix;
        this.year = year;
        this.from = from;
        this.to = to;
        units.all().forEach(u -> byCode.put(u.code(), u));
    }

    static String feedbackSource(Units units) {
        return "urn:egov:" + units.province() + ":feedback";
    }

    static String assessmentSource(Units units) {
        return "urn:egov:" + units.province() + ":assessments";
    }

    /** The generator for {@code block}, or null for the years before 2025 (their published figures stay exact). */
    static Demo766 forBlock(Units units, String idPrefix, String block, LocalDate today) {
        LocalDate yesterday = today.minusDays(1);
        if ("current".equals(block)) {
            return new Demo766(units, idPrefix, today.getYear(), LocalDate.of(today.getYear(), 1, 1), yesterday);
        }
        if ("2025".equals(block)) {
            LocalDate dec31 = LocalDate.of(2025, 12, 31);
            return new Demo766(units, idPrefix, 2025, LocalDate.of(2025, 1, 1), yesterday.isBefore(dec31) ? yesterday : dec31);
        }
        return null;
    }

    private static SplittableRandom random(String key) {
        return new SplittableRandom(key.hashCode() * 0x9E3779B97F4A7C15L + 766);
    }

    /** Adds the flags to DemoData's cases, and follows each with its payments and rating. */
    Consumer<ObjectNode> decorate(Consumer<ObjectNode> out) {
        return e -> {
            String type = e.get("type").asText();
            if (type.equals(EventType.CASE_RECEIVED.type)) {
                received(e, out);
            } else if (type.equals(EventType.CASE_RESOLVED.type)) {
                resolved(e, out);
            } else {
                out.accept(e);
            }
        };
    }

    private void received(ObjectNode e, Consumer<ObjectNode> out) {
        String id = e.get("id").asText();
        SplittableRandom r = random(id);
        ObjectNode d = (ObjectNode) e.get("data");
        boolean commune = tier(e) == Tier.COMMUNE;
        boolean online = "ONLINE".equals(d.path("channel").asText());
        boolean fee = r.nextDouble() < 0.60;
        d.put("feeRequired", fee);
        d.put("fullOnlineEligible", r.nextDouble() < 0.70);
        d.put("digitized", r.nextDouble() < (commune ? 0.52 : 0.64));
        d.put("reusedData", r.nextDouble() < 0.35);
        d.put("dataStore", r.nextDouble() < 0.40);
        d.put("citizenData", r.nextDouble() < 0.75);
        d.put("syncedNational", r.nextDouble() < 0.90);
        out.accept(e);
        if (fee) {
            OffsetDateTime t = sameDay(time(e), 5 + r.nextInt(55));
            String caseId = d.get("caseId").asText();
            boolean paidOnline = r.nextDouble() < (online ? 0.57 : 0.15);
            if (r.nextDouble() < 0.03) { // paid twice (a correction at the counter): counts once
                out.accept(paid(id + "-tt0", e, t.minusMinutes(3), caseId, false));
            }
            out.accept(paid(id + "-tt", e, t, caseId, paidOnline));
        }
    }

    private void resolved(ObjectNode e, Consumer<ObjectNode> out) {
        String id = e.get("id").asText();
        SplittableRandom r = random(id);
        ObjectNode d = (ObjectNode) e.get("data");
        boolean result = r.nextDouble() < 0.85;
        d.put("resultDocument", result);
        d.put("electronicResult", result && r.nextDouble() < (tier(e) == Tier.COMMUNE ? 0.60 : 0.75));
        out.accept(e);
        if (r.nextDouble() < 0.30) {
            ObjectNode data = JSON.objectNode().put("caseId", d.get("caseId").asText())
                    .put("satisfied", r.nextDouble() < 0.95);
            out.accept(event(id + "-dg", e.get("source").asText(), EventType.CASE_RATED,
                    sameDay(time(e), 60 + r.nextInt(120)), e.get("subject").asText(), data));
        }
    }

    private ObjectNode paid(String id, ObjectNode received, OffsetDateTime t, String caseId, boolean online) {
        return event(id, received.get("source").asText(), EventType.CASE_PAID, t, received.get("subject").asText(),
                JSON.objectNode().put("caseId", caseId).put("online", online));
    }

    private Tier tier(ObjectNode e) {
        Unit u = byCode.get(e.get("subject").asText());
        return u == null ? Tier.COMMUNE : u.tier();
    }

    private static OffsetDateTime time(ObjectNode e) {
        return OffsetDateTime.parse(e.get("time").asText());
    }

    /** {@code minutes} later, but on the same local day (the demo never writes tomorrow's events). */
    private static OffsetDateTime sameDay(OffsetDateTime t, int minutes) {
        OffsetDateTime later = t.plusMinutes(minutes);
        OffsetDateTime last = OffsetDateTime.of(t.toLocalDate(), LocalTime.of(23, 30), DemoData.VN);
        return later.isAfter(last) ? (t.isAfter(last) ? t : last) : later;
    }

    /** Feedback and assessment records of the block, after DemoData's events. */
    void finish(Consumer<ObjectNode> out) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            feedbackOf(d, out);
        }
        LocalDate monday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (; !monday.plusDays(7).isAfter(to); monday = monday.plusWeeks(1)) {
            if (monday.get(IsoFields.WEEK_BASED_YEAR) == year) {
                assessments(monday, out);
            }
        }
    }

    /** A few feedbacks a week per district-size unit, fewer for a commune. */
    private void feedbackOf(LocalDate d, Consumer<ObjectNode> out) {
        if (!DemoData.isWorkday(d)) {
            return;
        }
        String source = feedbackSource(units);
        for (Unit u : units.all()) {
            if (u.tier() == Tier.PROVINCE || !u.validAt(d)) {
                continue;
            }
            String local = units.local(u.code());
            SplittableRandom r = random("fb/" + local + "/" + d);
            double perDay = u.tier() == Tier.COMMUNE ? 0.06 : 0.5;
            if (r.nextDouble() >= perDay) {
                continue;
            }
            String feedbackId = "PAKN-" + local + "-" + d.format(DAY);
            String id = idPrefix + "-pa-" + d.format(DAY) + "-" + local;
            OffsetDateTime t = DemoData.at(d, DemoData.time(r, 7 * 60 + 30, 16 * 60 + 30));
            LocalDate due = d.plusDays(14); // ten working days, about two weeks
            out.accept(event(id, source, EventType.FEEDBACK_RECEIVED, t, u.code(), JSON.objectNode()
                    .put("feedbackId", feedbackId).put("dueAt", TIME.format(DemoData.at(due, LocalTime.of(17, 0))))));
            double o = r.nextDouble();
            if (o < 0.07) {
                continue; // still being handled
            }
            LocalDate answered = o < 0.15 ? due.plusDays(1 + r.nextInt(7)) : d.plusDays(1 + r.nextInt(14));
            if (answered.isAfter(to)) {
                continue;
            }
            if (u.validTo() != null && answered.isAfter(u.validTo())) {
                answered = u.validTo(); // a unit merged away answers its open feedback on its last day
            }
            ObjectNode data = JSON.objectNode().put("feedbackId", feedbackId);
            if (r.nextDouble() < 0.70) {
                data.put("satisfied", r.nextDouble() < 0.90);
            }
            out.accept(event(id + "-r", source, EventType.FEEDBACK_RESOLVED,
                    DemoData.at(answered, DemoData.time(r, 8 * 60, 17 * 60)), u.code(), data));
        }
    }

    /** One record per assessed indicator, unit and ISO week, recorded on the Monday after. */
    private void assessments(LocalDate monday, Consumer<ObjectNode> out) {
        String week = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        LocalDate sunday = monday.plusDays(6);
        String source = assessmentSource(units);
        for (Unit u : units.all()) {
            if (u.tier() == Tier.PROVINCE || !u.validAt(sunday)) {
                continue;
            }
            String local = units.local(u.code());
            SplittableRandom r = random("as/" + local + "/" + week);
            boolean commune = u.tier() == Tier.COMMUNE;
            double quality = 0.75 + 0.25 * random("as/" + local).nextDouble(); // each unit its own level
            for (int i = 0; i < ASSESSED.size(); i++) {
                String indicator = ASSESSED.get(i);
                if (commune && indicator.equals("assessed.citizenDataProcedures")) {
                    continue;
                }
                int denominator = commune ? 1 + r.nextInt(6) : 4 + r.nextInt(30);
                int numerator = 0;
                for (int k = 0; k < denominator; k++) {
                    numerator += r.nextDouble() < quality ? 1 : 0;
                }
                OffsetDateTime t = DemoData.at(monday.plusDays(7), LocalTime.of(8, 0).plusMinutes(r.nextInt(240)));
                out.accept(event(idPrefix + "-dgcl-" + week + "-" + local + "-" + i, source, EventType.ASSESSMENT_RECORDED,
                        t, u.code(), JSON.objectNode().put("indicator", indicator).put("period", week)
                                .put("numerator", numerator).put("denominator", denominator)));
            }
        }
    }

    private static ObjectNode event(String id, String source, EventType type, OffsetDateTime time, String subject,
                                    ObjectNode data) {
        ObjectNode e = JSON.objectNode();
        e.put("specversion", "1.0");
        e.put("id", id);
        e.put("source", source);
        e.put("type", type.type);
        e.put("time", TIME.format(time));
        e.put("subject", subject);
        e.put("datacontenttype", "application/json");
        e.set("data", data);
        return e;
    }
}
