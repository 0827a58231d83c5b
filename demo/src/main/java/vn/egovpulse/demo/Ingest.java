package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The ingest service's HTTP API as the demo uses it: PUT the units, POST event batches.
 * Transient failures (503, connection errors) are retried with backoff; that is safe because
 * event ids are deterministic and the pipeline drops repeated (source, id) pairs.
 */
final class Ingest {
    static final int MAX_ATTEMPTS = 10;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    // Units carry local dates (validFrom, validTo): ISO text, as the API reads them.
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final URI base;
    private final Tokens tokens;

    Ingest(String baseUrl, Tokens tokens) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.tokens = tokens;
    }

    /** PUT /api/v1/units, then wait until the ingest service's registry lists them all. */
    void putUnits(Units units) throws InterruptedException {
        byte[] body = json(mapper.valueToTree(units.all()));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/units"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + admin(units, tokens))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = send(request, "PUT /api/v1/units");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT /api/v1/units answered " + response.statusCode() + ": " + response.body());
        }
        // all=true: every unit ever under the province, old ones and those merged into it (SPEC 6).
        URI list = base.resolve("api/v1/units?all=true&province=" + URLEncoder.encode(units.province(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(30)).GET().build(), "GET /api/v1/units");
            if (r.statusCode() == 200 && count(r.body()) >= units.all().size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ingest service does not list the " + units.all().size()
                        + " units of " + units.province() + " 60 s after the PUT (last answer " + r.statusCode() + ")");
            }
            Thread.sleep(500);
        }
    }

    /**
     * The province's admin, or a national admin when the registry also holds the provinces merged
     * into it (Vĩnh Phúc, Hòa Bình): only a national admin may change another province's units.
     */
    private static String admin(Units units, Tokens tokens) {
        boolean merged = units.all().stream().anyMatch(u -> u.tier() == vn.egovpulse.events.Tier.PROVINCE
                && !u.code().equals(units.province()));
        return merged ? tokens.get("urn:egov:VN:admin", "admin,national", "VN") : tokens.admin(units.province());
    }

    private int count(String body) {
        try {
            JsonNode n = mapper.readTree(body);
            return n.isArray() ? n.size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** POSTs one batch (all events of {@code source}); returns the number accepted. */
    int post(String source, String province, ArrayNode events) throws InterruptedException {
        return post(source, province, json(events), events.size());
    }

    /** POSTs one batch ({@code count} events of {@code source}, as a JSON array); returns the number accepted. */
    int post(String source, String province, byte[] body, int count) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/events"))
                    .timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/cloudevents-batch+json")
                    .header("Authorization", "Bearer " + tokens.ingest(source, province))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            String problem;
            Duration wait = Duration.ofMillis(Math.min(30_000, 500L << Math.min(attempt - 1, 6)));
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    return count;
                }
                problem = r.statusCode() + " " + r.body();
                if (r.statusCode() != 503 && r.statusCode() != 502 && r.statusCode() != 504 && r.statusCode() != 429) {
                    throw new IllegalStateException("POST /api/v1/events (" + source + ", " + count
                            + " events) answered " + shorten(problem));
                }
                Optional<String> retryAfter = r.headers().firstValue("Retry-After");
                if (retryAfter.isPresent() && retryAfter.get().matches("\\d+")) {
                    wait = Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.get())));
                }
            } catch (IOException e) {
                problem = e.toString();
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("POST /api/v1/events failed " + attempt + " times, last: " + shorten(problem));
            }
            System.err.println("retrying a batch of " + count + " in " + wait.toMillis() + " ms after: " + shorten(problem));
            Thread.sleep(wait.toMillis());
        }
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException(what + " failed: " + e, e);
                }
                System.err.println(what + ": " + e + ", retrying");
                Thread.sleep(Math.min(30_000, 500L << Math.min(attempt - 1, 6)));
            }
        }
    }

    private byte[] json(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
