package vn.egovpulse.reporting;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static vn.egovpulse.reporting.Fixtures.kase;
import static vn.egovpulse.reporting.StructureTest.unit;

/**
 * SPEC 6: a PUT of the registry that merges units re-scores the readings and pushes the live
 * streams, without any event sent again (no change notice from scoring here at all).
 */
@QuarkusTest
class RegistryChangeStreamTest {
    @Inject
    Pool pool;

    @TestHTTPResource("/api/v1/rankings/stream")
    URL stream;

    final List<InputStream> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (InputStream in : open) {
            in.close();
        }
    }

    /** The data of the {@code ranking} events of a stream, as they arrive. */
    private List<String> rankings(String query) throws Exception {
        HttpResponse<InputStream> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stream + "?" + query))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.statusCode()).isEqualTo(200);
        open.add(res.body());
        List<String> events = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                String name = null;
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:") && "ranking".equals(name)) {
                        events.add(line.substring(5).stripLeading());
                    } else if (line.isEmpty()) {
                        name = null;
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    @Test
    void aMergerPutPushesTheNewLeague() throws Exception {
        String p = Fixtures.randomProvince();
        Fixtures.putUnits(List.of(unit(p, "PROVINCE", null, null, null, null),
                unit(p + ".H", "DISTRICT", p, null, null, null),
                unit(p + ".X.A", "COMMUNE", p + ".H", null, null, null),
                unit(p + ".X.B", "COMMUNE", p + ".H", null, null, null)));
        kase(pool, p + ".X.A", "a1", "2025-02-01", "DIRECT", null, "2025-02-10", "2025-02-05", null);
        kase(pool, p + ".X.B", "b1", "2025-03-01", "DIRECT", null, "2025-03-10", "2025-03-05", null);
        given().queryParam("province", p).queryParam("tier", "COMMUNE").queryParam("period", "2025")
                .get("/api/v1/rankings").then().statusCode(200).body("entries.unit.code", contains(p + ".X.A", p + ".X.B"));
        List<String> asItStood = rankings("province=" + p + "&tier=COMMUNE&period=2025");
        List<String> today = rankings("province=" + p + "&tier=COMMUNE&period=2024&structure=current");

        // 1 July 2025: the district is abolished, A and B merge into N, directly under the province.
        Fixtures.putUnits(List.of(unit(p + ".X.N", "COMMUNE", p, "2025-07-01", null, null),
                unit(p + ".H", "DISTRICT", p, null, "2025-06-30", null),
                unit(p + ".X.A", "COMMUNE", p + ".H", null, "2025-06-30", p + ".X.N"),
                unit(p + ".X.B", "COMMUNE", p + ".H", null, "2025-06-30", p + ".X.N")));

        await().atMost(Duration.ofSeconds(10)).until(() -> !asItStood.isEmpty() && !today.isEmpty());
        io.restassured.path.json.JsonPath pushed = io.restassured.path.json.JsonPath.from(asItStood.get(asItStood.size() - 1));
        assertThat(pushed.getString("structure")).isEqualTo("2025-12-31");
        assertThat(pushed.getList("entries.unit.code", String.class)).containsExactly(p + ".X.N");
        assertThat(pushed.getInt("entries[0].indicators.'onestop.received'.value")).isEqualTo(2);
        io.restassured.path.json.JsonPath current = io.restassured.path.json.JsonPath.from(today.get(today.size() - 1));
        assertThat(current.getString("structure")).isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString());
        assertThat(current.getList("unranked.unit.code", String.class)).containsExactly(p + ".X.N");
        // The same reading without the stream shows it too.
        given().queryParam("province", p).queryParam("tier", "COMMUNE").queryParam("period", "2025")
                .get("/api/v1/rankings").then().statusCode(200).body("entries.unit.code", contains(p + ".X.N"));
    }
}
