package vn.egovpulse.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.scoring.rest.CriteriaResource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static vn.egovpulse.scoring.TestSupport.randomProvince;
import static vn.egovpulse.scoring.TestSupport.token;
import static vn.egovpulse.scoring.TestSupport.tokenOf;

/** SPEC 7.3: whenNoData, tiers and bands on PUT and GET, and the built-in qd766 set. */
@QuarkusTest
class CriteriaV2Test {
    static final String ADMIN = token("urn:egov:PTO:admin", "admin");

    @Inject
    ObjectMapper json;

    static String newId() {
        return "v2-" + randomProvince().toLowerCase();
    }

    /** One group of one indicator, with the given extra fields, and the given bands (or none). */
    static String body(String indicatorExtra, String bands) {
        return """
                {"name": "Bộ v2", "groups": [
                  {"name": "Mức độ hài lòng", "indicators": [
                    {"key": "onestop.onTimeRate", "maxPoints": 20, "fullMarksAt": 1.0},
                    {"key": "feedback.onTimeRate", "maxPoints": 6, "fullMarksAt": 1.0%s}]}]%s}"""
                .formatted(indicatorExtra, bands == null ? "" : ", \"bands\": " + bands);
    }

    @Test
    void qd766IsSeededExactlyAsTheSpecTable() throws Exception {
        String answer = given().get("/api/v1/criteria/qd766?version=1").then().statusCode(200)
                .body("maxPoints", is(100.0f))
                .body("groups.name", contains("Công khai, minh bạch", "Tiến độ, kết quả giải quyết",
                        "Cung cấp dịch vụ trực tuyến", "Thanh toán trực tuyến", "Số hóa hồ sơ", "Mức độ hài lòng"))
                .body("bands.label", contains("Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"))
                .body("groups[5].indicators[0].whenNoData", is("FULL"))
                .body("groups[2].indicators[0].tiers", contains("PROVINCE", "DEPARTMENT", "DISTRICT"))
                .extract().asString();
        JsonNode expected = json.valueToTree(CriteriaResource.CriteriaSetDto.of(CriteriaSet.qd766()));
        assertThat(json.readTree(answer)).isEqualTo(expected);
        given().get("/api/v1/criteria").then().statusCode(200).body("id", hasItem("qd766"));
    }

    @Test
    void qd766IsSharedAndNeedsANationalAdmin() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body("", null))
                .put("/api/v1/criteria/qd766").then().statusCode(403);
    }

    @Test
    void v2FieldsAreStoredAndShown() {
        String id = newId();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(body(", \"whenNoData\": \"FULL\", \"tiers\": [\"DISTRICT\", \"COMMUNE\"]",
                        "[{\"min\": 75.5, \"label\": \"Tốt\"}, {\"min\": 0, \"label\": \"Chưa đạt\"}]"))
                .put("/api/v1/criteria/" + id).then().statusCode(200)
                .body("groups[0].indicators[1].whenNoData", is("FULL"))
                .body("bands.min", contains(75.5f, 0.0f));
        given().get("/api/v1/criteria/" + id).then().statusCode(200)
                .body("groups[0].indicators[0].whenNoData", is("NOT_APPLICABLE"))
                .body("groups[0].indicators[0].tiers", nullValue())
                .body("groups[0].indicators[1].whenNoData", is("FULL"))
                .body("groups[0].indicators[1].tiers", contains("DISTRICT", "COMMUNE"))
                .body("bands.label", contains("Tốt", "Chưa đạt"));
        // a v1 body: no bands, every indicator NOT_APPLICABLE for every tier
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body("", null))
                .put("/api/v1/criteria/" + id).then().statusCode(200).body("version", is(2));
        given().get("/api/v1/criteria/" + id).then().statusCode(200)
                .body("bands", nullValue())
                .body("groups[0].indicators[1].whenNoData", is("NOT_APPLICABLE"))
                .body("groups[0].indicators[1].tiers", nullValue());
    }

    @Test
    void v2KeysAreAccepted() {
        String id = newId();
        String body = """
                {"groups": [{"name": "g", "indicators": [
                  {"key": "onestop.fullOnlineUptake", "maxPoints": 12, "fullMarksAt": 1.0},
                  {"key": "feedback.received", "maxPoints": 2, "fullMarksAt": 5},
                  {"key": "assessed.publishOnTime", "maxPoints": 6, "fullMarksAt": 1.0}]}]}""";
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).put("/api/v1/criteria/" + id)
                .then().statusCode(200).body("groups[0].indicators.key",
                        contains("onestop.fullOnlineUptake", "feedback.received", "assessed.publishOnTime"));
    }

    @Test
    void badV2FieldsAreRefusedNamingTheField() {
        String id = newId();
        refused(id, body(", \"whenNoData\": \"SOMETIMES\"", null), "groups[0].indicators[1].whenNoData");
        refused(id, body(", \"tiers\": [\"VILLAGE\"]", null), "groups[0].indicators[1].tiers[0]");
        refused(id, body(", \"tiers\": []", null), "groups[0].indicators[1].tiers");
        refused(id, body(", \"tiers\": \"COMMUNE\"", null), "groups[0].indicators[1].tiers");
        refused(id, body("", "[{\"min\": 50, \"label\": \"A\"}, {\"min\": 50, \"label\": \"B\"}]"), "bands[1].min");
        refused(id, body("", "[{\"min\": 50, \"label\": \"A\"}, {\"min\": 60, \"label\": \"B\"}]"), "bands[1].min");
        refused(id, body("", "[{\"min\": 120, \"label\": \"A\"}]"), "bands[0].min");
        refused(id, body("", "[{\"min\": -1, \"label\": \"A\"}]"), "bands[0].min");
        refused(id, body("", "[{\"min\": 1e999, \"label\": \"A\"}]"), "bands[0].min");
        refused(id, body("", "[{\"label\": \"A\"}]"), "bands[0].min");
        refused(id, body("", "[{\"min\": 10, \"label\": \"\"}]"), "bands[0].label");
        refused(id, body("", "[{\"min\": 10, \"label\": \"" + "x".repeat(101) + "\"}]"), "bands[0].label");
        refused(id, body("", "\"Xuất sắc\""), "bands");
        refused(id, body("", null).replace("feedback.onTimeRate", "assessed.bad-name"), "groups[0].indicators[1].key");
        given().get("/api/v1/criteria/" + id).then().statusCode(404);
    }

    private static void refused(String id, String body, String field) {
        given().auth().oauth2(tokenOf("urn:egov:VN:admin", "VN", "admin", "national")).contentType(ContentType.JSON)
                .body(body).put("/api/v1/criteria/" + id).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem(field));
    }
}
