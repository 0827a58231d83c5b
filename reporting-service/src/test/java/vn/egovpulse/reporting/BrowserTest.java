package vn.egovpulse.reporting;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.egovpulse.reporting.rankings.RankingService;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.reporting.Fixtures.kase;
import static vn.egovpulse.reporting.Fixtures.unit;

/**
 * The dashboard in a real (headless) browser: the ranking rows with Vietnamese names, then a change;
 * and, with the live streams on, new events showing on an open page without a reload.
 */
@QuarkusTest
class BrowserTest {
    private static final String CHROMIUM = Chromium.BINARY;

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL root;

    private String dump(String query) throws Exception {
        assertThat(new File(CHROMIUM)).as("Debian's chromium (apt-get install -y chromium)").exists();
        Path profile = Files.createTempDirectory("egov-chromium");
        Path out = Files.createTempFile("egov-dom", ".html");
        Process p = new ProcessBuilder(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=8000", "--dump-dom", root + "?" + query)
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void dashboardShowsTheRankingAndItsChanges() throws Exception {
        String w = Fixtures.randomProvince();
        String a = w + ".H.MOCCHAU", b = w + ".H.YENCHAU";
        Fixtures.putUnits(List.of(
                unit(w, "Tỉnh Sơn La", "PROVINCE", null),
                unit(a, "UBND huyện Mộc Châu", "DISTRICT", w),
                unit(b, "UBND huyện Yên Châu", "DISTRICT", w)));
        kase(pool, a, "a1", "2020-05-01", "DIRECT", null, "2020-05-10", "2020-05-05", null);
        kase(pool, b, "b1", "2020-05-01", "DIRECT", null, "2020-05-10", "2020-05-15", null);

        // live=0: no event stream, which would keep headless chromium's virtual time from running out.
        String query = "province=" + w + "&tier=DISTRICT&period=2020&live=0";
        String dom = dump(query);
        assertThat(dom).contains("<meta charset=\"utf-8\">");
        assertThat(dom).contains("UBND huyện Mộc Châu", "UBND huyện Yên Châu", "Xếp hạng", "Đơn vị", "Điểm");
        assertThat(dom).contains("data-unit=\"" + a + "\" data-rank=\"1\" data-score=\"54.55\"");
        assertThat(dom).contains("data-unit=\"" + b + "\" data-rank=\"2\" data-score=\"0\"");
        assertThat(dom.indexOf("data-unit=\"" + a + "\"")).isLessThan(dom.indexOf("data-unit=\"" + b + "\""));

        // Scores (default-2026; DIRECT cases make the online rates applicable at 0): Mộc Châu 30 of 55
        // = 54.55, Yên Châu 0. Then Mộc Châu has 1 of 4 on time (7.5 of 55 = 13.64) and Yên Châu 3 of 4
        // (22.5 of 55 = 40.91): they swap.
        for (int i = 2; i <= 4; i++) {
            kase(pool, a, "a" + i, "2020-06-01", "DIRECT", null, "2020-06-10", "2020-06-20", null);
            kase(pool, b, "b" + i, "2020-06-01", "DIRECT", null, "2020-06-10", "2020-06-09", null);
        }
        Fixtures.notice(a, "2020-06-20");
        Fixtures.notice(b, "2020-06-09");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("province", w)
                .queryParam("tier", "DISTRICT").queryParam("period", "2020").get("/api/v1/rankings")
                .then().body("entries[0].unit.code", is(b)));
        // This time with Yên Châu's panel open (?unit=): its indicators and its monthly trend.
        String after = dump(query + "&unit=" + b);
        assertThat(after).contains("data-unit=\"" + b + "\" data-rank=\"1\" data-score=\"40.91\"");
        assertThat(after).contains("data-unit=\"" + a + "\" data-rank=\"2\" data-score=\"13.64\"");
        assertThat(after.indexOf("data-unit=\"" + b + "\"")).isLessThan(after.indexOf("data-unit=\"" + a + "\""));
        assertThat(after).contains("<h2 id=\"unit-name\">UBND huyện Yên Châu</h2>", "Tỷ lệ giải quyết đúng hạn");
        assertThat(after).contains("<circle", "data-period=\"2020-05\"", "data-period=\"2020-06\"");
        // The operator view (ops.js, SPEC 8) for the same unit: gaps with keyboard-activated rows, the cases behind
        // the on-time rate with Vietnamese dates, at-risk and sources, each with a CSV link.
        assertThat(after).contains("<h2 id=\"ops-h\">Công cụ vận hành</h2>", "<th scope=\"col\">Chỉ số</th>",
                "<tr tabindex=\"0\" class=\"activatable\"><td>onestop.onTimeRate</td><td>3 / 4</td>",
                "<td>b1</td><td>" + b + "</td><td>01/05/2020</td><td>10/05/2020</td><td>15/05/2020</td><td>DIRECT</td><td>Quá hạn</td>",
                "/api/v1/units/" + b + "/facts?indicator=onestop.onTimeRate&amp;period=2020&amp;limit=1000&amp;format=csv",
                "aria-live=\"polite\"");
    }

    /**
     * SPEC 6 on the dashboard: the structure date on screen, switched to today's structure (the
     * merged commune ranked on 2024 facts), and the merged commune's panel listing its predecessors.
     */
    @Test
    void dashboardShowsAndSwitchesTheStructure() throws Exception {
        String p = Fixtures.randomProvince();
        Fixtures.putUnits(List.of(StructureTest.unit(p, "PROVINCE", null, null, null, null),
                StructureTest.unit(p + ".H", "DISTRICT", p, null, "2025-06-30", null),
                StructureTest.unit(p + ".X.N", "COMMUNE", p, "2025-07-01", null, null),
                StructureTest.unit(p + ".X.A", "COMMUNE", p + ".H", null, "2025-06-30", p + ".X.N")));
        kase(pool, p + ".X.A", "a1", "2024-03-01", "DIRECT", null, "2024-03-10", "2024-03-05", null);

        String asItStood = dump("province=" + p + "&tier=COMMUNE&period=2024&live=0");
        assertThat(asItStood).contains("data-structure=\"2024-12-31\"", "data-unit=\"" + p + ".X.A\"")
                .doesNotContain("data-unit=\"" + p + ".X.N\"");
        String today = dump("province=" + p + "&tier=COMMUNE&period=2024&structure=current&live=0&unit=" + p + ".X.N");
        assertThat(today).contains("data-unit=\"" + p + ".X.N\" data-rank=\"1\"", "(hiện nay)")
                .doesNotContain("data-unit=\"" + p + ".X.A\" data-rank");
        // The panel of the merged commune lists the commune merged into it.
        assertThat(today).contains("<li data-unit=\"" + p + ".X.A\">");
    }

    /** Each row of a table body as its cells' text joined by "|"; and what else the live test reads. */
    private static final String SNAPSHOT = """
            (function () {
              function rows(id) {
                return Array.from(document.querySelectorAll('#' + id + ' tbody tr')).map(function (tr) {
                  return Array.from(tr.cells).map(function (td) { return td.textContent; }).join('|');
                });
              }
              // While the page loads, some of these are not there yet.
              var unit = document.querySelector('#ranking-body tr[data-unit]');
              var received = document.querySelector('#unit-indicators tr[data-indicator="onestop.received"]');
              var live = document.getElementById('live'), alerts = document.getElementById('ops-alerts');
              return { marker: window.__egovMarker || null, live: live ? live.className : null,
                alertsLive: alerts ? alerts.getAttribute('data-live') : null,
                score: unit ? unit.getAttribute('data-score') : null,
                received: received ? received.cells[1].textContent : null,
                facts: rows('ops-facts'), gaps: rows('ops-gaps'), risk: rows('ops-risk'), sources: rows('ops-sources'),
                alerts: Array.from(document.querySelectorAll('#ops-alerts li')).map(function (li) { return li.textContent; }) };
            })()""";

    private static final DateTimeFormatter VN = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * SPEC 8 with the live streams on (no live=0): one page stays open while new events arrive, written
     * the way scoring writes facts and followed by its change notice. Without a reload (a marker set on
     * the page survives), the ranking and the unit panel, the cases behind the on-time rate, the gap
     * panel, the at-risk list, the sources and the alerts all show them.
     */
    @Test
    void newEventsShowOnTheOpenPageWithoutAReload() throws Exception {
        assertThat(new File(Chromium.BINARY)).as("Debian's chromium (apt-get install -y chromium)").exists();
        LocalDate today = RankingService.today();
        String w = Fixtures.randomProvince();
        String a = w + ".H.MOCCHAU";
        String src = "urn:" + w + ":motcua";
        String type = "vn.gov.egov.onestop.case.received";
        Fixtures.putUnits(List.of(unit(w, "Tỉnh Sơn La", "PROVINCE", null), unit(a, "UBND huyện Mộc Châu", "DISTRICT", w)));
        // Before: a1 received 5 days ago and resolved early, 1 of 1 on time (DIRECT: the online rates score 0 of
        // their points): 30 of 55 = 54.55. Its one-stop system sent one event two hours ago.
        kase(pool, a, "a1", today.minusDays(5).toString(), "DIRECT", null, today.plusDays(10).toString(),
                today.minusDays(1).toString(), null);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
        OffsetDateTime before = now.minusHours(2);
        Fixtures.sourceDay(pool, src, a, type, before.toLocalDate(), 1, before);
        Fixtures.sourceHour(pool, src, type, before, 1);

        try (Chromium chromium = Chromium.start()) {
            chromium.navigate(root + "?province=" + w + "&tier=DISTRICT&period=P30D&unit=" + a);
            await("the page with its streams open").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        JsonNode s = chromium.evaluate(SNAPSHOT);
                        assertThat(s.path("live").asText()).isEqualTo("live on");
                        assertThat(s.path("alertsLive").asText()).isEqualTo("on");
                        assertThat(s.path("score").asText()).isEqualTo("54.55");
                        assertThat(s.path("received").asText()).isEqualTo("1");
                        assertThat(strings(s.path("facts"))).singleElement().asString().startsWith("a1|" + a + "|");
                        assertThat(strings(s.path("gaps"))).anyMatch(r -> r.startsWith("onestop.onTimeRate|1 / 1|"));
                        assertThat(strings(s.path("risk"))).isEmpty();
                        assertThat(strings(s.path("sources"))).singleElement().asString()
                                .startsWith(src + "|").endsWith("|1|1|Bình thường");
                    });
            chromium.evaluate("window.__egovMarker = 'same page'");

            // The new events: a2 received today, due tomorrow, open; a3 resolved late today; two events from the
            // source in this hour. On time 2 of 3 (a2 is open and not yet due): 20 of 55 = 36.36.
            kase(pool, a, "a2", today.toString(), "DIRECT", null, today.plusDays(1).toString(), null, null);
            kase(pool, a, "a3", today.minusDays(3).toString(), "DIRECT", null, today.minusDays(1).toString(),
                    today.toString(), null);
            boolean sameDay = before.toLocalDate().equals(now.toLocalDate());
            Fixtures.sourceDay(pool, src, a, type, now.toLocalDate(), sameDay ? 3 : 2, now);
            Fixtures.sourceHour(pool, src, type, now, 2);
            Fixtures.notice(a, today.minusDays(3).toString(), today.toString());

            String tomorrow = today.plusDays(1).format(VN);
            await("the new events on the same page").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        JsonNode s = chromium.evaluate(SNAPSHOT);
                        assertThat(s.path("score").asText()).as("the ranking row").isEqualTo("36.36");
                        assertThat(s.path("received").asText()).as("the unit panel: cases received").isEqualTo("3");
                        assertThat(strings(s.path("facts"))).as("the cases behind the on-time rate").hasSize(3)
                                .anyMatch(r -> r.startsWith("a2|" + a + "|" + today.format(VN) + "|" + tomorrow
                                        + "|—|DIRECT|Đang xử lý, trong hạn|Có|"))
                                .anyMatch(r -> r.startsWith("a3|" + a + "|") && r.contains("|Quá hạn|Không|"));
                        assertThat(strings(s.path("gaps"))).as("the gap panel")
                                .anyMatch(r -> r.startsWith("onestop.onTimeRate|2 / 3|"));
                        assertThat(strings(s.path("risk"))).as("at risk").containsExactly(a + "|a2|" + tomorrow + "|1");
                        assertThat(strings(s.path("sources"))).as("the sources").singleElement().asString()
                                .startsWith(src + "|").endsWith("|3|3|Bình thường");
                        assertThat(strings(s.path("alerts"))).as("the alerts")
                                .contains("Hồ sơ sắp đến hạn: " + a + " a2, hẹn trả " + tomorrow);
                        assertThat(s.path("marker").asText()).as("no reload").isEqualTo("same page");
                    });
        }
    }
}
