package vn.egovpulse.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Validates one CloudEvent (structured JSON) against SPEC section 2. Every problem found is
 * reported, each naming its field, so that a source system can fix its batch in one round.
 */
public final class EventValidator {
    static final int MAX_ID = 256;
    static final int MAX_TEXT = 200;
    static final Duration MAX_AHEAD = Duration.ofDays(1);
    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 9999;

    private final Predicate<String> knownUnit;
    private final Clock clock;

    /** {@code knownUnit} says whether a unit code is registered. */
    public EventValidator(Predicate<String> knownUnit, Clock clock) {
        this.knownUnit = knownUnit;
        this.clock = clock;
    }

    /** The outcome: either {@code event} or a non-empty {@code errors}. */
    public record Result(EgovEvent event, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Whether {@code e} refuses an unknown unit: a view of the registry that is behind could be why. */
    public static boolean isUnknownUnit(FieldError e) {
        return "subject".equals(e.field()) && e.message().startsWith(UNKNOWN_UNIT);
    }

    private static final String UNKNOWN_UNIT = "unknown unit '";

    public Result validate(int index, JsonNode node) {
        Errors e = new Errors(index);
        if (node == null || !node.isObject()) {
            e.add("", "an event must be a JSON object");
            return new Result(null, e.list);
        }
        ObjectNode json = (ObjectNode) node;
        String specversion = e.text(json, "specversion", 10);
        if (specversion != null && !"1.0".equals(specversion)) {
            e.add("specversion", "must be \"1.0\"");
        }
        String id = e.text(json, "id", MAX_ID);
        String source = e.text(json, "source", MAX_ID);
        String typeName = e.text(json, "type", MAX_ID);
        EventType type = null;
        if (typeName != null) {
            type = EventType.of(typeName);
            if (type == null) {
                e.add("type", "unknown event type '" + typeName + "'");
            }
        }
        OffsetDateTime time = e.timestamp(json, "time", true);
        if (time != null && time.toInstant().isAfter(clock.instant().plus(MAX_AHEAD))) {
            e.add("time", "is more than 1 day in the future");
        }
        String subject = e.text(json, "subject", 64);
        if (subject != null && !knownUnit.test(subject)) {
            e.add("subject", UNKNOWN_UNIT + subject + "'");
        }
        JsonNode contentType = json.get("datacontenttype");
        if (contentType != null && !contentType.isNull()
                && !(contentType.isTextual() && contentType.asText().startsWith("application/json"))) {
            e.add("datacontenttype", "must be application/json");
        } else if (contentType != null && contentType.isTextual() && badCharacter(contentType.asText()) != null) {
            e.add("datacontenttype", badCharacter(contentType.asText()));
        }
        JsonNode data = json.get("data");
        Payload payload = null;
        if (data == null || data.isNull()) {
            e.add("data", "is required");
        } else if (!data.isObject()) {
            e.add("data", "must be a JSON object");
        } else if (type != null) {
            payload = payload(type, data, e);
        }
        if (!e.list.isEmpty()) {
            return new Result(null, e.list);
        }
        return new Result(new EgovEvent(source, id, type, time, subject, payload, json), List.of());
    }

    private static Payload payload(EventType type, JsonNode d, Errors e) {
        e.prefix = "data.";
        try {
            return switch (type) {
                case CASE_RECEIVED -> caseReceived(d, e);
                case CASE_RESOLVED -> new Payload.CaseResolved(e.text(d, "caseId", MAX_ID), e.timestamp(d, "dueAt", false),
                        e.bool(d, "resultDocument", false), e.bool(d, "electronicResult", false));
                case CASE_PAID -> new Payload.CasePaid(e.text(d, "caseId", MAX_ID), e.bool(d, "online", null));
                case CASE_RATED -> new Payload.CaseRated(e.text(d, "caseId", MAX_ID), e.bool(d, "satisfied", null));
                case FEEDBACK_RECEIVED -> new Payload.FeedbackReceived(e.text(d, "feedbackId", MAX_ID),
                        e.timestamp(d, "dueAt", true));
                case FEEDBACK_RESOLVED -> new Payload.FeedbackResolved(e.text(d, "feedbackId", MAX_ID),
                        e.optionalBool(d, "satisfied"));
                case ASSESSMENT_RECORDED -> assessment(d, e);
                case DOCUMENT_ISSUED -> new Payload.DocumentIssued(e.text(d, "documentId", MAX_ID),
                        e.bool(d, "electronic", null), e.bool(d, "signedByOrganization", null),
                        e.bool(d, "signedByLeader", null), e.bool(d, "confidential", false),
                        e.bool(d, "viaNationalAxis", false));
                case DOCUMENT_RECEIVED -> new Payload.DocumentReceived(e.text(d, "documentId", MAX_ID),
                        e.bool(d, "electronic", null), e.bool(d, "processedOnline", null));
                case MEETING_HELD -> meeting(d, e);
            };
        } finally {
            e.prefix = "";
        }
    }

    private static Payload caseReceived(JsonNode d, Errors e) {
        String caseId = e.text(d, "caseId", MAX_ID);
        Payload.Channel channel = e.enumValue(d, "channel", Payload.Channel.class);
        JsonNode level = d.get("onlineLevel");
        Integer onlineLevel = null;
        boolean levelPresent = level != null && !level.isNull();
        if (channel == Payload.Channel.ONLINE) {
            if (!levelPresent) {
                e.add("onlineLevel", "is required when channel is ONLINE");
            } else if (!level.isIntegralNumber() || (level.asInt() != 3 && level.asInt() != 4)) {
                e.add("onlineLevel", "must be 3 or 4");
            } else {
                onlineLevel = level.asInt();
            }
        } else if (channel != null && levelPresent) {
            e.add("onlineLevel", "must be absent when channel is " + channel);
        }
        OffsetDateTime dueAt = e.timestamp(d, "dueAt", true);
        String procedureCode = e.optionalText(d, "procedureCode", MAX_TEXT);
        return new Payload.CaseReceived(caseId, channel, onlineLevel, dueAt, procedureCode,
                e.bool(d, "feeRequired", false), e.bool(d, "fullOnlineEligible", false), e.bool(d, "digitized", false),
                e.bool(d, "reusedData", false), e.bool(d, "dataStore", false), e.bool(d, "citizenData", false),
                e.bool(d, "syncedNational", false));
    }

    static final int MAX_NOTE = 2000;

    private static Payload assessment(JsonNode d, Errors e) {
        String indicator = e.text(d, "indicator", 80);
        if (indicator != null && !Counts.ASSESSED_KEY.matcher(indicator).matches()) {
            e.add("indicator", "must match " + Counts.ASSESSED_KEY.pattern() + ", e.g. assessed.publishOnTime");
            indicator = null;
        }
        String label = e.text(d, "period", 64);
        FixedPeriod period = null;
        if (label != null) {
            period = FixedPeriod.parse(label);
            if (period == null || period.from().getYear() < MIN_YEAR || period.to().getYear() > MAX_YEAR) {
                e.add("period", "must be a fixed year, quarter, month, ISO week or day, e.g. 2026, 2026-Q3, "
                        + "2026-09, 2026-W48 or 2026-09-14 (no ranges or rolling periods)");
                period = null;
            }
        }
        Long numerator = e.wholeNumber(d, "numerator", true);
        Long denominator = e.wholeNumber(d, "denominator", false);
        if (numerator != null && denominator != null && denominator < numerator) {
            e.add("denominator", "must be at least the numerator (" + numerator + "), or null for a count");
        }
        String note = e.optionalText(d, "note", MAX_NOTE);
        return new Payload.AssessmentRecorded(indicator, period, numerator == null ? 0 : numerator, denominator, note);
    }

    private static Payload meeting(JsonNode d, Errors e) {
        String meetingId = e.text(d, "meetingId", MAX_ID);
        int duration = e.integer(d, "durationMinutes", 1);
        int endpoints = e.integer(d, "endpoints", 1);
        int participants = e.integer(d, "participants", 0);
        Tier lowest = e.enumValue(d, "lowestTier", Tier.class);
        if (lowest == Tier.DEPARTMENT) {
            e.add("lowestTier", "must be one of PROVINCE, DISTRICT, COMMUNE");
            lowest = null;
        }
        return new Payload.MeetingHeld(meetingId, duration, endpoints, participants, lowest);
    }

    /**
     * ISO-8601 with an offset, as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} reads it. The
     * usual shape, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm)}, is read by hand (the
     * formatter was a tenth of ingest's time); anything else goes to the formatter.
     */
    static OffsetDateTime parseTimestamp(String s) {
        int n = s.length();
        if (n >= 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
                && s.charAt(16) == ':') {
            int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
            int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
            int i = 19, nanos = 0;
            if (s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    nanos = nanos * 10 + (s.charAt(i++) - '0');
                }
                int fractionDigits = i - start;
                nanos = fractionDigits == 0 ? -1 : nanos * (int) Math.pow(10, 9 - fractionDigits);
            }
            ZoneOffset offset = null;
            if (i == n - 1 && s.charAt(i) == 'Z') {
                offset = ZoneOffset.UTC;
            } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
                int oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
                if (oh >= 0 && om >= 0) {
                    int sign = s.charAt(i) == '-' ? -1 : 1;
                    offset = ZoneOffset.ofHoursMinutes(sign * oh, sign * om);
                }
            }
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && nanos >= 0
                    && offset != null) {
                return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
            }
        }
        return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * Why {@code s} cannot be stored as PostgreSQL text, or null. NUL cannot be stored at all, and
     * an unpaired UTF-16 surrogate (JSON allows the escape {@code "\\ud800"}) has no UTF-8 form:
     * the driver writes it as '?', so two different ids would become one and stall the scoring
     * consumer. One pass over the chars of a string the validator already has: cheap on the hot path.
     */
    static String badCharacter(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a proper pair: one supplementary character such as an emoji
                } else {
                    return "contains an unpaired UTF-16 surrogate";
                }
            }
        }
        return null;
    }

    /** The number written with exactly {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Collects errors for one event; the typed readers return null (or a neutral value) on error. */
    private static final class Errors {
        final int index;
        final List<FieldError> list = new ArrayList<>();
        String prefix = "";

        Errors(int index) {
            this.index = index;
        }

        void add(String field, String message) {
            list.add(new FieldError(index, prefix + field, message));
        }

        String text(JsonNode o, String field, int maxLength) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                add(field, "is required");
                return null;
            }
            return checkText(v, field, maxLength);
        }

        String optionalText(JsonNode o, String field, int maxLength) {
            JsonNode v = o.get(field);
            return v == null || v.isNull() ? null : checkText(v, field, maxLength);
        }

        private String checkText(JsonNode v, String field, int maxLength) {
            if (!v.isTextual()) {
                add(field, "must be a string");
                return null;
            }
            String s = v.asText();
            if (s.isBlank()) {
                add(field, "must not be empty");
                return null;
            }
            if (s.length() > maxLength) {
                add(field, "must be at most " + maxLength + " characters");
                return null;
            }
            String bad = badCharacter(s);
            if (bad != null) {
                add(field, bad);
                return null;
            }
            return s;
        }

        OffsetDateTime timestamp(JsonNode o, String field, boolean required) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    add(field, "is required");
                }
                return null;
            }
            if (!v.isTextual()) {
                add(field, "must be an ISO-8601 timestamp string with an offset");
                return null;
            }
            OffsetDateTime t;
            try {
                t = parseTimestamp(v.asText());
            } catch (DateTimeException ex) {
                add(field, "must be an ISO-8601 timestamp with an offset, e.g. 2020-03-14T09:12:00+07:00");
                return null;
            }
            // ISO-8601 allows years such as +999999999, which PostgreSQL cannot store: such an
            // event would stall the scoring consumer.
            if (t.getYear() < MIN_YEAR || t.getYear() > MAX_YEAR) {
                add(field, "must be a date between the years " + MIN_YEAR + " and " + MAX_YEAR);
                return null;
            }
            return t;
        }

        boolean bool(JsonNode o, String field, Boolean defaultValue) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                if (defaultValue == null) {
                    add(field, "is required");
                    return false;
                }
                return defaultValue;
            }
            if (!v.isBoolean()) {
                add(field, "must be true or false");
                return false;
            }
            return v.asBoolean();
        }

        /** A Boolean that may be absent (null); present, it must be true or false. */
        Boolean optionalBool(JsonNode o, String field) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isBoolean()) {
                add(field, "must be true or false");
                return null;
            }
            return v.asBoolean();
        }

        /** An integer ≥ 0 that fits PostgreSQL's bigint; null when absent (an error if required) or wrong. */
        Long wholeNumber(JsonNode o, String field, boolean required) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    add(field, "is required");
                }
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                add(field, "must be an integer");
                return null;
            }
            if (v.asLong() < 0) {
                add(field, "must be at least 0");
                return null;
            }
            return v.asLong();
        }

        int integer(JsonNode o, String field, int min) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                add(field, "is required");
                return 0;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                add(field, "must be an integer");
                return 0;
            }
            if (v.asInt() < min) {
                add(field, "must be at least " + min);
                return 0;
            }
            return v.asInt();
        }

        <E extends Enum<E>> E enumValue(JsonNode o, String field, Class<E> type) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                add(field, "is required");
                return null;
            }
            for (E c : type.getEnumConstants()) {
                if (v.isTextual() && c.name().equals(v.asText())) {
                    return c;
                }
            }
            add(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .replace("[", "").replace("]", ""));
            return null;
        }
    }
}
