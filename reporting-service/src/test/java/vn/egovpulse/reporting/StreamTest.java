package vn.egovpulse.reporting;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.reporting.Fixtures.kase;
import static vn.egovpulse.reporting.Fixtures.unit;

/** SSE: a ranking event arrives after scoring's change notice, showing the change. */
@QuarkusTest
class StreamTest {
    @Inject
    Pool pool;

    @TestHTTPResource("/api/v1/rankings/stream")
    URL stream;

    String s;
    final List<InputStream> open = new ArrayList<>();

    /** One parsed SSE event. */
    record Event(String name, String id, String data) {
    }

    @BeforeEach
    void league() {
        s = Fixtures.randomProvince();
        Fixtures.putUnits(List.of(
                unit(s, "Tỉnh Sơn La", "PROVINCE", null),
                unit(s + ".H.A", "UBND huyện Mộc Châu", "DISTRICT", s),
                unit(s + ".H.B", "UBND huyện Mường La", "DISTRICT", s)));
        kase(pool, s + ".H.A", "a1", "2020-05-01", "DIRECT", null, "2020-05-10", "2020-05-05", null);
    }

    @AfterEach
    void close() throws Exception {
        for (InputStream in : open) {
            in.close();
        }
    }

    /** Opens the stream (returns once the response headers are in) and collects its events. */
    private List<Event> listen(String query, Map<String, String> headers) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(stream + "?" + query)).header("Accept", "text/event-stream");
        headers.forEach(req::header);
        HttpResponse<InputStream> res = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        open.add(res.body());
        List<Event> events = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                String name = null, id = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (name != null || data.length() > 0) {
                            events.add(new Event(name, id, data.toString()));
                        }
                        name = null;
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).stripLeading());
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
    void aChangeNoticeSendsTheChangedRanking() throws Exception {
        List<Event> events = listen("province=" + s + "&tier=DISTRICT&period=2020", Map.of());
        // B gets a case resolved late: it joins the ranking with score 0; scoring says so on Kafka.
        kase(pool, s + ".H.B", "b1", "2020-05-01", "DIRECT", null, "2020-05-10", "2020-05-20", null);
        Fixtures.notice(s + ".H.B", "2020-05-20");
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        Event e = events.get(0);
        assertThat(e.name()).isEqualTo("ranking");
        assertThat(e.id()).isNotBlank();
        // The first event is the changed ranking, not a snapshot sent on connect.
        assertThat(e.data()).contains("\"province\":\"" + s + "\"")
                .contains("\"code\":\"" + s + ".H.B\",\"name\":\"UBND huyện Mường La\"},\"score\":0.0");
        given().queryParam("province", s).queryParam("tier", "DISTRICT").queryParam("period", "2020")
                .get("/api/v1/rankings").then().body("entries.unit.code", is(List.of(s + ".H.A", s + ".H.B")));

        // A client reconnecting with an outdated Last-Event-ID gets the current ranking at once,
        // with the same id the live client saw.
        List<Event> late = listen("province=" + s + "&tier=DISTRICT&period=2020", Map.of("Last-Event-ID", "outdated"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !late.isEmpty());
        assertThat(late.get(0).name()).isEqualTo("ranking");
        assertThat(late.get(0).id()).isEqualTo(e.id());
    }

    @Test
    void theNationalLeagueStreamsAChangeOfAnyProvince() throws Exception {
        // SPEC 7.4: tier=PROVINCE without a province; 2012 is a year no other test writes.
        List<Event> events = listen("tier=PROVINCE&period=2012", Map.of());
        kase(pool, s + ".H.B", "n1", "2012-05-01", "DIRECT", null, "2012-05-10", "2012-05-02", null);
        Fixtures.notice(s + ".H.B", "2012-05-02");
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events.get(0).name()).isEqualTo("ranking");
        assertThat(events.get(0).data()).contains("\"province\":null").contains("\"tier\":\"PROVINCE\"")
                .contains("\"entries\":[{\"rank\":1,\"unit\":{\"code\":\"" + s + "\",\"name\":\"Tỉnh Sơn La\"}");
    }

    @Test
    void aNewCriteriaVersionRescoresTheStream() throws Exception {
        String id = "test-" + s.toLowerCase();
        String onlyOnTime = "[{\"name\":\"Tiến độ\",\"indicators\":[{\"key\":\"onestop.onTimeRate\",\"maxPoints\":10,\"fullMarksAt\":1.0}]}]";
        String halfMarks = "[{\"name\":\"Tiến độ\",\"indicators\":[{\"key\":\"onestop.onTimeRate\",\"maxPoints\":10,\"fullMarksAt\":0.5}]}]";
        criteria(id, 1, onlyOnTime);
        List<Event> events = listen("province=" + s + "&tier=DISTRICT&period=2020&criteria=" + id, Map.of());
        criteria(id, 2, halfMarks);
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:9092");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Fixtures.NOTICES, "criteria/" + id,
                    "{\"criteria\":\"" + id + "\",\"version\":2,\"at\":\"" + Instant.now() + "\"}")).get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events.get(0).data()).contains("\"criteria\":{\"id\":\"" + id + "\",\"version\":2}");
    }

    private void criteria(String id, int version, String groups) {
        pool.preparedQuery("INSERT INTO scoring.criteria_set (id, version, name, groups) VALUES ($1, $2, $3, $4::text::jsonb)")
                .execute(Tuple.of(id, version, "Bộ tiêu chí thử", groups)).await().indefinitely();
    }

    @Test
    void badParametersAreRefusedBeforeTheStreamOpens() {
        given().accept("text/event-stream").queryParam("province", s).queryParam("tier", "CITY")
                .get("/api/v1/rankings/stream").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("tier"));
        given().accept("text/event-stream").queryParam("province", s).queryParam("tier", "DISTRICT").queryParam("period", "soon")
                .get("/api/v1/rankings/stream").then().statusCode(400).body("errors[0].field", is("period"));
        given().accept("text/event-stream").queryParam("province", s + "Z").queryParam("tier", "DISTRICT")
                .get("/api/v1/rankings/stream").then().statusCode(404);
    }
}
