package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static vn.egovpulse.ingest.Fixture.*;

/** Every answer of SPEC 2.1 over HTTP, checked against what lands on test.egov.events. */
@QuarkusTest
class EventsHttpTest {
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @BeforeEach
    void units() {
        Fixture.units();
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    static Response post(String token, String contentType, Object body) {
        return as(token).contentType(contentType).body(body instanceof byte[] b ? b : bytes(body)).post("/api/v1/events");
    }

    @Test
    void aValidBatchIsAcceptedAndEveryEventReachesEgovEventsKeyedByUnit() {
        List<ObjectNode> batch = List.of(caseReceived(id("ok"), P_DISTRICT), caseResolved(id("ok"), P_COMMUNE),
                documentIssued(id("ok"), P), documentReceived(id("ok"), P_DISTRICT), meetingHeld(id("ok"), P_COMMUNE));
        Set<String> ids = batch.stream().map(e -> e.get("id").asText()).collect(Collectors.toSet());
        try (TopicReader events = new TopicReader(EVENTS_TOPIC)) {
            post(ingestToken(), "application/cloudevents-batch+json", array(batch)).then()
                    .statusCode(202).body("accepted", is(5));

            List<ConsumerRecord<byte[], byte[]>> got = events.await(r -> ids.contains(TopicReader.id(r)), 5, DEADLINE);
            assertThat(got).hasSize(5);
            for (ConsumerRecord<byte[], byte[]> r : got) {
                ObjectNode sent = batch.stream().filter(e -> e.get("id").asText().equals(TopicReader.id(r))).findFirst().orElseThrow();
                assertThat(TopicReader.key(r)).isEqualTo(sent.get("subject").asText());
                assertThat(readTree(r.value())).isEqualTo(sent); // the structured event, unchanged
            }
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("egov_ingest_events_total{channel=\"http\",outcome=\"accepted\",source=\"" + SOURCE
                        + "\",type=\"vn.gov.egov.onestop.case.received\"}"))
                .body(containsString("egov_ingest_publish_seconds"))
                .body(containsString("egov_ingest_batch_size"));
    }

    @Test
    void oneStructuredEventAndPlainJsonBodiesAreAccepted() {
        ObjectNode single = caseReceived(id("single"), P_DISTRICT);
        ObjectNode jsonObject = documentIssued(id("json-object"), P);
        ObjectNode jsonArrayItem = meetingHeld(id("json-array"), P_COMMUNE);
        ObjectNode vietnamese = caseReceived(id("utf8"), P_COMMUNE);
        ((ObjectNode) vietnamese.get("data")).put("procedureCode", "Cấp giấy phép xây dựng – UBND huyện Thanh Ba");
        try (TopicReader events = new TopicReader(EVENTS_TOPIC)) {
            post(ingestToken(), "application/cloudevents+json", single).then().statusCode(202).body("accepted", is(1));
            post(ingestToken(), "application/json", jsonObject).then().statusCode(202).body("accepted", is(1));
            post(ingestToken(), "application/json; charset=utf-8", array(List.of(jsonArrayItem, vietnamese)))
                    .then().statusCode(202).body("accepted", is(2));
            Set<String> ids = Set.of(single.get("id").asText(), jsonObject.get("id").asText(),
                    jsonArrayItem.get("id").asText(), vietnamese.get("id").asText());
            List<ConsumerRecord<byte[], byte[]>> got = events.await(r -> ids.contains(TopicReader.id(r)), 4, DEADLINE);
            ConsumerRecord<byte[], byte[]> utf8 = got.stream()
                    .filter(r -> vietnamese.get("id").asText().equals(TopicReader.id(r))).findFirst().orElseThrow();
            assertThat(readTree(utf8.value()).at("/data/procedureCode").asText())
                    .isEqualTo("Cấp giấy phép xây dựng – UBND huyện Thanh Ba");
        }
    }

    @Test
    void binaryModeBuildsTheStructuredEventFromCeHeaders() {
        String id = id("binary");
        try (TopicReader events = new TopicReader(EVENTS_TOPIC)) {
            as(ingestToken())
                    .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", SOURCE)
                    .header("ce-type", "vn.gov.egov.onestop.case.received").header("ce-time", "2020-03-14T09:12:00+07:00")
                    .header("ce-subject", P_DISTRICT)
                    .contentType("application/json")
                    .body("""
                            {"caseId":"B-1","channel":"DIRECT","dueAt":"2020-03-20T17:00:00+07:00"}"""
                            .getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/events").then().statusCode(202).body("accepted", is(1));
            ConsumerRecord<byte[], byte[]> r = events.await(x -> id.equals(TopicReader.id(x)), 1, DEADLINE).get(0);
            assertThat(TopicReader.key(r)).isEqualTo(P_DISTRICT);
            var event = readTree(r.value());
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("source").asText()).isEqualTo(SOURCE);
            assertThat(event.get("type").asText()).isEqualTo("vn.gov.egov.onestop.case.received");
            assertThat(event.get("subject").asText()).isEqualTo(P_DISTRICT);
            assertThat(event.at("/data/caseId").asText()).isEqualTo("B-1");
            assertThat(event.get("datacontenttype").asText()).startsWith("application/json");
        }
        // Binary mode is validated like any event: here data lacks caseId and ce-time is missing.
        as(ingestToken())
                .header("ce-specversion", "1.0").header("ce-id", id("binary-bad")).header("ce-source", SOURCE)
                .header("ce-type", "vn.gov.egov.onestop.case.resolved").header("ce-subject", P_DISTRICT)
                .contentType("application/json").body("{}".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/events").then().statusCode(400)
                .body("errors.field", hasItem("time")).body("errors.field", hasItem("data.caseId"));
    }

    @Test
    void aRepeatedIdIsAccepted() {
        ObjectNode e = caseReceived(id("repeat"), P_DISTRICT);
        post(ingestToken(), "application/json", array(List.of(e, e))).then().statusCode(202).body("accepted", is(2));
        post(ingestToken(), "application/json", e).then().statusCode(202).body("accepted", is(1));
    }

    @Test
    void anInvalidEventRefusesTheWholeBatchListingEveryErrorAndPublishesNothing() {
        ObjectNode good = caseReceived(id("bad-batch"), P_DISTRICT);
        ObjectNode missing = caseReceived(id("bad-batch"), P_DISTRICT);
        ((ObjectNode) missing.get("data")).remove("caseId");
        missing.remove("time");
        ObjectNode unknownUnit = documentIssued(id("bad-batch"), P + ".NOPE");
        Set<String> ids = Set.of(good.get("id").asText(), missing.get("id").asText(), unknownUnit.get("id").asText());
        try (TopicReader events = new TopicReader(EVENTS_TOPIC)) {
            post(ingestToken(), "application/cloudevents-batch+json", array(List.of(good, missing, unknownUnit))).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("status", is(400))
                    .body("errors", hasSize(3))
                    .body("errors.find { it.index == 1 && it.field == 'data.caseId' }.message", is("is required"))
                    .body("errors.find { it.index == 1 && it.field == 'time' }.message", is("is required"))
                    .body("errors.find { it.index == 2 && it.field == 'subject' }.message", containsString("unknown unit"));
            assertThat(events.untilNow()).noneMatch(r -> ids.contains(TopicReader.id(r)));
        }
    }

    @Test
    void malformedOrEmptyBodiesAre400() {
        post(ingestToken(), "application/json", "[{\"id\": ".getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", is("body"));
        ObjectNode good = caseReceived(id("malformed"), P_DISTRICT);
        byte[] broken = ("[" + new String(bytes(good), StandardCharsets.UTF_8) + ", {\"id\": tru ]").getBytes(StandardCharsets.UTF_8);
        post(ingestToken(), "application/json", broken).then()
                .statusCode(400).body("errors[0].field", is("body")).body("errors[0].index", is(1));
        post(ingestToken(), "application/json", "[]".getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(400).body("errors[0].message", containsString("empty"));
        post(ingestToken(), "application/json", new byte[0]).then().statusCode(400);
        post(ingestToken(), "application/json", "[1, \"x\", null]".getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(400).body("errors.index", is(List.of(0, 1, 2)));
        // A batch content type needs an array; the structured one needs one object.
        post(ingestToken(), "application/cloudevents-batch+json", good).then().statusCode(400);
        post(ingestToken(), "application/cloudevents+json", array(List.of(good))).then().statusCode(400);
    }

    @Test
    void noOrBadCredentialsAre401() throws Exception {
        ObjectNode e = caseReceived(id("auth"), P_DISTRICT);
        given().contentType("application/json").body(bytes(e)).post("/api/v1/events").then()
                .statusCode(401).contentType("application/problem+json");
        post(foreignToken(), "application/json", e).then().statusCode(401).contentType("application/problem+json");
        post("not-a-jwt", "application/json", e).then().statusCode(401);
    }

    @Test
    void aTokenWithoutGroupIngestIs403() {
        ObjectNode e = caseReceived(id("group"), P_DISTRICT);
        post(token(SOURCE, P, "viewer"), "application/json", e).then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aSourceOtherThanTheTokensSubOrAUnitOutsideItsProvinceIs403AndNothingIsPublished() {
        ObjectNode ok = caseReceived(id("scope"), P_DISTRICT);
        ObjectNode otherSource = caseReceived(id("scope"), P_DISTRICT);
        otherSource.put("source", "urn:egov:" + P + ":someone-else");
        ObjectNode otherProvince = caseReceived(id("scope"), Q_DISTRICT);
        Set<String> ids = Set.of(ok.get("id").asText(), otherSource.get("id").asText(), otherProvince.get("id").asText());
        try (TopicReader events = new TopicReader(EVENTS_TOPIC)) {
            post(ingestToken(), "application/json", array(List.of(ok, otherSource, otherProvince))).then()
                    .statusCode(403).contentType("application/problem+json")
                    .body("errors", hasSize(2))
                    .body("errors.find { it.index == 1 }.field", is("source"))
                    .body("errors.find { it.index == 2 }.field", is("subject"));
            // The province claim decides, not the unit's existence: Q's own token may send for Q.
            post(token(SOURCE, Q, "ingest"), "application/json", ok).then().statusCode(403)
                    .body("errors[0].field", is("subject"));
            assertThat(events.untilNow()).noneMatch(r -> ids.contains(TopicReader.id(r)));
        }
    }

    @Test
    void moreThan10000EventsIs413() {
        ArrayNode batch = JSON.createArrayNode();
        ObjectNode e = caseReceived(id("big"), P_DISTRICT);
        for (int i = 0; i < 10_001; i++) {
            batch.add(e);
        }
        byte[] body = bytes(batch);
        post(ingestToken(), "application/json", body).then().statusCode(413).contentType("application/problem+json");
        // Credentials are checked first.
        given().contentType("application/json").body(body).post("/api/v1/events").then().statusCode(401);
        // Exactly 10,000 is fine.
        batch.remove(0);
        post(ingestToken(), "application/json", bytes(batch)).then().statusCode(202).body("accepted", is(10_000));
    }

    @Test
    void aBodyOver16MiBIs413() throws Exception {
        byte[] body = new byte[16 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        // Expect: 100-continue lets the client read the refusal instead of writing 16 MiB into a closed socket.
        var expectContinue = io.restassured.config.RestAssuredConfig.config().httpClient(
                io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.protocol.expect-continue", true));
        as(ingestToken()).config(expectContinue).contentType("application/json").body(body)
                .post("/api/v1/events").then().statusCode(413)
                .contentType("application/problem+json").body("status", is(413));
        given().config(expectContinue).contentType("application/json").body(body)
                .post("/api/v1/events").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void openApiDocumentsTheEndpointAndItsAnswers() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/events'.post.responses.keySet()",
                        everyItem(notNullValue()))
                .body("paths.'/api/v1/events'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("202", "400", "401", "403", "413", "503"));
    }

    static com.fasterxml.jackson.databind.JsonNode readTree(byte[] b) {
        try {
            return JSON.readTree(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> idsOf(List<ObjectNode> events) {
        List<String> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }
}
