package vn.egovpulse.scoring;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.egovpulse.scoring.ConsumeTest.awaitCase;
import static vn.egovpulse.scoring.ConsumeTest.caseRow;
import static vn.egovpulse.scoring.TestSupport.*;

/**
 * SPEC 6, cases move with the reorganisation: commune A was merged into N on 2025-07-01. A case
 * received by A before the merger and resolved after it under N's code is A's case, counted once,
 * whatever order the two events arrive in.
 */
@QuarkusTest
class CaseMovesTest {
    static KafkaCompanion kafka;
    String p;
    String a;
    String n;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(BOOTSTRAP);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String unit(String code, String tier, String parent, String validFrom, String validTo, String successor) {
        return "{\"code\":\"" + code + "\",\"name\":\"Đơn vị " + code + "\",\"tier\":\"" + tier + "\",\"parent\":\"" + parent + "\""
                + (validFrom == null ? "" : ",\"validFrom\":\"" + validFrom + "\"")
                + (validTo == null ? "" : ",\"validTo\":\"" + validTo + "\"")
                + (successor == null ? "" : ",\"successor\":\"" + successor + "\"") + "}";
    }

    @BeforeEach
    void merger() {
        p = randomProvince();
        a = p + ".X.A";
        n = p + ".X.N";
        given().auth().oauth2(tokenOf("urn:egov:VN:admin", "VN", "admin", "national")).contentType(ContentType.JSON)
                .body("[{\"code\":\"" + p + "\",\"name\":\"Tỉnh " + p + "\",\"tier\":\"PROVINCE\"},"
                        + unit(n, "COMMUNE", p, "2025-07-01", null, null) + ","
                        + unit(a, "COMMUNE", p, null, "2025-06-30", n) + "]")
                .put("/api/v1/units").then().statusCode(200);
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static List<Map<String, Object>> casesOf(String caseId, String unit1, String unit2) {
        return rows("SELECT unit FROM scoring.onestop_case WHERE case_id = ? AND unit IN (?, ?)", caseId, unit1, unit2);
    }

    @Test
    void aResolutionSentWithTheSuccessorsCodeResolvesThePredecessorsCase() {
        send(kafka, caseReceived(a, id(), "2025-06-20T09:00:00+07:00", "C1", "DIRECT", null, "2025-07-10T17:00:00+07:00"));
        awaitCase(a, "C1");
        send(kafka, caseResolved(n, id(), "2025-07-08T10:00:00+07:00", "C1", null));
        org.awaitility.Awaitility.await().atMost(ConsumeTest.DEADLINE).until(() -> caseRow(a, "C1").get("resolved_day") != null);
        Map<String, Object> row = caseRow(a, "C1");
        assertThat(row.get("received_day")).isEqualTo(Date.valueOf("2025-06-20"));
        assertThat(row.get("resolved_day")).isEqualTo(Date.valueOf("2025-07-08"));
        assertThat(row.get("due_day")).isEqualTo(Date.valueOf("2025-07-10"));
        // A later correction under N's code still finds A's case; N never holds a second one.
        send(kafka, caseResolved(n, id(), "2025-07-09T10:00:00+07:00", "C1", "2025-07-20T17:00:00+07:00"));
        org.awaitility.Awaitility.await().atMost(ConsumeTest.DEADLINE)
                .until(() -> Date.valueOf("2025-07-09").equals(caseRow(a, "C1").get("resolved_day")));
        assertThat(caseRow(a, "C1").get("due_day")).isEqualTo(Date.valueOf("2025-07-20"));
        assertThat(casesOf("C1", a, n)).hasSize(1);
        // A case N received itself stays N's.
        send(kafka, caseReceived(n, id(), "2025-07-02T09:00:00+07:00", "C2", "DIRECT", null, "2025-07-10T17:00:00+07:00"),
                caseResolved(n, id(), "2025-07-03T09:00:00+07:00", "C2", null));
        org.awaitility.Awaitility.await().atMost(ConsumeTest.DEADLINE)
                .until(() -> caseRow(n, "C2") != null && caseRow(n, "C2").get("resolved_day") != null);
        assertThat(casesOf("C2", a, n)).hasSize(1);
    }

    @Test
    void aResolutionUnderTheSuccessorBeforeTheReceiptUnderThePredecessorEndsAsIfInOrder() {
        send(kafka, caseResolved(n, id(), "2025-07-08T10:00:00+07:00", "C3", null));
        awaitCase(n, "C3");
        send(kafka, caseReceived(a, id(), "2025-06-20T09:00:00+07:00", "C3", "ONLINE", 4, "2025-07-10T17:00:00+07:00"));
        org.awaitility.Awaitility.await().atMost(ConsumeTest.DEADLINE).until(() -> caseRow(n, "C3") == null);
        Map<String, Object> row = caseRow(a, "C3");
        assertThat(row.get("received_day")).isEqualTo(Date.valueOf("2025-06-20"));
        assertThat(row.get("resolved_day")).isEqualTo(Date.valueOf("2025-07-08"));
        assertThat(row.get("channel")).isEqualTo("ONLINE");
        assertThat(casesOf("C3", a, n)).hasSize(1);
    }

    @Test
    void bothEventsSentTogetherMakeOneCase() {
        send(kafka, caseReceived(a, id(), "2025-06-20T09:00:00+07:00", "C4", "DIRECT", null, "2025-07-10T17:00:00+07:00"),
                caseResolved(n, id(), "2025-07-08T10:00:00+07:00", "C4", null));
        org.awaitility.Awaitility.await().atMost(ConsumeTest.DEADLINE)
                .until(() -> caseRow(a, "C4") != null && caseRow(a, "C4").get("resolved_day") != null);
        assertThat(casesOf("C4", a, n)).hasSize(1);
    }
}
