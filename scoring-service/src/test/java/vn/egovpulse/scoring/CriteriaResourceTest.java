package vn.egovpulse.scoring;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static vn.egovpulse.scoring.TestSupport.*;

/** The criteria set API of SPEC section 4: list, read, versioned replace, validation, roles. */
@QuarkusTest
class CriteriaResourceTest {
    static final String ADMIN = token("urn:egov:PTO:admin", "admin");
    static final String INGEST = token("urn:egov:PTO:one-stop", "ingest");

    static String newId() {
        return "t-" + randomProvince().toLowerCase();
    }

    static String body(String key, String maxPoints, String fullMarksAt) {
        return """
                {"name": "Bộ tiêu chí thử", "groups": [
                  {"name": "Tiến độ giải quyết", "indicators": [{"key": "%s", "maxPoints": %s, "fullMarksAt": %s}]},
                  {"name": "Họp trực tuyến", "indicators": [{"key": "vc.communeReachRate", "maxPoints": 20, "fullMarksAt": 0.5}]}
                ]}""".formatted(key, maxPoints, fullMarksAt);
    }

    @Test
    void theDefaultSetIsListedWithTheSpecWeights() {
        given().get("/api/v1/criteria").then().statusCode(200).body("id", hasItem("default-2026"));
        given().get("/api/v1/criteria/default-2026?version=1").then().statusCode(200)
                .body("version", is(1))
                .body("maxPoints", is(100.0f))
                .body("groups.name", contains("Tiến độ giải quyết", "Dịch vụ công trực tuyến", "Văn bản điện tử", "Họp trực tuyến"))
                .body("groups.flatten().indicators.flatten().key", contains("onestop.onTimeRate", "onestop.onlineRate",
                        "onestop.fullOnlineRate", "docs.signedRate", "docs.electronicRate", "docs.leaderSignedRate",
                        "vc.communeReachRate"))
                .body("groups.flatten().indicators.flatten().maxPoints", contains(30.0f, 15.0f, 10.0f, 15.0f, 10.0f, 10.0f, 10.0f))
                .body("groups.flatten().indicators.flatten().fullMarksAt", contains(1.0f, 0.5f, 0.3f, 0.9f, 0.9f, 0.8f, 0.8f));
    }

    @Test
    void aPutAddsVersionsAndTheLatestIsCurrent() {
        String id = newId();
        KafkaCompanion kafka = new KafkaCompanion(BOOTSTRAP);
        ConsumerTask<String, String> notices = kafka.consumeStrings().fromTopics(INDICATORS);
        try {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body("onestop.onTimeRate", "30", "1.0"))
                    .put("/api/v1/criteria/" + id).then().statusCode(200)
                    .body("id", is(id)).body("version", is(1)).body("name", is("Bộ tiêu chí thử")).body("maxPoints", is(50.0f));
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body("onestop.onlineRate", "40", "0.6"))
                    .put("/api/v1/criteria/" + id).then().statusCode(200).body("version", is(2)).body("maxPoints", is(60.0f));

            given().get("/api/v1/criteria/" + id).then().statusCode(200)
                    .body("version", is(2)).body("groups[0].indicators[0].key", is("onestop.onlineRate"));
            given().get("/api/v1/criteria/" + id + "?version=1").then().statusCode(200)
                    .body("version", is(1)).body("groups[0].indicators[0].key", is("onestop.onTimeRate"));
            given().get("/api/v1/criteria").then().statusCode(200)
                    .body("find { it.id == '" + id + "' }.version", is(2));

