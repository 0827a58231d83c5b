package vn.egovpulse.scoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.egovpulse.scoring.TestSupport.*;

/**
 * Events produced to test.egov.events end up, exactly once and in event-time order, in the
 * scoring tables that reporting reads. Every test works on its own unit codes.
 */
@QuarkusTest
class ConsumeTest {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final String PROVINCE = randomProvince();
    static final AtomicInteger UNITS = new AtomicInteger();
    static final Map<String, Integer> BARRIERS = new HashMap<>();
    static KafkaCompanion kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(BOOTSTRAP);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String unit() {
        return PROVINCE + ".H.U" + UNITS.incrementAndGet();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    /**
     * Waits until everything sent so far for {@code unit} has been consumed: records of one key
     * are consumed in order, so once a fresh marker event is counted, the earlier ones were too.
     */
    static void barrier(String unit) {
        int n = BARRIERS.merge(unit, 1, Integer::sum);
        send(kafka, documentReceived(unit, "barrier-" + id(), "1999-01-01T12:00:00+07:00", false, false));
        await().atMost(DEADLINE).until(() -> {
            List<Map<String, Object>> r = rows("SELECT received FROM scoring.docs_daily WHERE unit = ? AND day = ?",
                    unit, LocalDate.of(1999, 1, 1));
            return !r.isEmpty() && ((Number) r.get(0).get("received")).intValue() == n;
        });
    }

    static Map<String, Object> caseRow(String unit, String caseId) {
        List<Map<String, Object>> r = rows("SELECT * FROM scoring.onestop_case WHERE unit = ? AND case_id = ?", unit, caseId);
        assertThat(r).hasSizeLessThanOrEqualTo(1);
        return r.isEmpty() ? null : r.get(0);
    }

    static Map<String, Object> awaitCase(String unit, String caseId) {
        await().atMost(DEADLINE).until(() -> caseRow(unit, caseId) != null);
        return caseRow(unit, caseId);
    }

    static Map<String, Object> dayRow(String table, String unit, String day) {
        List<Map<String, Object>> r = rows("SELECT * FROM scoring." + table + " WHERE unit = ? AND day = ?",
                unit, LocalDate.parse(day));
        return r.isEmpty() ? null : r.get(0);
    }

    static long count(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    @Test
    void theSameEventTwiceIsCountedOnce() {
        String unit = unit();
        ObjectNode doc = documentIssued(unit, "urn:egov:test:docs", id(), "2020-03-14T09:00:00+07:00", true, true, false, false, false);
        send(kafka, doc, doc);
        barrier(unit);
        send(kafka, doc);
        barrier(unit);
        assertThat(count(dayRow("docs_daily", unit, "2020-03-14"), "issued")).isEqualTo(1);
    }

    @Test
    void theSameIdFromTwoSourcesIsTwoEvents() {
        String unit = unit();
        String id = id();
        send(kafka, documentIssued(unit, "urn:egov:test:docs-a", id, "2020-03-14T09:00:00+07:00", true, true, false, false, false),
                documentIssued(unit, "urn:egov:test:docs-b", id, "2020-03-14T10:00:00+07:00", true, true, false, false, false));
        barrier(unit);
        assertThat(count(dayRow("docs_daily", unit, "2020-03-14"), "issued")).isEqualTo(2);
    }

    @Test
    void aLaterCorrectionReplacesTheReceivedSide() {
        String unit = unit();
        send(kafka, caseReceived(unit, id(), "2020-03-14T09:00:00+07:00", "C1", "DIRECT", null, "2020-03-20T17:00:00+07:00"),
                caseReceived(unit, id(), "2020-03-15T09:00:00+07:00", "C1", "ONLINE", 4, "2020-03-21T17:00:00+07:00"));
        barrier(unit);
        Map<String, Object> row = caseRow(unit, "C1");
        assertThat(row.get("channel")).isEqualTo("ONLINE");
        assertThat(((Number) row.get("online_level")).intValue()).isEqualTo(4);
        assertThat(row.get("received_day")).isEqualTo(Date.valueOf("2020-03-15"));
        assertThat(row.get("due_day")).isEqualTo(Date.valueOf("2020-03-21"));
        assertThat(rows("SELECT 1 FROM scoring.onestop_case WHERE unit = ?", unit)).hasSize(1);
    }

    @Test
    void anOlderCorrectionArrivingLateIsIgnored() {
        String unit = unit();
        send(kafka, caseReceived(unit, id(), "2020-03-15T09:00:00+07:00", "C1", "ONLINE", 3, "2020-03-21T17:00:00+07:00"));
        awaitCase(unit, "C1");
        send(kafka, caseReceived(unit, id(), "2020-03-14T09:00:00+07:00", "C1", "POSTAL", null, "2020-03-20T17:00:00+07:00"),
                caseResolved(unit, id(), "2020-03-19T10:00:00+07:00", "C1", null));
        send(kafka, caseResolved(unit, id(), "2020-03-18T10:00:00+07:00", "C1", "2020-03-30T17:00:00+07:00"));
        barrier(unit);
        Map<String, Object> row = caseRow(unit, "C1");
        assertThat(row.get("channel")).isEqualTo("ONLINE");
        assertThat(row.get("received_day")).isEqualTo(Date.valueOf("2020-03-15"));
        assertThat(row.get("resolved_day")).isEqualTo(Date.valueOf("2020-03-19"));
        assertThat(row.get("due_day")).isEqualTo(Date.valueOf("2020-03-21"));
    }

    @Test
    void aResolutionBeforeItsReceiptEndsAsIfInOrder() {
        String unit = unit();
        ObjectNode received = caseReceived(unit, id(), "2020-03-14T09:00:00+07:00", "C1", "ONLINE", 4, "2020-03-20T17:00:00+07:00");
        ObjectNode resolved = caseResolved(unit, id(), "2020-03-19T16:00:00+07:00", "C1", null);
        send(kafka, resolved);
        Map<String, Object> early = awaitCase(unit, "C1");
        assertThat(early.get("due_day")).as("due date unknown until the receipt arrives").isNull();
        send(kafka, received);
        barrier(unit);

        String inOrder = unit();
        send(kafka, caseReceived(inOrder, id(), "2020-03-14T09:00:00+07:00", "C1", "ONLINE", 4, "2020-03-20T17:00:00+07:00"),
                caseResolved(inOrder, id(), "2020-03-19T16:00:00+07:00", "C1", null));
        barrier(inOrder);

        Map<String, Object> a = caseRow(unit, "C1");
        Map<String, Object> b = caseRow(inOrder, "C1");
        a.remove("unit");
        b.remove("unit");
        assertThat(a).isEqualTo(b);
        assertThat(a.get("received_day")).isEqualTo(Date.valueOf("2020-03-14"));
        assertThat(a.get("resolved_day")).isEqualTo(Date.valueOf("2020-03-19"));
        assertThat(a.get("due_day")).isEqualTo(Date.valueOf("2020-03-20"));
    }

    @Test
    void aResolutionCarryingDueAtOverridesTheDueDate() {
        String unit = unit();
        send(kafka, caseReceived(unit, id(), "2020-03-14T09:00:00+07:00", "C1", "DIRECT", null, "2020-03-20T17:00:00+07:00"),
                caseResolved(unit, id(), "2020-03-24T16:00:00+07:00", "C1", "2020-03-25T17:00:00+07:00"));
        barrier(unit);
        Map<String, Object> row = caseRow(unit, "C1");
        assertThat(row.get("received_due_day")).isEqualTo(Date.valueOf("2020-03-20"));
        assertThat(row.get("due_day")).isEqualTo(Date.valueOf("2020-03-25"));
    }

    @Test
    void daysAreLocalDatesInVietnam() {
        String unit = unit();
        send(kafka, caseReceived(unit, id(), "2021-01-01T00:30:00+07:00", "C1", "DIRECT", null, "2021-01-05T23:30:00Z"),
                caseReceived(unit, id(), "2020-12-31T23:30:00Z", "C2", "DIRECT", null, "2021-01-08T17:00:00+07:00"),
                meeting(unit, id(), "2020-12-31T18:00:00Z", 60, 3, 10, "DISTRICT"));
        barrier(unit);
        assertThat(caseRow(unit, "C1").get("received_day")).isEqualTo(Date.valueOf("2021-01-01"));
        assertThat(caseRow(unit, "C1").get("due_day")).isEqualTo(Date.valueOf("2021-01-06"));
        assertThat(caseRow(unit, "C2").get("received_day")).isEqualTo(Date.valueOf("2021-01-01"));
        assertThat(dayRow("vc_daily", unit, "2021-01-01")).isNotNull();
        assertThat(dayRow("vc_daily", unit, "2020-12-31")).isNull();
    }

    @Test
    void confidentialDocumentsStayOutOfTheRateCounters() {
        String unit = unit();
        String day = "2020-05-04T10:00:00+07:00";
        send(kafka, documentIssued(unit, "urn:egov:test:docs", id(), day, true, true, true, true, true),
                documentIssued(unit, "urn:egov:test:docs", id(), day, true, true, false, false, true),
                documentIssued(unit, "urn:egov:test:docs", id(), day, false, false, true, false, false),
                documentIssued(unit, "urn:egov:test:docs", id(), day, false, false, false, false, false),
                documentReceived(unit, id(), day, true, true),
                documentReceived(unit, id(), day, true, false),
                documentReceived(unit, id(), day, false, false));
        barrier(unit);
        Map<String, Object> row = dayRow("docs_daily", unit, "2020-05-04");
        assertThat(count(row, "issued")).isEqualTo(4);
        assertThat(count(row, "issued_open")).isEqualTo(3);
        assertThat(count(row, "signed")).isEqualTo(2);
        assertThat(count(row, "org_signed")).isEqualTo(1);
        assertThat(count(row, "leader_signed")).isEqualTo(1);
        assertThat(count(row, "electronic")).isEqualTo(1);
        assertThat(count(row, "via_axis")).isEqualTo(1);
        assertThat(count(row, "received")).isEqualTo(3);
        assertThat(count(row, "received_electronic")).isEqualTo(2);
        assertThat(count(row, "received_online")).isEqualTo(1);
    }

    @Test
    void meetingsCountCommuneReach() {
        String unit = unit();
        send(kafka, meeting(unit, id(), "2020-06-01T08:00:00+07:00", 90, 12, 150, "COMMUNE"),
                meeting(unit, id(), "2020-06-01T14:00:00+07:00", 30, 3, 20, "DISTRICT"),
                meeting(unit, id(), "2020-06-01T16:00:00+07:00", 45, 1, 0, "PROVINCE"));
        barrier(unit);
        Map<String, Object> row = dayRow("vc_daily", unit, "2020-06-01");
        assertThat(count(row, "meetings")).isEqualTo(3);
        assertThat(count(row, "commune_reach")).isEqualTo(1);
        assertThat(count(row, "endpoints")).isEqualTo(16);
        assertThat(count(row, "participants")).isEqualTo(170);
        assertThat(count(row, "duration_minutes")).isEqualTo(165);
    }

    @Test
    void replayingAWholeBatchChangesNothing() {
        String unit = unit();
        ObjectNode[] batch = {
                documentIssued(unit, "urn:egov:test:docs", id(), "2020-07-01T10:00:00+07:00", true, true, true, false, true),
                documentReceived(unit, id(), "2020-07-01T11:00:00+07:00", true, true),
                meeting(unit, id(), "2020-07-01T12:00:00+07:00", 60, 5, 40, "COMMUNE"),
                caseReceived(unit, id(), "2020-07-01T09:00:00+07:00", "C1", "POSTAL", null, "2020-07-10T17:00:00+07:00"),
                caseResolved(unit, id(), "2020-07-08T09:00:00+07:00", "C1", null)};
        send(kafka, batch);
        barrier(unit);
        Map<String, Object> docs = dayRow("docs_daily", unit, "2020-07-01");
        Map<String, Object> vc = dayRow("vc_daily", unit, "2020-07-01");
        Map<String, Object> theCase = caseRow(unit, "C1");
        assertThat(count(docs, "issued")).isEqualTo(1);

        send(kafka, batch);
        barrier(unit);
        assertThat(dayRow("docs_daily", unit, "2020-07-01")).isEqualTo(docs);
        assertThat(dayRow("vc_daily", unit, "2020-07-01")).isEqualTo(vc);
        assertThat(caseRow(unit, "C1")).isEqualTo(theCase);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndDoesNotStopLaterRecords() {
        String unit = unit();
        String marker = id();
        try (TestSupport.DeadLetters dlq = new TestSupport.DeadLetters()) {
            sendRaw(kafka, List.of(new ProducerRecord<>(EVENTS, unit, "this is not JSON {" + marker),
                    new ProducerRecord<>(EVENTS, unit, "{\"specversion\":\"1.0\",\"id\":\"" + marker + "\"}")));
            send(kafka, meeting(unit, id(), "2020-08-01T08:00:00+07:00", 30, 2, 5, "COMMUNE"));
            await().atMost(DEADLINE).until(() -> dayRow("vc_daily", unit, "2020-08-01") != null);

            ConsumerRecord<String, String> notJson = dlq.await("this is not JSON {" + marker);
            assertThat(notJson.key()).isEqualTo(unit);
            assertThat(TestSupport.DeadLetters.header(notJson, "egov-error")).startsWith("scoring-service: not a valid event: not JSON");
            assertThat(TestSupport.DeadLetters.header(notJson, "egov-source-topic")).isEqualTo(EVENTS);
            ConsumerRecord<String, String> incomplete = dlq.await("\"id\":\"" + marker + "\"");
            assertThat(TestSupport.DeadLetters.header(incomplete, "egov-error")).contains("source").contains("is required");
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("egov_scoring_events_invalid_total(\\{[^}]*})? [1-9]");
    }

    /**
     * A valid event PostgreSQL refuses for its data (simulated by a trigger raising SQLSTATE
     * 22023) must not stall the stream forever: the other events of its batch are counted, and
     * it goes to the dead-letter topic with the database's reason.
     */
    @Test
    void anEventPostgreSqlRefusesIsDeadLetteredAndTheRestOfItsBatchCounted() {
        execute("""
                CREATE OR REPLACE FUNCTION scoring.test_refuse_poison() RETURNS trigger AS $$
                BEGIN
                    IF NEW.case_id LIKE 'poison-%' THEN
                        RAISE EXCEPTION 'test: case % refused', NEW.case_id USING ERRCODE = '22023';
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        execute("DROP TRIGGER IF EXISTS test_refuse_poison ON scoring.onestop_case");
        execute("CREATE TRIGGER test_refuse_poison BEFORE INSERT OR UPDATE ON scoring.onestop_case"
                + " FOR EACH ROW EXECUTE FUNCTION scoring.test_refuse_poison()");
        String unit = unit();
        String poison = "poison-" + id();
        try (TestSupport.DeadLetters dlq = new TestSupport.DeadLetters()) {
            send(kafka, caseReceived(unit, id(), "2020-05-01T08:00:00+07:00", "ok-1", "DIRECT", null, "2020-05-10T17:00:00+07:00"),
                    caseReceived(unit, id(), "2020-05-01T08:05:00+07:00", poison, "DIRECT", null, "2020-05-10T17:00:00+07:00"),
                    caseReceived(unit, id(), "2020-05-01T08:10:00+07:00", "ok-2", "ONLINE", 4, "2020-05-10T17:00:00+07:00"));
            barrier(unit);
            assertThat(caseRow(unit, "ok-1")).isNotNull();
            assertThat(caseRow(unit, "ok-2")).isNotNull();
            assertThat(caseRow(unit, poison)).isNull();

            ConsumerRecord<String, String> refused = dlq.await(poison);
            assertThat(refused.key()).isEqualTo(unit);
            assertThat(TestSupport.DeadLetters.header(refused, "egov-error"))
                    .startsWith("scoring-service: PostgreSQL refused it").contains("test: case " + poison + " refused");
        } finally {
            execute("DROP TRIGGER IF EXISTS test_refuse_poison ON scoring.onestop_case");
        }
    }

    @Test
    void aChangeNoticeNamesTheUnitAndItsDays() {
        String unit = unit();
        ConsumerTask<String, String> notices = kafka.consumeStrings().fromTopics(INDICATORS);
        try {
            send(kafka, meeting(unit, id(), "2020-09-02T08:00:00+07:00", 30, 2, 5, "COMMUNE"),
                    caseReceived(unit, id(), "2020-09-01T23:30:00Z", "C1", "DIRECT", null, "2020-09-10T17:00:00+07:00"));
            await().atMost(DEADLINE).until(() -> notices.getRecords().stream().anyMatch(r -> unit.equals(r.key())));
            ConsumerRecord<String, String> r = notices.getRecords().stream()
                    .filter(x -> unit.equals(x.key())).findFirst().orElseThrow();
            var value = JSON.readTree(r.value());
            assertThat(value.get("unit").asText()).isEqualTo(unit);
            assertThat(value.get("days").toString()).isEqualTo("[\"2020-09-02\"]");
            assertThat(value.get("at").asText()).isNotBlank();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            notices.stop();
        }
    }
}
