package vn.egovpulse.scoring;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** The service starts against the real broker and database and says it is ready. */
@QuarkusTest
class HealthTest {
    @Test
    void readinessIsUpWithKafkaAndDatabaseChecks() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", is("UP")));
        given().get("/q/health/ready").then()
                .body("checks.name", hasItems("Kafka connection health check", "unit-registry"))
                .body("checks.find { it.name.contains('PostgreSQL') }.status", is("UP"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
