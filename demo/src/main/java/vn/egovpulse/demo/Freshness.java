package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Benchmark B3: accept-to-visible latency. While the live feed sends a steady background load,
 * a marker document for a unit of its own is posted every {@code interval}; its latency is the time
 * from the 202 until GET .../indicators shows it. Prints p50, p99 and max.
 */
final class Freshness {
    static final String MARKER_UNIT = "PTO.BENCH.FRESHNESS";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String ingest;
    private final String reporting;
    private final Tokens tokens;

    Freshness(String ingest, String reporting, Tokens tokens) {
        this.ingest = ingest.replaceAll("/$", "");
        this.reporting = reporting.replaceAll("/$", "");
        this.tokens = tokens;
    }

    void run(Units registry, double backgroundRate, int samples) throws Exception {
        put(ingest + "/api/v1/units", tokens.admin("PTO"), "[{\"code\":\"" + MARKER_UNIT
                + "\",\"name\":\"Đơn vị đo độ tươi\",\"tier\":\"DEPARTMENT\",\"parent\":\"PTO\"}]");
        Ingest client = new Ingest(ingest, tokens);
        Thread background = new Thread(() -> {
            try {
                new Feed(registry).run(client, "PTO", backgroundRate);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "background-load");
        background.setDaemon(true);
        background.start();

        String source = "urn:egov:PTO:docs";
        String period = LocalDate.now(DemoData.VN).toString();
        long before = visible(period);
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            ObjectNode e = JsonNodeFactory.instance.objectNode().put("specversion", "1.0")
                    .put("id", "fresh-" + run + "-" + i).put("source", source)
                    .put("type", "vn.gov.egov.docs.document.issued")
                    .put("time", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString()).put("subject", MARKER_UNIT);
            e.putObject("data").put("documentId", "fresh-" + run + "-" + i).put("electronic", true)
                    .put("signedByOrganization", true).put("signedByLeader", true);
            ArrayNode batch = JsonNodeFactory.instance.arrayNode().add(e);
            client.post(source, "PTO", batch);
            long accepted = System.nanoTime();
            long expected = before + i + 1;
            while (visible(period) < expected) {
                if (System.nanoTime() - accepted > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException("marker " + i + " not visible after 30 s");
                }
                Thread.sleep(5);
            }
            millis.add((System.nanoTime() - accepted) / 1e6);
            Thread.sleep(100);
        }
        background.interrupt();
        Collections.sort(millis);
        System.out.printf("freshness samples=%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f background_rate=%.0f%n", millis.size(),
                millis.get(millis.size() / 2), millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1)),
                millis.get(millis.size() - 1), backgroundRate);
    }

    private long visible(String period) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(reporting + "/api/v1/units/" + MARKER_UNIT
                + "/indicators?period=" + period)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return -1;
        }
        return mapper.readTree(r.body()).path("indicators").path("docs.issued").path("numerator").asLong();
    }

    private void put(String url, String token, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("PUT " + url + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
