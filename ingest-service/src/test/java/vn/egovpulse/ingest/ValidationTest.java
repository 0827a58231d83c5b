package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.ingest.EventsHttpTest.post;
import static vn.egovpulse.ingest.Fixture.*;

/** The event rules of SPEC 2 (issue 3): each broken event is named, with its field, in one 400. */
@QuarkusTest
class ValidationTest {
    private record Case(String field, String message, ObjectNode event) {
    }

    private final List<Case> cases = new ArrayList<>();

    @BeforeEach
    void units() {
        Fixture.units();
    }

    private void expect(String field, String message, Supplier<ObjectNode> base, Consumer<ObjectNode> change) {
        ObjectNode e = base.get();
        change.accept(e);
        cases.add(new Case(field, message, e));
    }

    private static ObjectNode data(ObjectNode e) {
        return (ObjectNode) e.get("data");
    }

    private static Supplier<ObjectNode> received() {
        return () -> caseReceived(id("rule"), P_DISTRICT);
    }

    @Test
    void everyRuleIsReportedWithItsIndexAndField() {
        // envelope
        expect("specversion", "must be \"1.0\"", received(), e -> e.put("specversion", "0.3"));
        expect("id", "is required", received(), e -> e.remove("id"));
        expect("id", "must be a string", received(), e -> e.put("id", 42));
        expect("id", "at most 256", received(), e -> e.put("id", "x".repeat(257)));
        expect("source", "is required", received(), e -> e.remove("source"));
        expect("type", "unknown event type", received(), e -> e.put("type", "vn.gov.egov.onestop.case.lost"));
        expect("type", "is required", received(), e -> e.remove("type"));
        expect("subject", "unknown unit", received(), e -> e.put("subject", P + ".H.NOWHERE"));
        expect("subject", "is required", received(), e -> e.remove("subject"));
        expect("time", "is required", received(), e -> e.remove("time"));
        expect("time", "with an offset", received(), e -> e.put("time", "2020-03-14T09:12:00"));
        expect("time", "with an offset", received(), e -> e.put("time", "14/03/2020"));
        expect("time", "1 day in the future", received(),
                e -> e.put("time", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusHours(25).toString()));
        expect("datacontenttype", "application/json", received(), e -> e.put("datacontenttype", "text/xml"));
        expect("data", "is required", received(), e -> e.remove("data"));
        expect("data", "JSON object", received(), e -> e.putArray("data"));
        expect("", "JSON object", received(), e -> { });
        // case.received
        expect("data.caseId", "is required", received(), e -> data(e).remove("caseId"));
        expect("data.channel", "is required", received(), e -> data(e).remove("channel"));
        expect("data.channel", "must be one of", received(), e -> data(e).put("channel", "EMAIL"));
        expect("data.onlineLevel", "required when channel is ONLINE", received(), e -> data(e).remove("onlineLevel"));
        expect("data.onlineLevel", "3 or 4", received(), e -> data(e).put("onlineLevel", 2));
        expect("data.onlineLevel", "3 or 4", received(), e -> data(e).put("onlineLevel", "4"));
        expect("data.onlineLevel", "must be absent", received(), e -> data(e).put("channel", "DIRECT"));
        expect("data.dueAt", "is required", received(), e -> data(e).remove("dueAt"));
        expect("data.dueAt", "with an offset", received(), e -> data(e).put("dueAt", "2020-03-20T17:00:00"));
        expect("data.dueAt", "between the years 1900 and 9999", received(),
                e -> data(e).put("dueAt", "+999999999-12-31T23:59:59+07:00"));
        expect("time", "between the years 1900 and 9999", received(), e -> e.put("time", "1899-12-31T23:59:59+07:00"));
        expect("data.procedureCode", "at most 200", received(), e -> data(e).put("procedureCode", "P".repeat(201)));
        // case.resolved
        expect("data.caseId", "is required", () -> caseResolved(id("rule"), P_COMMUNE), e -> data(e).remove("caseId"));
        expect("data.dueAt", "with an offset", () -> caseResolved(id("rule"), P_COMMUNE), e -> data(e).put("dueAt", "soon"));
        // documents
        Supplier<ObjectNode> issued = () -> documentIssued(id("rule"), P);
        expect("data.documentId", "is required", issued, e -> data(e).remove("documentId"));
        expect("data.electronic", "is required", issued, e -> data(e).remove("electronic"));
        expect("data.electronic", "true or false", issued, e -> data(e).put("electronic", "yes"));
        expect("data.signedByOrganization", "is required", issued, e -> data(e).remove("signedByOrganization"));
        expect("data.signedByLeader", "is required", issued, e -> data(e).remove("signedByLeader"));
        expect("data.confidential", "true or false", issued, e -> data(e).put("confidential", 1));
        expect("data.viaNationalAxis", "true or false", issued, e -> data(e).put("viaNationalAxis", "false"));
        Supplier<ObjectNode> docIn = () -> documentReceived(id("rule"), P);
        expect("data.processedOnline", "is required", docIn, e -> data(e).remove("processedOnline"));
        expect("data.documentId", "must be a string", docIn, e -> data(e).put("documentId", true));
        // meetings
        Supplier<ObjectNode> meeting = () -> meetingHeld(id("rule"), P);
        expect("data.meetingId", "is required", meeting, e -> data(e).remove("meetingId"));
        expect("data.durationMinutes", "at least 1", meeting, e -> data(e).put("durationMinutes", 0));
        expect("data.durationMinutes", "integer", meeting, e -> data(e).put("durationMinutes", "90"));
        expect("data.durationMinutes", "integer", meeting, e -> data(e).put("durationMinutes", 1.5));
        expect("data.endpoints", "at least 1", meeting, e -> data(e).put("endpoints", 0));
        expect("data.participants", "at least 0", meeting, e -> data(e).put("participants", -1));
        expect("data.lowestTier", "must be one of", meeting, e -> data(e).put("lowestTier", "DEPARTMENT"));
        expect("data.lowestTier", "must be one of", meeting, e -> data(e).put("lowestTier", "VILLAGE"));
        expect("data.lowestTier", "is required", meeting, e -> data(e).remove("lowestTier"));

        List<Object> batch = new ArrayList<>();
        for (Case c : cases) {
            batch.add(c.field().isEmpty() ? JSON.getNodeFactory().textNode("not an event") : c.event());
        }
        JsonPath answer = post(ingestToken(), "application/cloudevents-batch+json", batch).then()
                .statusCode(400).contentType("application/problem+json").extract().jsonPath();
        List<Map<String, Object>> errors = answer.getList("errors");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            int index = i;
            assertThat(errors)
                    .as("event %d should be refused on %s (%s): %s", i, c.field(), c.message(), c.event())
                    .anySatisfy(err -> {
                        assertThat(err.get("index")).isEqualTo(index);
                        assertThat(err.get("field")).isEqualTo(c.field());
                        assertThat((String) err.get("message")).contains(c.message());
                    });
        }
        assertThat(errors).allSatisfy(err -> assertThat((Integer) err.get("index")).isBetween(0, cases.size() - 1));
    }

    @Test
    void theEdgesOfTheRulesAreAccepted() {
        ObjectNode nearFuture = caseReceived(id("edge"), P_DISTRICT);
        nearFuture.put("time", OffsetDateTime.now(ZoneOffset.UTC).plusHours(23).toString());
        ObjectNode level3 = caseReceived(id("edge"), P_DISTRICT);
        data(level3).put("onlineLevel", 3).put("procedureCode", "1.001234");
        ObjectNode postal = caseReceived(id("edge"), P_COMMUNE);
        data(postal).put("channel", "POSTAL").remove("onlineLevel");
        ObjectNode withDue = caseResolved(id("edge"), P_COMMUNE);
        data(withDue).put("dueAt", "2020-03-25T17:00:00Z");
        ObjectNode noParticipants = meetingHeld(id("edge"), P);
        data(noParticipants).put("participants", 0).put("lowestTier", "PROVINCE").put("durationMinutes", 1).put("endpoints", 1);
        ObjectNode noDataContentType = documentIssued(id("edge"), P);
        noDataContentType.remove("datacontenttype");
        data(noDataContentType).put("confidential", true).put("viaNationalAxis", true);
        ObjectNode extension = documentReceived(id("edge"), P);
        extension.put("traceparent", "00-abc").put("id", "x".repeat(256));
        post(ingestToken(), "application/json",
                List.of(nearFuture, level3, postal, withDue, noParticipants, noDataContentType, extension))
                .then().statusCode(202).body("accepted", is(7));
    }

    @Test
    void everyEventOfABatchIsCheckedNotOnlyTheFirstBadOne() {
        List<JsonNode> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ObjectNode e = caseReceived(id("many"), P_DISTRICT);
            if (i % 10 == 3) {
                data(e).remove("caseId");
            }
            batch.add(e);
        }
        post(ingestToken(), "application/json", batch).then().statusCode(400)
                .body("errors.index", is(List.of(3, 13, 23, 33, 43)));
    }

    /**
     * Lone surrogates sent as JSON escapes (as a source would) are refused, naming the field,
     * and nothing of the batch is published; a proper pair (an emoji) still passes.
     */
    @Test
    void unpairedSurrogatesAreRefusedNamingTheFieldAndNothingIsPublished() {
        String[][] cases = { // field, event, JSON text to replace, replacement with the lone surrogate escape
                {"id", "case"}, {"source", "case"}, {"subject", "case"}, {"data.caseId", "case"},
                {"data.procedureCode", "case"}, {"data.documentId", "doc"}, {"data.meetingId", "meeting"}};
        List<String> bodies = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            String field = cases[i][0];
            String id = id("surrogate");
            ids.add(id);
            ObjectNode e = switch (cases[i][1]) {
                case "doc" -> documentIssued(id, P);
                case "meeting" -> meetingHeld(id, P);
                default -> caseReceived(id, P_DISTRICT);
            };
            String leaf = field.substring(field.indexOf('.') + 1);
            ObjectNode holder = field.startsWith("data.") ? data(e) : e;
            holder.put(leaf, "MARK");
            String lone = i % 2 == 0 ? "\\ud800" : "x\\udbff";
            bodies.add(new String(bytes(e), java.nio.charset.StandardCharsets.UTF_8).replace("MARK", lone));
        }
        String batch = "[" + String.join(",", bodies) + "]";
        try (TopicReader events = new TopicReader(EVENTS_TOPIC)) {
            JsonPath answer = post(ingestToken(), "application/cloudevents-batch+json",
                    batch.getBytes(java.nio.charset.StandardCharsets.UTF_8)).then()
                    .statusCode(400).contentType("application/problem+json").extract().jsonPath();
            List<Map<String, Object>> errors = answer.getList("errors");
            for (int i = 0; i < cases.length; i++) {
                assertThat(errors).contains(Map.of("index", i, "field", cases[i][0],
                        "message", "contains an unpaired UTF-16 surrogate"));
            }
            // One event alone, as application/cloudevents+json, is refused the same way.
            post(ingestToken(), "application/cloudevents+json",
                    bodies.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8)).then().statusCode(400)
                    .body("errors[0].field", is("id")).body("errors[0].message", is("contains an unpaired UTF-16 surrogate"));
            assertThat(events.untilNow()).noneMatch(r -> ids.contains(TopicReader.id(r)));
        }
        ObjectNode emoji = caseReceived(id("pair") + "-\ud83d\ude00", P_DISTRICT);
        post(ingestToken(), "application/json", List.of(emoji)).then().statusCode(202);
    }

    /** egov.events carries UTF-8; a UTF-16 or UTF-32 body would be published as it came. */
    @Test
    void bodiesInUtf16OrUtf32AreRefused() throws Exception {
        String event = new String(bytes(caseReceived(id("utf16"), P_DISTRICT)), java.nio.charset.StandardCharsets.UTF_8);
        for (String charset : new String[]{"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32"}) {
            for (String body : new String[]{event, "[" + event + "]"}) {
                post(ingestToken(), "application/json", body.getBytes(charset)).then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors[0].field", is("body")).body("errors[0].message", org.hamcrest.Matchers.containsString("UTF-8"));
            }
        }
    }
}
