package vn.egovpulse.reporting;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.egovpulse.reporting.config.ReportingConfig;
import vn.egovpulse.reporting.rankings.CountsCache;
import vn.egovpulse.reporting.rankings.RankingService;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.reporting.Fixtures.kase;
import static vn.egovpulse.reporting.Fixtures.unit;

/**
 * Fuzz-style reads: SQL-looking text, huge ranges, absurd periods and headers on every read
 * endpoint answer 4xx (or 200 where valid), never 500; 10,000 distinct periods one after the
 * other leave the caches within their bounds and the heap with them; the service keeps serving.
 */
@QuarkusTest
class HostileReadsTest {
    static final List<String> HOSTILE = List.of(
            "' OR 1=1 --", "1; DROP TABLE scoring.onestop_case; --", "2020' UNION SELECT * FROM scoring.criteria_set --",
            "$1", "%", "_", "\\", "\"", "'", "\u0000", "\r\nX-Injected: 1", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "../../etc/passwd", "NaN", "null", "{}", "[]", "-1", "0", "1e309", "9".repeat(40), "x".repeat(3000), "😀", "２０２０",
            "0000", "0001", "9999", "10000", "-2020", "2020-00", "2020-13", "2020-02-30", "2020-Q0", "2020-Q5", "2020-W99",
            "0000-01-01", "9999-12-31", "0000-01-01..9999-12-31", "1900-01-01..2099-12-31", "2020-12-31..2020-01-01",
            "2020-01-01..2020-01-01..2020-01-02", "P0D", "P-7D", "P99999999999D", "P365D", "YTD", "ytd", " 2020 ", "2020\t");
    static final List<String> ACCEPTS = List.of("text/csv", "text/csv;q=abc", "*/*;q=2", "garbage", ";;;", "text/csv, application/json;q=0",
            "application/json;q=0, text/csv;q=0", "text/*");

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    @Inject
    CountsCache counts;

    @Inject
    RankingService rankings;

    @Inject
    ReportingConfig config;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String p;
    String a;

