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
}
