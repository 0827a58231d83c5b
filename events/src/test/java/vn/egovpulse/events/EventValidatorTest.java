package vn.egovpulse.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EventValidatorTest {
    private final EventValidator validator = new EventValidator(
            code -> code.equals("PTO.H.THANHBA"), Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));

    private ObjectNode caseReceived(String caseId) {
        ObjectNode e = new ObjectMapper().createObjectNode().put("specversion", "1.0").put("id", "x-1")
                .put("source", "urn:egov:PTO:one-stop").put("type", "vn.gov.egov.onestop.case.received")
                .put("time", "2026-03-14T09:12:00+07:00").put("subject", "PTO.H.THANHBA");
        e.putObject("data").put("caseId", caseId).put("channel", "DIRECT").put("dueAt", "2026-03-20T17:00:00+07:00");
        return e;
    }

    @Test
    void aValidCaseIsAccepted() {
        assertThat(validator.validate(0, caseReceived("H21-0001")).valid()).isTrue();
    }

    @Test
    void aNulCharacterIsRefusedBecausePostgreSqlCannotStoreIt() {
        EventValidator.Result r = validator.validate(3, caseReceived("H21\u00000001"));
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).containsExactly(new FieldError(3, "data.caseId", "must not contain the NUL character (U+0000)"));
    }

    @Test
    void yearsPostgreSqlCannotStoreAreRefused() {
        ObjectNode farDue = caseReceived("H21-0002");
        ((ObjectNode) farDue.get("data")).put("dueAt", "+999999999-12-31T23:59:59+07:00");
        assertThat(validator.validate(0, farDue).errors())
                .containsExactly(new FieldError(0, "data.dueAt", "must be a date between the years 1900 and 9999"));
        ObjectNode ancient = caseReceived("H21-0003").put("time", "-290000-01-01T00:00:00Z");
        assertThat(validator.validate(0, ancient).errors())
                .containsExactly(new FieldError(0, "time", "must be a date between the years 1900 and 9999"));
        ObjectNode edge = caseReceived("H21-0004");
        ((ObjectNode) edge.get("data")).put("dueAt", "9999-12-31T23:59:59+07:00");
        assertThat(validator.validate(0, edge).valid()).isTrue();
    }

    @Test
    void timestampsAreReadExactlyAsTheIsoFormatterReadsThem() {
        String[] samples = {"2020-03-14T09:12:00+07:00", "2020-03-14T09:12:00Z", "2020-03-14T09:12:00.5+07:00",
                "2020-03-14T09:12:00.123456789-05:30", "2020-03-14T09:12+07:00", "2020-03-14T09:12:00.+07:00",
                "2020-03-14T09:12:00.1234567891Z", "2020-02-30T09:12:00+07:00", "2020-03-14T24:00:00+07:00",
                "2020-03-14T09:12:00+19:00", "2020-03-14T09:12:00+07:60", "2020-03-14t09:12:00z",
                "2020-03-14T09:12:00-00:00", "2020-03-14T09:12:00+07:00:30", "2020-3-14T09:12:00+07:00",
                "2020-03-14T09:12:00", "2020-03-14T09:1a:00Z", "+12020-03-14T09:12:00Z", "2020-03-14T09:12:60Z"};
        for (String s : samples) {
            String expected, actual;
            try {
                expected = java.time.OffsetDateTime.parse(s, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME).toString();
            } catch (java.time.DateTimeException e) {
                expected = "refused";
            }
            try {
                actual = EventValidator.parseTimestamp(s).toString();
            } catch (java.time.DateTimeException e) {
                actual = "refused";
            }
            assertThat(actual).as(s).isEqualTo(expected);
        }
    }

    @Test
    void unpairedSurrogatesAreRefusedInEveryTextFieldNamingIt() throws Exception {
        // As a source sends them: JSON escapes, which Jackson turns into lone surrogate chars.
        for (String lone : new String[]{"\\ud800", "\\udbff", "\\udc00", "x\\udfffy", "\\ud800\\ud800"}) {
            for (String field : new String[]{"id", "source", "subject", "specversion", "type"}) {
                String json = """
                        {"specversion":"1.0","id":"x-1","source":"urn:egov:PTO:one-stop",
                         "type":"vn.gov.egov.onestop.case.received","time":"2026-03-14T09:12:00+07:00",
                         "subject":"PTO.H.THANHBA","data":{"caseId":"H21","channel":"DIRECT",
                         "dueAt":"2026-03-20T17:00:00+07:00"}}""".replace("\"" + field + "\":\"", "\"" + field + "\":\"" + lone);
                assertThat(validator.validate(0, new ObjectMapper().readTree(json)).errors()).as(field + " " + lone)
                        .containsExactly(new FieldError(0, field, "contains an unpaired UTF-16 surrogate"));
            }
        }
        ObjectNode caseId = caseReceived("H21\ud800");
        assertThat(validator.validate(0, caseId).errors())
                .containsExactly(new FieldError(0, "data.caseId", "contains an unpaired UTF-16 surrogate"));
        ObjectNode procedure = caseReceived("H21-1");
        ((ObjectNode) procedure.get("data")).put("procedureCode", "P\udbff");
        assertThat(validator.validate(0, procedure).errors())
                .containsExactly(new FieldError(0, "data.procedureCode", "contains an unpaired UTF-16 surrogate"));
        ObjectNode contentType = caseReceived("H21-2").put("datacontenttype", "application/json\udc00");
        assertThat(validator.validate(0, contentType).errors())
                .containsExactly(new FieldError(0, "datacontenttype", "contains an unpaired UTF-16 surrogate"));
        ObjectNode doc = caseReceived("x").put("type", "vn.gov.egov.docs.document.issued");
        doc.putObject("data").put("documentId", "\ud800").put("electronic", true).put("signedByOrganization", true)
                .put("signedByLeader", true);
        assertThat(validator.validate(0, doc).errors())
                .containsExactly(new FieldError(0, "data.documentId", "contains an unpaired UTF-16 surrogate"));
        ObjectNode meeting = caseReceived("x").put("type", "vn.gov.egov.vc.meeting.held");
        meeting.putObject("data").put("meetingId", "M\udbff").put("durationMinutes", 5).put("endpoints", 1)
                .put("participants", 0).put("lowestTier", "COMMUNE");
        assertThat(validator.validate(0, meeting).errors())
                .containsExactly(new FieldError(0, "data.meetingId", "contains an unpaired UTF-16 surrogate"));
    }

    @Test
    void properSurrogatePairsSuchAsEmojiAreStillAccepted() {
        assertThat(validator.validate(0, caseReceived("H21-\ud83d\ude00-\uD840\uDC00")).valid()).isTrue();
    }

    // --- SPEC 7.1 (v2) ---

    private ObjectNode event(String type, String json) throws Exception {
        ObjectNode e = caseReceived("x").put("type", type);
        e.set("data", new ObjectMapper().readTree(json));
        return e;
    }

    private java.util.List<FieldError> errors(String type, String json) throws Exception {
        return validator.validate(0, event(type, json)).errors();
    }

    private Payload payload(String type, String json) throws Exception {
        EventValidator.Result r = validator.validate(0, event(type, json));
        assertThat(r.errors()).isEmpty();
        return r.event().payload();
    }

    private static final String RECEIVED = "vn.gov.egov.onestop.case.received";
    private static final String RESOLVED = "vn.gov.egov.onestop.case.resolved";
    private static final String PAID = "vn.gov.egov.onestop.case.paid";
    private static final String RATED = "vn.gov.egov.onestop.case.rated";
    private static final String FB_RECEIVED = "vn.gov.egov.feedback.received";
    private static final String FB_RESOLVED = "vn.gov.egov.feedback.resolved";
    private static final String ASSESSMENT = "vn.gov.egov.assessment.recorded";

    @Test
    void theNewCaseFlagsDefaultToFalseAndAreReadWhenGiven() throws Exception {
        String base = "\"caseId\":\"C1\",\"channel\":\"DIRECT\",\"dueAt\":\"2026-03-20T17:00:00+07:00\"";
        assertThat(payload(RECEIVED, "{" + base + "}")).isEqualTo(new Payload.CaseReceived("C1", Payload.Channel.DIRECT,
                null, java.time.OffsetDateTime.parse("2026-03-20T17:00:00+07:00"), null));
        Payload.CaseReceived all = (Payload.CaseReceived) payload(RECEIVED, "{" + base + ",\"feeRequired\":true,"
                + "\"fullOnlineEligible\":true,\"digitized\":true,\"reusedData\":true,\"dataStore\":true,"
                + "\"citizenData\":true,\"syncedNational\":true}");
        assertThat(java.util.List.of(all.feeRequired(), all.fullOnlineEligible(), all.digitized(), all.reusedData(),
                all.dataStore(), all.citizenData(), all.syncedNational())).containsOnly(true);
        assertThat(payload(RESOLVED, "{\"caseId\":\"C1\",\"resultDocument\":true,\"electronicResult\":true}"))
                .isEqualTo(new Payload.CaseResolved("C1", null, true, true));
        assertThat(payload(RESOLVED, "{\"caseId\":\"C1\"}")).isEqualTo(new Payload.CaseResolved("C1", null, false, false));
    }

    @Test
    void flagsThatAreNotBooleansAreRefusedNamingEachField() throws Exception {
        String base = "\"caseId\":\"C1\",\"channel\":\"DIRECT\",\"dueAt\":\"2026-03-20T17:00:00+07:00\"";
        assertThat(errors(RECEIVED, "{" + base + ",\"feeRequired\":\"true\",\"digitized\":1,"
                + "\"syncedNational\":{}}")).containsExactly(
                new FieldError(0, "data.feeRequired", "must be true or false"),
                new FieldError(0, "data.digitized", "must be true or false"),
                new FieldError(0, "data.syncedNational", "must be true or false"));
        assertThat(errors(RESOLVED, "{\"caseId\":\"C1\",\"electronicResult\":\"yes\",\"resultDocument\":0}"))
                .containsExactly(new FieldError(0, "data.resultDocument", "must be true or false"),
                        new FieldError(0, "data.electronicResult", "must be true or false"));
    }

    @Test
    void paymentsAndRatingsNeedTheCaseAndABoolean() throws Exception {
        assertThat(payload(PAID, "{\"caseId\":\"C1\",\"online\":true}")).isEqualTo(new Payload.CasePaid("C1", true));
        assertThat(payload(RATED, "{\"caseId\":\"C1\",\"satisfied\":false}")).isEqualTo(new Payload.CaseRated("C1", false));
        assertThat(errors(PAID, "{}")).containsExactly(new FieldError(0, "data.caseId", "is required"),
                new FieldError(0, "data.online", "is required"));
        assertThat(errors(PAID, "{\"caseId\":7,\"online\":\"false\"}")).containsExactly(
                new FieldError(0, "data.caseId", "must be a string"), new FieldError(0, "data.online", "must be true or false"));
        assertThat(errors(RATED, "{\"caseId\":\"C1\"}")).containsExactly(new FieldError(0, "data.satisfied", "is required"));
        assertThat(errors(RATED, "{\"caseId\":\"C1\",\"satisfied\":5}"))
                .containsExactly(new FieldError(0, "data.satisfied", "must be true or false"));
    }

    @Test
    void feedbackNeedsItsIdAndDueDateAndMayCarryAVerdict() throws Exception {
        assertThat(payload(FB_RECEIVED, "{\"feedbackId\":\"PA-1\",\"dueAt\":\"2026-03-20T17:00:00+07:00\"}"))
                .isEqualTo(new Payload.FeedbackReceived("PA-1", java.time.OffsetDateTime.parse("2026-03-20T17:00:00+07:00")));
        assertThat(errors(FB_RECEIVED, "{\"feedbackId\":\"PA-1\"}"))
                .containsExactly(new FieldError(0, "data.dueAt", "is required"));
        assertThat(errors(FB_RECEIVED, "{\"feedbackId\":\"\",\"dueAt\":\"2026-03-20\"}")).containsExactly(
                new FieldError(0, "data.feedbackId", "must not be empty"),
                new FieldError(0, "data.dueAt", "must be an ISO-8601 timestamp with an offset, e.g. 2020-03-14T09:12:00+07:00"));
        assertThat(payload(FB_RESOLVED, "{\"feedbackId\":\"PA-1\"}")).isEqualTo(new Payload.FeedbackResolved("PA-1", null));
        assertThat(payload(FB_RESOLVED, "{\"feedbackId\":\"PA-1\",\"satisfied\":null}"))
                .isEqualTo(new Payload.FeedbackResolved("PA-1", null));
        assertThat(payload(FB_RESOLVED, "{\"feedbackId\":\"PA-1\",\"satisfied\":false}"))
                .isEqualTo(new Payload.FeedbackResolved("PA-1", false));
        assertThat(errors(FB_RESOLVED, "{\"feedbackId\":\"PA-1\",\"satisfied\":\"no\"}"))
                .containsExactly(new FieldError(0, "data.satisfied", "must be true or false"));
    }

    @Test
    void assessmentsAreForAFixedPeriodWithSaneNumbers() throws Exception {
        Payload.AssessmentRecorded a = (Payload.AssessmentRecorded) payload(ASSESSMENT,
                "{\"indicator\":\"assessed.publishOnTime\",\"period\":\"2026-W48\",\"numerator\":9,\"denominator\":10,"
                        + "\"note\":\"Sở Tư pháp\"}");
        assertThat(a).isEqualTo(new Payload.AssessmentRecorded("assessed.publishOnTime",
                new FixedPeriod("2026-W48", java.time.LocalDate.of(2026, 11, 23), java.time.LocalDate.of(2026, 11, 29)),
                9, 10L, "Sở Tư pháp"));
        Payload.AssessmentRecorded count = (Payload.AssessmentRecorded) payload(ASSESSMENT,
                "{\"indicator\":\"assessed.x1\",\"period\":\"2026\",\"numerator\":0}");
        assertThat(count.denominator()).isNull();
        assertThat(count.period().to()).isEqualTo(java.time.LocalDate.of(2026, 12, 31));
        assertThat(errors(ASSESSMENT, "{}")).containsExactly(new FieldError(0, "data.indicator", "is required"),
                new FieldError(0, "data.period", "is required"), new FieldError(0, "data.numerator", "is required"));
        for (String bad : new String[]{"publishOnTime", "assessed.", "assessed.1x", "assessed.a-b", "onestop.onTimeRate",
                "assessed." + "a".repeat(65)}) {
            assertThat(errors(ASSESSMENT, "{\"indicator\":\"" + bad + "\",\"period\":\"2026\",\"numerator\":1}"))
                    .as(bad).extracting(FieldError::field).containsExactly("data.indicator");
        }
        for (String bad : new String[]{"2026-01-01..2026-06-30", "P7D", "YTD", "WTD", "2026-W54", "2026-W00", "2026-Q5",
                "2026-13", "2026-02-30", "26", "2026-w48"}) {
            assertThat(errors(ASSESSMENT, "{\"indicator\":\"assessed.x\",\"period\":\"" + bad + "\",\"numerator\":1}"))
                    .as(bad).extracting(FieldError::field).containsExactly("data.period");
        }
        assertThat(errors(ASSESSMENT, "{\"indicator\":\"assessed.x\",\"period\":\"2026\",\"numerator\":-1}"))
                .containsExactly(new FieldError(0, "data.numerator", "must be at least 0"));
        assertThat(errors(ASSESSMENT, "{\"indicator\":\"assessed.x\",\"period\":\"2026\",\"numerator\":1.5}"))
                .containsExactly(new FieldError(0, "data.numerator", "must be an integer"));
        assertThat(errors(ASSESSMENT, "{\"indicator\":\"assessed.x\",\"period\":\"2026\",\"numerator\":\"3\"}"))
                .containsExactly(new FieldError(0, "data.numerator", "must be an integer"));
        assertThat(errors(ASSESSMENT, "{\"indicator\":\"assessed.x\",\"period\":\"2026\",\"numerator\":5,\"denominator\":4}"))
                .containsExactly(new FieldError(0, "data.denominator", "must be at least the numerator (5), or null for a count"));
        assertThat(errors(ASSESSMENT, "{\"indicator\":\"assessed.x\",\"period\":\"2026\",\"numerator\":0,\"denominator\":true}"))
                .containsExactly(new FieldError(0, "data.denominator", "must be an integer"));
        assertThat(errors(ASSESSMENT, "{\"indicator\":\"assessed.x\",\"period\":2026,\"numerator\":0,\"note\":3}"))
                .containsExactly(new FieldError(0, "data.period", "must be a string"), new FieldError(0, "data.note", "must be a string"));
    }

    @Test
    void fixedPeriodsHaveTheirLocalBounds() {
        assertThat(FixedPeriod.parse("2026-Q3")).isEqualTo(new FixedPeriod("2026-Q3",
                java.time.LocalDate.of(2026, 7, 1), java.time.LocalDate.of(2026, 9, 30)));
        assertThat(FixedPeriod.parse("2024-02").to()).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
        // ISO week 1 of 2026 starts on Monday 29 December 2025; 2026 has 53 weeks.
        assertThat(FixedPeriod.parse("2026-W01").from()).isEqualTo(java.time.LocalDate.of(2025, 12, 29));
        assertThat(FixedPeriod.parse("2026-W53").to()).isEqualTo(java.time.LocalDate.of(2027, 1, 3));
        assertThat(FixedPeriod.parse("2025-W53")).isNull();
        assertThat(FixedPeriod.parse("2026-09-14").from()).isEqualTo(java.time.LocalDate.of(2026, 9, 14));
    }

    @Test
    void theNewTypesBelongToTheirInputTopics() {
        assertThat(EventType.of(PAID).inputTopic).isEqualTo("egov.in.onestop");
        assertThat(EventType.of(RATED).inputTopic).isEqualTo("egov.in.onestop");
        assertThat(EventType.of(FB_RECEIVED).inputTopic).isEqualTo("egov.in.feedback");
        assertThat(EventType.of(FB_RESOLVED).inputTopic).isEqualTo("egov.in.feedback");
        assertThat(EventType.of(ASSESSMENT).inputTopic).isEqualTo("egov.in.assessments");
    }

    @Test
    void countsAddAssessedIndicatorsAndFormRatesOnlyAtTheEnd() {
        Counts a = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new java.util.TreeMap<>(java.util.Map.of("assessed.b", Counts.Assessed.of(3, 4L),
                        "assessed.a", Counts.Assessed.of(2, null))));
        Counts b = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new java.util.TreeMap<>(java.util.Map.of("assessed.b", Counts.Assessed.of(1, 4L),
                        "assessed.a", Counts.Assessed.of(5, null))));
        java.util.Map<String, Indicator> m = a.plus(b).indicators();
        assertThat(m.keySet()).containsSubsequence("vc.communeReachRate", "onestop.syncRate", "feedback.satisfactionRate",
                "assessed.a", "assessed.b");
        assertThat(m.get("assessed.a")).isEqualTo(Indicator.count(7));
        assertThat(m.get("assessed.b")).isEqualTo(Indicator.rate(4, 8));
        // a mixed sum: the rate of the records that have a denominator
        Counts mixed = a.plus(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new java.util.TreeMap<>(java.util.Map.of("assessed.a", Counts.Assessed.of(1, 2L)))));
        assertThat(mixed.indicators().get("assessed.a")).isEqualTo(Indicator.rate(1, 2));
        assertThat(Counts.ZERO.indicators()).doesNotContainKey("assessed.a").hasSize(Counts.KEYS.size());
        assertThat(Counts.isKey("assessed.publishOnTime")).isTrue();
        assertThat(Counts.isKey("assessed.")).isFalse();
    }
}
