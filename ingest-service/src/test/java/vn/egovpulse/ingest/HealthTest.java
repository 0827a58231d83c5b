package vn.egovpulse.ingest;

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

    /**
     * A batch held through a long outage (Kafka, the registry) must not trip SmallRye's throttled
     * "unprocessed record max age", which closes the consumer for good: the input topics would
     * never resume without a restart.
     */
    @Test
    void noUnprocessedRecordAgeCanStopTheInputTopicsForGood() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        org.assertj.core.api.Assertions.assertThat(config.getValue(
                "mp.messaging.incoming.inputs.throttled.unprocessed-record-max-age.ms", Integer.class)).isZero();
        org.assertj.core.api.Assertions.assertThat(config.getValue(
                "mp.messaging.incoming.inputs.retry-attempts", Integer.class)).isEqualTo(-1);
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'kafka-input' }.status", is("UP"));
    }
}
