package vn.egovpulse.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.reporting.Fixtures.unit;

/** egov.read.require-token=true: reads need a viewer (or admin) token. */
@QuarkusTest
@TestProfile(ReadAccessTest.RequireToken.class)
class ReadAccessTest {
    public static class RequireToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Criteria writes go to a stub of scoring-service served by this test application.
            return Map.of("egov.read.require-token", "true", "egov.reporting.scoring-url", "http://127.0.0.1:18080/stub-scoring");
        }
    }

    @Test
    void readsNeedAViewerToken() {
        String p = Fixtures.randomProvince();
        Fixtures.putUnits(List.of(unit(p, "Tỉnh Điện Biên", "PROVINCE", null)));
        String path = "/api/v1/provinces/" + p + "/indicators";
        given().queryParam("period", "2020").get(path).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("not-a-token").queryParam("period", "2020").get(path).then().statusCode(401);
        given().auth().oauth2(Fixtures.token("ingest")).queryParam("period", "2020").get(path).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Fixtures.token("viewer")).queryParam("period", "2020").get(path).then().statusCode(200)
                .body("name", is("Tỉnh Điện Biên"));
        given().auth().oauth2(Fixtures.token("admin")).queryParam("province", p).queryParam("tier", "DISTRICT")
                .queryParam("period", "2020").get("/api/v1/rankings").then().statusCode(200);
        given().get("/api/v1/criteria").then().statusCode(401);
        // The dashboard page itself stays public.
        given().get("/").then().statusCode(200);
    }

    @Test
    void criteriaWritesAreForwardedToScoring() {
        given().auth().oauth2(Fixtures.token("admin")).contentType("application/json").body("{\"name\":\"Bộ tiêu chí thử\"}")
                .put("/api/v1/criteria/test-set").then().statusCode(201)
                .contentType("application/json")
                .body("id", is("test-set"))
                .body("auth", is(true))
                .body("body.name", is("Bộ tiêu chí thử"));
    }
}
