package vn.egovpulse.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reads the public API of reporting-service. */
final class Readings {
    private Readings() {
    }

    /** onestop.received numerator of a unit ("units") or a province aggregate ("provinces"); -1 when unreadable. */
    static long received(String reporting, String kind, String code, String period) {
        return numerator(reporting, kind, code, period, "onestop.received");
    }

    static long numerator(String reporting, String kind, String code, String period, String key) {
        try {
            HttpResponse<String> r = Http.get(reporting + "/api/v1/" + kind + "/" + code + "/indicators?period=" + period);
            if (r.statusCode() != 200) {
                return -1;
            }
            JsonNode n = Load.JSON.readTree(r.body()).path("indicators").path(key).path("numerator");
            return n.isNumber() ? n.asLong() : 0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Every unit's count and the province aggregate reach the oracle within {@code max} and stay there
     * for 3 s; fails at once when any count goes above the oracle (an event counted twice).
     */
    static void awaitExact(Load load, Duration max) {
        Map<String, Long> expected = load.expected();
        long total = load.expectedTotal();
        ChaosStack.log("waiting for exact counts: %d events over %d units of %s", total, expected.size(), load.province);
        await("counts of " + load.province + " equal to the oracle " + expected)
                .atMost(max).pollInterval(Duration.ofMillis(500))
                .failFast("an event was counted twice (count above the oracle)", () -> load.countedTotal() > total)
                .until(() -> load.countedTotal() == total);
        await("counts of " + load.province + " stay equal to the oracle")
                .during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> load.countedTotal() == total);
        Map<String, Long> counted = load.counted();
        assertThat(counted).as("per-unit onestop.received of %s (period %s) against the oracle", load.province, Load.PERIOD)
                .isEqualTo(expected);
        ChaosStack.log("exact: %s total %d, per unit %s", load.province, total, counted);
    }
}

/** Small blocking HTTP helpers. */
final class Http {
    private Http() {
    }

    static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    static HttpResponse<String> put(String url, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static HttpResponse<String> post(String url, String token, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static HttpResponse<String> send(HttpRequest r) {
        try {
            return ChaosStack.HTTP.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(r.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
