package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loader against a stand-in ingest service (JDK HTTP server): units first with the admin
 * token, then batches of at most --batch events, each with its source's token, retried on 503.
 * The token command is {@code echo}, so a token reads "sub groups province".
 */
class LoaderTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private HttpServer server;
    private final List<String> unitsPut = new CopyOnWriteArrayList<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger(1); // the first POST gets a 503
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile int status = 202;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/units", this::units);
        server.createContext("/api/v1/events", this::events);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void units(HttpExchange x) throws IOException {
        if (x.getRequestMethod().equals("PUT")) {
            JsonNode body = mapper.readTree(x.getRequestBody());
            // A national admin: the registry also holds Vĩnh Phúc's and Hòa Bình's units, merged into Phú Thọ (SPEC 6).
            if (!"Bearer urn:egov:VN:admin admin,national VN".equals(x.getRequestHeaders().getFirst("Authorization"))) {
                problems.add("units PUT without the admin token");
            }
            unitsPut.add(body.get(0).get("code").asText() + ":" + body.size());
            answer(x, 200, "{\"upserted\":" + body.size() + "}");
        } else {
            answer(x, 200, mapper.writeValueAsString(Units.phuTho().all()));
        }
    }

    private void events(HttpExchange x) throws IOException {
        JsonNode body = mapper.readTree(x.getRequestBody());
        if (refusals.getAndDecrement() > 0) {
            x.getResponseHeaders().add("Retry-After", "1");
            answer(x, 503, "{}");
            return;
        }
        if (unitsPut.isEmpty()) {
            problems.add("events before units");
        }
        if (!"application/cloudevents-batch+json".equals(x.getRequestHeaders().getFirst("Content-Type"))) {
            problems.add("content type " + x.getRequestHeaders().getFirst("Content-Type"));
        }
        if (body.size() > 2_000) {
            problems.add("batch of " + body.size());
        }
        String token = x.getRequestHeaders().getFirst("Authorization");
        for (JsonNode e : body) {
            if (!token.equals("Bearer " + e.get("source").asText() + " ingest PTO")) {
                problems.add("event of " + e.get("source").asText() + " sent with " + token);
            }
            ids.add(e.get("source").asText() + " " + e.get("id").asText());
        }
        batches.incrementAndGet();
        answer(x, status, status == 202 ? "{\"accepted\":" + body.size() + "}" : "{\"title\":\"bad\"}");
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Test
    void loadsUnitsThenEveryEventInBatchesAndRetriesA503() throws Exception {
        Ingest ingest = new Ingest(url(), new Tokens("echo"));
        ingest.putUnits(Units.phuTho());
        long sent = new Loader(ingest, 3, 2_000).load(List.of(Units.phuTho()), List.of("2022"), LocalDate.of(2026, 11, 25));

        Set<String> expected = ConcurrentHashMap.newKeySet();
        long[] events = {0};
        new DemoData(Units.phuTho(), LocalDate.of(2026, 11, 25)).emit("2022", e -> {
            events[0]++;
            expected.add(e.get("source").asText() + " " + e.get("id").asText());
        });
        assertThat(problems).isEmpty();
        assertThat(unitsPut).containsExactly("PTO:" + Units.phuTho().all().size());
        assertThat(sent).isEqualTo(events[0]);
        assertThat(ids).isEqualTo(expected);
        assertThat(batches.get()).isGreaterThanOrEqualTo((int) (events[0] / 2_000));
    }

    @Test
    void stopsOnARefusedBatch() {
        refusals.set(0);
        status = 400;
        Ingest ingest = new Ingest(url(), new Tokens("echo"));
        assertThatThrownBy(() -> new Loader(ingest, 2, 2_000)
                .load(List.of(Units.phuTho()), List.of("2022"), LocalDate.of(2026, 11, 25)))
                .hasMessageContaining("answered 400");
    }

    @Test
    void spooledBatchesPostExactlyWhatADirectLoadPosts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Ingest ingest = new Ingest(url(), new Tokens("echo"));
        ingest.putUnits(Units.phuTho());
        LocalDate today = LocalDate.of(2026, 11, 25);
        long spooled = new Loader(null, 1, 2_000).spool(List.of(Units.phuTho()), List.of("2022"), today, dir);
        assertThat(batches.get()).isZero();

        long sent = new Loader(ingest, 3, 2_000).loadSpool(dir);

        Set<String> expected = ConcurrentHashMap.newKeySet();
        long[] events = {0};
        new DemoData(Units.phuTho(), today).emit("2022", e -> {
            events[0]++;
            expected.add(e.get("source").asText() + " " + e.get("id").asText());
        });
        assertThat(problems).isEmpty();
        assertThat(sent).isEqualTo(spooled).isEqualTo(events[0]);
        assertThat(ids).isEqualTo(expected);
    }
}
