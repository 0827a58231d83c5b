package vn.egovpulse.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.reporting.Fixtures.kase;
import static vn.egovpulse.reporting.Fixtures.unit;

/**
 * PostgreSQL unreachable or too slow: reads answer 503 problem+json with Retry-After (never 500),
 * a ranking already in memory is still served, and reads work again once the database is back.
 * The service reaches the database through a relay the test takes down ({@link DbProxy}).
 */
@QuarkusTest
@TestProfile(DatabaseFaultsTest.ThroughRelay.class)
class DatabaseFaultsTest {
    /** The database as the other tests reach it (the build may point them at another database). */
    static final URI DATABASE = URI.create(System.getProperty("quarkus.datasource.reactive.url",
            "postgresql://127.0.0.1:5432/egov_test"));

    public static class ThroughRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + DATABASE.getPath(),
                    "quarkus.datasource.reactive.additional-properties.statement_timeout", "2s",
                    "egov.reporting.retry-after", "7s");
        }
    }

    static DbProxy relay;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @Inject
    Pool pool;

    @BeforeEach
    void relayUp() throws Exception {
        if (relay == null) {
            relay = new DbProxy(URI.create(url).getPort(), DATABASE.getHost(), DATABASE.getPort());
        }
        relay.up();
    }

    @AfterAll
    static void relayGone() throws Exception {
        if (relay != null) {
            relay.close();
        }
    }

    private static void unavailable(Response r) {
        r.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "7")
                .body("status", is(503));
    }

    @Test
    void readsAnswer503WhileTheDatabaseIsDownAndWorkAgainAfter() throws Exception {
        String p = Fixtures.randomProvince();
        String a = p + ".H.A";
        Fixtures.putUnits(List.of(unit(p, "Tỉnh Lai Châu", "PROVINCE", null),
                unit(a, "UBND huyện Tam Đường", "DISTRICT", p)));
        kase(pool, a, "a1", "2020-05-01", "DIRECT", null, "2020-05-10", "2020-05-05", null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> ranking(p, "2020").then().statusCode(200)
                .body("entries.unit.code", is(List.of(a))));

        relay.down();

        // In memory already: still answered.
        ranking(p, "2020").then().statusCode(200).body("entries.unit.code", is(List.of(a)));
        // Everything that needs the database.
        unavailable(ranking(p, "2019"));
        unavailable(given().accept("text/csv").queryParam("province", p).queryParam("tier", "DISTRICT")
                .queryParam("period", "2018").get("/api/v1/rankings"));
        unavailable(given().queryParam("period", "2019").get("/api/v1/units/" + a + "/indicators"));
        unavailable(given().accept("text/csv").queryParam("period", "2019").get("/api/v1/units/" + a + "/indicators"));
        unavailable(given().queryParam("period", "2019").get("/api/v1/provinces/" + p + "/indicators"));
        unavailable(given().queryParam("indicator", "onestop.received").queryParam("from", "2019-01").queryParam("to", "2019-12")
                .get("/api/v1/units/" + a + "/history"));
        unavailable(given().get("/api/v1/criteria"));
        unavailable(given().accept("text/event-stream").queryParam("province", p).queryParam("tier", "DISTRICT")
                .queryParam("period", "2017").get("/api/v1/rankings/stream"));

        relay.up();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> ranking(p, "2019").then().statusCode(200));
        given().queryParam("period", "2020").get("/api/v1/units/" + a + "/indicators").then().statusCode(200)
                .body("indicators.'onestop.received'.value", is(1));
        given().queryParam("indicator", "onestop.received").queryParam("from", "2020-01").queryParam("to", "2020-12")
                .get("/api/v1/units/" + a + "/history").then().statusCode(200);
        given().get("/api/v1/criteria").then().statusCode(200);
    }

    @Test
    void aQueryCancelledByTheStatementTimeoutAnswers503() {
        // Every connection of the service's pool carries the timeout (2 s in this profile).
        Throwable slow = catchThrowable(() -> pool.query("SELECT pg_sleep(3)").execute().await().atMost(Duration.ofSeconds(10)));
        assertThat(slow).isInstanceOf(PgException.class);
        assertThat(((PgException) slow).getSqlState()).isEqualTo("57014");

        // A read stuck behind a lock is cancelled and answered 503, not 500.
        SqlConnection locker = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            locker.query("BEGIN").execute().await().atMost(Duration.ofSeconds(10));
            locker.query("LOCK TABLE scoring.criteria_set IN ACCESS EXCLUSIVE MODE").execute().await().atMost(Duration.ofSeconds(10));
            // Without the timeout the read would wait for the lock as long as it is held; give up
            // well before that (the bound is loose: a loaded 2-core machine is slow to answer).
            unavailable(given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.socket.timeout", 30_000))).get("/api/v1/criteria"));
        } finally {
            locker.query("ROLLBACK").execute().await().atMost(Duration.ofSeconds(10));
            locker.close().await().atMost(Duration.ofSeconds(10));
        }
        given().get("/api/v1/criteria").then().statusCode(200);
    }

    private static Response ranking(String p, String period) {
        return given().queryParam("province", p).queryParam("tier", "DISTRICT").queryParam("period", period).get("/api/v1/rankings");
    }
}