            await().atMost(Duration.ofSeconds(20)).until(() -> notices.getRecords().stream()
                    .anyMatch(r -> ("criteria/" + id).equals(r.key()) && r.value().contains("\"version\":2")));
            assertThat(notices.getRecords().stream().filter(r -> ("criteria/" + id).equals(r.key())).toList())
                    .allSatisfy(r -> assertThat(r.value()).contains("\"criteria\":\"" + id + "\""));
        } finally {
            notices.stop();
            kafka.close();
        }
    }

    @Test
    void anUnknownSetIs404() {
        given().get("/api/v1/criteria/no-such-set-" + newId()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/v1/criteria/default-2026?version=999999").then().statusCode(404);
    }

    @Test
    void invalidSetsAreRefusedNamingTheField() {
        String id = newId();
        refused(id, body("onestop.noSuchThing", "30", "1.0"), "groups[0].indicators[0].key");
        refused(id, body("onestop.onTimeRate", "0", "1.0"), "groups[0].indicators[0].maxPoints");
        refused(id, body("onestop.onTimeRate", "-5", "1.0"), "groups[0].indicators[0].maxPoints");
        refused(id, body("onestop.onTimeRate", "30", "0"), "groups[0].indicators[0].fullMarksAt");
        refused(id, body("onestop.onTimeRate", "30", "1.5"), "groups[0].indicators[0].fullMarksAt");
        refused(id, "{\"groups\": []}", "groups");
        refused("-not-an-id", body("onestop.onTimeRate", "30", "1.0"), "id");
        refused(id, "{\"groups\": [", "body");
        refused(id, body("onestop.onTimeRate", "\"thirty\"", "1.0"), "groups[0].indicators[0].maxPoints");
        // 1e999 is valid JSON that Java reads as Infinity; it answered 500 before.
        refused(id, body("onestop.onTimeRate", "1e999", "1.0"), "groups[0].indicators[0].maxPoints");
        refused(id, body("onestop.onTimeRate", "1000000", "1.0"), "groups[0].indicators[0].maxPoints");
        refused(id, body("onestop.received", "30", "1e999"), "groups[0].indicators[0].fullMarksAt");
        given().get("/api/v1/criteria/" + id).then().statusCode(404);
    }

    private static void refused(String id, String body, String field) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .put("/api/v1/criteria/" + id).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", is(400))
                .body("errors.field", hasItem(field));
    }

    @Test
    void onlyAnAdminMayChangeASet() {
        String id = newId();
        String body = body("onestop.onTimeRate", "30", "1.0");
        given().contentType(ContentType.JSON).body(body).put("/api/v1/criteria/" + id).then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2("not-a-token").contentType(ContentType.JSON).body(body).put("/api/v1/criteria/" + id)
                .then().statusCode(401);
        given().auth().oauth2(INGEST).contentType(ContentType.JSON).body(body).put("/api/v1/criteria/" + id)
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().get("/api/v1/criteria/" + id).then().statusCode(404);
    }

    @Test
    void theSharedDefaultSetNeedsANationalAdmin() {
        String before = given().get("/api/v1/criteria/default-2026").then().statusCode(200).extract().asString();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body("onestop.onTimeRate", "100", "1.0"))
                .put("/api/v1/criteria/default-2026").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("national"));
        given().get("/api/v1/criteria/default-2026").then().statusCode(200).body(is(before));
    }

    @Test
    void aProvinceSetIsReplacedOnlyByThatProvinceOrANationalAdmin() {
        String id = newId();
        String other = tokenOf("urn:egov:OTH:admin", "OTH", "admin");
        String national = tokenOf("urn:egov:VN:admin", "VN", "admin", "national");
        given().auth().oauth2(other).contentType(ContentType.JSON).body(body("onestop.onTimeRate", "30", "1.0"))
                .put("/api/v1/criteria/" + id).then().statusCode(200).body("version", is(1));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body("onestop.onTimeRate", "50", "1.0"))
                .put("/api/v1/criteria/" + id).then().statusCode(403).body("detail", containsString("OTH"));
        given().auth().oauth2(other).contentType(ContentType.JSON).body(body("onestop.onTimeRate", "40", "1.0"))
                .put("/api/v1/criteria/" + id).then().statusCode(200).body("version", is(2));
        given().auth().oauth2(national).contentType(ContentType.JSON).body(body("onestop.onTimeRate", "60", "1.0"))
                .put("/api/v1/criteria/" + id).then().statusCode(200).body("version", is(3));
        given().get("/api/v1/criteria/" + id).then().statusCode(200).body("version", is(3));
    }
}
