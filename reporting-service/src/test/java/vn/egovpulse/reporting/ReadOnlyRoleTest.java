package vn.egovpulse.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.reporting.Fixtures.unit;

/**
 * Issue 12 (2): outside tests reporting-service logs in as egov_reader (application.properties),
 * which migration V8 lets SELECT schema scoring and nothing else. This test runs the service as that
 * role: it reads the facts, and any write of its connection is refused by PostgreSQL.
 */
@QuarkusTest
@TestProfile(ReadOnlyRoleTest.AsReader.class)
class ReadOnlyRoleTest {
    /** The datasource of the local stack and Kubernetes: egov_reader, not the owner. */
    public static class AsReader implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.username", "egov_reader",
                    "quarkus.datasource.password", System.getenv().getOrDefault("EGOV_DB_READER_PASSWORD", "egov_reader"));
        }
    }

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    private Pool owner;

    @AfterEach
    void close() {
        if (owner != null) {
            owner.closeAndAwait();
        }
    }

    @Test
    void theServiceConnectionIsTheReader() {
        String who = pool.query("SELECT current_user").execute().await().indefinitely().iterator().next().getString(0);
        assertThat(who).isEqualTo("egov_reader");
    }

    @Test
    void itCannotWriteAFactsTable() {
        assertThatThrownBy(() -> Fixtures.kase(pool, "TREADER.H.X", "ro-1", "2020-03-10", "ONLINE", 4, "2020-03-20", null, null))
                .hasMessageContaining("permission denied for table onestop_case");
        assertThatThrownBy(() -> pool.query("UPDATE scoring.docs_daily SET issued = issued + 1").execute().await().indefinitely())
                .hasMessageContaining("permission denied for table docs_daily");
        assertThatThrownBy(() -> pool.query("DELETE FROM scoring.vc_daily").execute().await().indefinitely())
                .hasMessageContaining("permission denied for table vc_daily");
        assertThatThrownBy(() -> pool.query("CREATE TABLE scoring.reader_was_here (x int)").execute().await().indefinitely())
                .hasMessageContaining("permission denied for schema scoring");
    }

    @Test
    void itReadsWhatTheOwnerWrote() {
        String p = Fixtures.randomProvince();
        String district = p + ".H.THANHBA";
        Fixtures.putUnits(List.of(unit(p, "Tỉnh " + p, "PROVINCE", null), unit(district, "UBND huyện Thanh Ba", "DISTRICT", p)));
        owner = Pool.newInstance(PgBuilder.pool()
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase("egov_test")
                        .setUser("egov").setPassword("egov"))
                .using(vertx).build());
        Fixtures.kase(owner, district, "ro-1", "2020-03-10", "ONLINE", 4, "2020-03-20", "2020-03-15", null);
        Fixtures.kase(owner, district, "ro-2", "2020-04-10", "DIRECT", null, "2020-04-20", null, null);

        given().queryParam("period", "2020").get("/api/v1/units/" + district + "/indicators").then().statusCode(200)
                .body("indicators.'onestop.received'.value", is(2))
                .body("indicators.'onestop.resolved'.numerator", is(1));
    }
}
