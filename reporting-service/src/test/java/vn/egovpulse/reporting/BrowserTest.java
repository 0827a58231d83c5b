package vn.egovpulse.reporting;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static vn.egovpulse.reporting.Fixtures.kase;
import static vn.egovpulse.reporting.Fixtures.unit;

/** The dashboard in a real (headless) browser: the ranking rows with Vietnamese names, then a change. */
@QuarkusTest
class BrowserTest {
    private static final String CHROMIUM = "/usr/bin/chromium";

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
}
