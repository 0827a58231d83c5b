package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.ingest.EventsHttpTest.idsOf;
import static vn.egovpulse.ingest.EventsHttpTest.post;
import static vn.egovpulse.ingest.Fixture.*;

/** SPEC 7.1: the new facts over HTTP and on the input topics, each type on its own topic only. */
@QuarkusTest
class Qd766InputTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @BeforeEach
    void units() {
        Fixture.units();
    }

    static ObjectNode paid(String id, String subject) {
        ObjectNode e = envelope(id, "vn.gov.egov.onestop.case.paid", subject);
        e.putObject("data").put("caseId", "C-" + id).put("online", true);
        return e;
    }

    static ObjectNode rated(String id, String subject) {
        ObjectNode e = envelope(id, "vn.gov.egov.onestop.case.rated", subject);
        e.putObject("data").put("caseId", "C-" + id).put("satisfied", false);
        return e;
    }

    static ObjectNode feedbackReceived(String id, String subject) {
        ObjectNode e = envelope(id, "vn.gov.egov.feedback.received", subject);
        e.putObject("data").put("feedbackId", "PA-" + id).put("dueAt", "2020-03-24T17:00:00+07:00");
        return e;
    }

    static ObjectNode feedbackResolved(String id, String subject) {
        ObjectNode e = envelope(id, "vn.gov.egov.feedback.resolved", subject);
        e.putObject("data").put("feedbackId", "PA-" + id);
        return e;
    }

    static ObjectNode assessment(String id, String subject) {
        ObjectNode e = envelope(id, "vn.gov.egov.assessment.recorded", subject);
        e.putObject("data").put("indicator", "assessed.publishOnTime").put("period", "2020-W11")
                .put("numerator", 9).put("denominator", 10).put("note", "Kiểm tra của Văn phòng UBND");
        return e;
    }

    private static ObjectNode data(ObjectNode e) {
        return (ObjectNode) e.get("data");
    }

    @Test
    void theNewTypesAndFlagsAreAcceptedOverHttpAndReachEgovEvents() {
        ObjectNode received = caseReceived(id("766"), P_DISTRICT);
        data(received).put("feeRequired", true).put("fullOnlineEligible", true).put("digitized", true)
                .put("reusedData", false).put("dataStore", true).put("citizenData", true).put("syncedNational", true);
        ObjectNode resolved = caseResolved(id("766"), P_DISTRICT);
        data(resolved).put("resultDocument", true).put("electronicResult", true);
        ObjectNode count = assessment(id("766"), P_COMMUNE);
        data(count).put("indicator", "assessed.portalVisits").put("period", "2020").putNull("denominator").remove("note");
        List<ObjectNode> batch = List.of(received, resolved, paid(id("766"), P_DISTRICT), rated(id("766"), P_DISTRICT),
                feedbackReceived(id("766"), P_COMMUNE), feedbackResolved(id("766"), P_COMMUNE),
                assessment(id("766"), P), count);
        try (TopicReader events = new TopicReader(EVENTS_TOPIC)) {
            post(ingestToken(), "application/json", array(batch)).then().statusCode(202).body("accepted", is(8));
            List<String> ids = batch.stream().map(e -> e.get("id").asText()).toList();
            List<ConsumerRecord<byte[], byte[]>> got = events.await(r -> ids.contains(TopicReader.id(r)), 8, DEADLINE);
            Map<String, String> typeById = got.stream().collect(Collectors.toMap(TopicReader::id,
                    r -> EventsHttpTest.readTree(r.value()).get("type").asText()));
            assertThat(typeById.values()).contains("vn.gov.egov.onestop.case.paid", "vn.gov.egov.feedback.resolved",
                    "vn.gov.egov.assessment.recorded");
            // the event is published as sent: the flags travel with it
            assertThat(got.stream().filter(r -> TopicReader.id(r).equals(received.get("id").asText())).findFirst()
                    .map(r -> EventsHttpTest.readTree(r.value()).get("data").get("syncedNational").asBoolean())).contains(true);
        }
    }

    @Test
    void badNewFieldsAreRefusedNamingEachFieldAndNothingIsPublished() {
        ObjectNode flag = caseReceived(id("766bad"), P_DISTRICT);
        data(flag).put("digitized", "yes");
        ObjectNode result = caseResolved(id("766bad"), P_DISTRICT);
        data(result).put("electronicResult", 1);
        ObjectNode pay = paid(id("766bad"), P_DISTRICT);
        data(pay).remove("online");
        ObjectNode rate = rated(id("766bad"), P_DISTRICT);
        data(rate).put("satisfied", "false");
        ObjectNode fb = feedbackReceived(id("766bad"), P_COMMUNE);
        data(fb).remove("dueAt");
        ObjectNode fbr = feedbackResolved(id("766bad"), P_COMMUNE);
        data(fbr).put("satisfied", "ok");
        ObjectNode period = assessment(id("766bad"), P);
        data(period).put("period", "P7D");
        ObjectNode key = assessment(id("766bad"), P);
        data(key).put("indicator", "onestop.onTimeRate");
        ObjectNode ratio = assessment(id("766bad"), P);
        data(ratio).put("numerator", 11);
        ObjectNode negative = assessment(id("766bad"), P);
        data(negative).put("numerator", -1).putNull("denominator");
        List<ObjectNode> batch = List.of(flag, result, pay, rate, fb, fbr, period, key, ratio, negative);
        try (TopicReader events = new TopicReader(EVENTS_TOPIC)) {
            JsonPath body = post(ingestToken(), "application/json", array(batch)).then().statusCode(400)
                    .contentType("application/problem+json").extract().jsonPath();
            assertThat(body.getList("errors.field", String.class)).containsExactly("data.digitized",
                    "data.electronicResult", "data.online", "data.satisfied", "data.dueAt", "data.satisfied",
                    "data.period", "data.indicator", "data.denominator", "data.numerator");
            assertThat(body.getList("errors.index", Integer.class)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            List<String> ids = batch.stream().map(e -> e.get("id").asText()).toList();
            assertThat(events.untilNow()).noneMatch(r -> ids.contains(TopicReader.id(r)));
        }
    }

    private static void send(String topic, String key, ObjectNode value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), bytes(value))).get();
    }

    @Test
    void theNewInputTopicsAreReadAndEachTypeOnlyOnItsOwnTopic() throws Exception {
        ObjectNode pay = paid(id("766k"), P_DISTRICT);
        ObjectNode rate = rated(id("766k"), P_DISTRICT);
        ObjectNode fb = feedbackReceived(id("766k"), P_COMMUNE);
        ObjectNode fbr = feedbackResolved(id("766k"), P_COMMUNE);
        ObjectNode rec = assessment(id("766k"), P);
        ObjectNode feedbackOnOnestop = feedbackReceived(id("766k"), P_COMMUNE);
        ObjectNode assessmentOnFeedback = assessment(id("766k"), P);
        ObjectNode caseOnAssessments = caseReceived(id("766k"), P_DISTRICT);
        ObjectNode paidOnFeedback = paid(id("766k"), P_DISTRICT);
        ObjectNode invalid = assessment(id("766k"), P);
        data(invalid).put("period", "2020-01-01..2020-03-31");
        try (TopicReader events = new TopicReader(EVENTS_TOPIC); TopicReader dlq = new TopicReader(DLQ_TOPIC)) {
            send("test.egov.in.onestop", P_DISTRICT, pay);
            send("test.egov.in.onestop", P_DISTRICT, rate);
            send("test.egov.in.feedback", P_COMMUNE, fb);
            send("test.egov.in.feedback", P_COMMUNE, fbr);
            send("test.egov.in.assessments", P, rec);
            send("test.egov.in.onestop", P_COMMUNE, feedbackOnOnestop);
            send("test.egov.in.feedback", P, assessmentOnFeedback);
            send("test.egov.in.assessments", P_DISTRICT, caseOnAssessments);
            send("test.egov.in.feedback", P_DISTRICT, paidOnFeedback);
            send("test.egov.in.assessments", P, invalid);

            List<String> good = idsOf(List.of(pay, rate, fb, fbr, rec));
            events.await(r -> good.contains(TopicReader.id(r)), 5, DEADLINE);
            Map<ObjectNode, String> wrong = Map.of(
                    feedbackOnOnestop, "does not belong on test.egov.in.onestop (send it to test.egov.in.feedback)",
                    assessmentOnFeedback, "does not belong on test.egov.in.feedback (send it to test.egov.in.assessments)",
                    caseOnAssessments, "does not belong on test.egov.in.assessments (send it to test.egov.in.onestop)",
                    paidOnFeedback, "does not belong on test.egov.in.feedback (send it to test.egov.in.onestop)",
                    invalid, "data.period: must be a fixed year");
            List<String> refused = idsOf(List.copyOf(wrong.keySet()));
            List<ConsumerRecord<byte[], byte[]>> letters = dlq.await(r -> refused.contains(TopicReader.id(r)), 5, DEADLINE);
            wrong.forEach((e, why) -> assertThat(letters).filteredOn(r -> TopicReader.id(r).equals(e.get("id").asText()))
                    .singleElement().satisfies(r -> assertThat(TopicReader.header(r, "egov-error")).contains(why)));
            assertThat(events.untilNow()).noneMatch(r -> refused.contains(TopicReader.id(r)));
        }
    }
}