    @BeforeEach
    void league() {
        p = Fixtures.randomProvince();
        a = p + ".H.A";
        Fixtures.putUnits(List.of(unit(p, "Tỉnh Hà Giang", "PROVINCE", null), unit(a, "UBND huyện Đồng Văn", "DISTRICT", p)));
        kase(pool, a, "a1", "2020-05-01", "DIRECT", null, "2020-05-10", "2020-05-05", null);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(status("/api/v1/units/" + a + "/indicators", Map.of("period", "2020"), null)).isEqualTo(200));
    }

    /** The status of a GET; the body is only read far enough to know it (a stream is then closed). */
    private int status(String path, Map<String, String> query, String accept) throws Exception {
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.getPort() + path + q))
                .timeout(Duration.ofSeconds(30));
        if (accept != null) {
            req.header("Accept", accept);
        }
        HttpResponse<InputStream> res = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = res.body()) {
            int s = res.statusCode();
            if (s == 400 || s == 404 || s == 503) {
                assertThat(res.headers().firstValue("Content-Type").orElse("")).as(path + q).startsWith("application/problem+json");
                body.readAllBytes();
            }
            return s;
        }
    }

    private void noServerError(String path, Map<String, String> query, String accept) throws Exception {
        int s = status(path, query, accept);
        assertThat(s).as("GET %s %s Accept %s", path, query, accept).isIn(200, 400, 404, 406, 414, 431);
    }

    @Test
    void hostileParametersAreRefusedNeverAServerError() throws Exception {
        String unitPath = "/api/v1/units/" + a;
        String provincePath = "/api/v1/provinces/" + p + "/indicators";
        for (String h : HOSTILE) {
            noServerError("/api/v1/rankings", Map.of("province", p, "tier", "DISTRICT", "period", h), null);
            noServerError("/api/v1/rankings", Map.of("province", h, "tier", "DISTRICT", "period", "2020"), null);
            noServerError("/api/v1/rankings", Map.of("province", p, "tier", h, "period", "2020"), null);
            noServerError("/api/v1/rankings", Map.of("province", p, "tier", "DISTRICT", "period", "2020", "criteria", h), null);
            noServerError("/api/v1/rankings", Map.of("province", p, "tier", "DISTRICT", "period", "2020", "format", h), null);
            noServerError("/api/v1/rankings", Map.of("province", p, "tier", "DISTRICT", "period", h), "text/csv");
            noServerError(unitPath + "/indicators", Map.of("period", h), null);
            noServerError(unitPath + "/indicators", Map.of("period", h), "text/csv");
            noServerError(provincePath, Map.of("period", h), null);
            noServerError(provincePath, Map.of("period", "2020", "tier", h), null);
            noServerError(unitPath + "/history", Map.of("indicator", h, "from", "2020", "to", "2020"), null);
            noServerError(unitPath + "/history", Map.of("indicator", "onestop.received", "from", h, "to", "2020"), null);
            noServerError(unitPath + "/history", Map.of("indicator", "onestop.received", "from", "2020", "to", h), null);
            noServerError(unitPath + "/history", Map.of("indicator", "onestop.received", "from", "2020", "to", "2020",
                    "granularity", h), null);
            noServerError(unitPath + "/history", Map.of("indicator", "onestop.received", "from", h, "to", h, "granularity", "day"), null);
            noServerError("/api/v1/criteria/" + URLEncoder.encode(h, StandardCharsets.UTF_8).replace("+", "%20"), Map.of(), null);
            // Path codes: SQL-looking, encoded slashes and dots, very long.
            String code = URLEncoder.encode(h, StandardCharsets.UTF_8).replace("+", "%20");
            noServerError("/api/v1/units/" + code + "/indicators", Map.of("period", "2020"), null);
            noServerError("/api/v1/units/" + code + "/history", Map.of("indicator", "onestop.received", "from", "2020", "to", "2020"), null);
            noServerError("/api/v1/provinces/" + code + "/indicators", Map.of("period", "2020"), null);
            // The stream validates before it opens; a valid one opens and is closed again at once.
            noServerError("/api/v1/rankings/stream", Map.of("province", p, "tier", "DISTRICT", "period", h), "text/event-stream");
            noServerError("/api/v1/rankings/stream", Map.of("province", h, "tier", "DISTRICT"), "text/event-stream");
            noServerError("/api/v1/rankings/stream", Map.of("province", p, "tier", h), "text/event-stream");
            noServerError("/api/v1/rankings/stream", Map.of("province", p, "tier", "DISTRICT", "criteria", h), "text/event-stream");
        }
        for (String accept : ACCEPTS) {
            noServerError("/api/v1/rankings", Map.of("province", p, "tier", "DISTRICT", "period", "2020"), accept);
            noServerError(unitPath + "/indicators", Map.of("period", "2020"), accept);
            noServerError(provincePath, Map.of("period", "2020"), accept);
            noServerError("/api/v1/criteria", Map.of(), accept);
        }
        // Widest history the service accepts, and one past it.
        assertThat(status(unitPath + "/history", Map.of("indicator", "onestop.received", "from", "1900", "to", "9999",
                "granularity", "year"), null)).isEqualTo(400);
        assertThat(status(unitPath + "/history", Map.of("indicator", "onestop.received", "from", "2020-01-01", "to", "2022-09-26",
                "granularity", "day"), null)).isEqualTo(200);

        // Still serving, with the right numbers.
        given().queryParam("period", "2020").get(unitPath + "/indicators").then().statusCode(200)
                .body("indicators.'onestop.received'.value", is(1));
    }

    @Test
    void tenThousandDistinctPeriodsKeepTheCachesAndTheHeapBounded() throws Exception {
        long heapBefore = usedHeapAfterGc();
        LocalDate day = LocalDate.of(2000, 1, 1);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String period = day.plusDays(i).toString();
            int s = i % 2 == 0
                    ? status("/api/v1/rankings", Map.of("province", p, "tier", "DISTRICT", "period", period), null)
                    : status("/api/v1/units/" + a + "/indicators", Map.of("period", period), null);
            if (s != 200) {
                statuses.add(s);
            }
        }
        assertThat(statuses).isEmpty();
        assertThat(counts.size()).isLessThanOrEqualTo(config.caches().countsEntries());
        assertThat(rankings.cachedRankings()).isLessThanOrEqualTo(config.caches().rankingsEntries());
        // Loose: the point is that it does not grow with the number of distinct periods read.
        assertThat(usedHeapAfterGc() - heapBefore).isLessThan(128L * 1024 * 1024);

        given().queryParam("province", p).queryParam("tier", "DISTRICT").queryParam("period", "2020")
                .get("/api/v1/rankings").then().statusCode(200).body("entries.unit.code", is(List.of(a)));
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
