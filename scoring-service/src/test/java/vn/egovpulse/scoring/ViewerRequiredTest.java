package vn.egovpulse.scoring;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static vn.egovpulse.scoring.TestSupport.token;

/** With egov.read.require-token=true, reading criteria sets needs a viewer (or admin) token. */
@QuarkusTest
@TestProfile(ViewerRequiredTest.ViewerRequired.class)
class ViewerRequiredTest {

    public static class ViewerRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("egov.read.require-token", "true");
        }
    }

    @Test
    void readingNeedsAViewerToken() {
        given().get("/api/v1/criteria").then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(token("urn:egov:PTO:one-stop", "ingest")).get("/api/v1/criteria").then().statusCode(403);
        given().auth().oauth2(token("urn:egov:PTO:press", "viewer")).get("/api/v1/criteria").then().statusCode(200)
                .body("id", hasItem("default-2026"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
