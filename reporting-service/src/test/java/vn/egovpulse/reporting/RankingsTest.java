package vn.egovpulse.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static vn.egovpulse.reporting.Fixtures.docs;
import static vn.egovpulse.reporting.Fixtures.kase;
import static vn.egovpulse.reporting.Fixtures.meetings;
import static vn.egovpulse.reporting.Fixtures.unit;

/**
 * SPEC section 4 through GET /api/v1/rankings, scores by default-2026 worked by hand:
 * <pre>
 * E 2020: on time 3/4 → 30×0.75 = 22.5; online 2/4 = 0.5 → 15; full online 1/4 → 10×0.25/0.3 = 8.33;
 *         signed 9/10 → 15; electronic 6/10 → 10×0.6/0.9 = 6.67; leader 4/10 → 10×0.4/0.8 = 5;
 *         no meetings: not applicable. 72.5 of 90 → 80.56.
 * B, C 2020: on time 1/2 → 15; online 0, full online 0; nothing else. 15 of 55 → 27.27 (tie).
 * D 2020: on time 0/2 → 0 of 55 → 0.
 * F 2020: meetings only (10 of 100 applicable < half) → unranked, score 100.
 * G: nothing → unranked, score null.
 * 2019: B on time 1/1 → 30 of 55 → 54.55 (rank 1); E late 0/1 → 0 (rank 2).
 * </pre>
 */
@QuarkusTest
class RankingsTest {
    @Inject
    Pool pool;

    String q;

    String u(String s) {
        return q + ".H." + s;
    }

    @BeforeEach
    void facts() {
        q = Fixtures.randomProvince();
        Fixtures.putUnits(List.of(
                unit(q, "Tỉnh Phú Thọ", "PROVINCE", null),
                unit(u("B"), "UBND thị xã Phú Thọ", "DISTRICT", q),
                unit(u("C"), "UBND huyện Hạ Hòa, tỉnh Phú Thọ", "DISTRICT", q),
                unit(u("D"), "UBND huyện Đoan Hùng", "DISTRICT", q),
                unit(u("E"), "UBND huyện Thanh Ba", "DISTRICT", q),
                unit(u("F"), "UBND huyện Cẩm Khê", "DISTRICT", q),
                unit(u("G"), "UBND huyện Tam Nông", "DISTRICT", q),
                unit(q + ".X.Y", "UBND xã Yên Kỳ", "COMMUNE", u("B")),
                unit(q + ".STTTT", "Sở Thông tin và Truyền thông", "DEPARTMENT", q)));
        String rec = "2020-05-01", due = "2020-05-10";
        kase(pool, u("E"), "e1", rec, "ONLINE", 3, due, "2020-05-05", null);
        kase(pool, u("E"), "e2", rec, "ONLINE", 4, due, "2020-05-10", null);
        kase(pool, u("E"), "e3", rec, "DIRECT", null, due, "2020-05-09", null);
        kase(pool, u("E"), "e4", rec, "DIRECT", null, due, "2020-05-11", null);
        docs(pool, u("E"), "2020-06-01", 10, 10, 9, 9, 4, 6, 0, 0);
        kase(pool, u("E"), "e0", "2019-05-01", "DIRECT", null, "2019-05-10", "2019-05-20", null);
        for (String x : List.of("B", "C")) {
            kase(pool, u(x), "x1", rec, "DIRECT", null, due, "2020-05-10", null);
            kase(pool, u(x), "x2", rec, "DIRECT", null, due, "2020-05-12", null);
        }
        kase(pool, u("B"), "b0", "2019-05-01", "DIRECT", null, "2019-05-10", "2019-05-03", null);
        kase(pool, u("D"), "d1", rec, "DIRECT", null, due, "2020-05-11", null);
        kase(pool, u("D"), "d2", rec, "DIRECT", null, due, "2020-06-11", null);
        meetings(pool, u("F"), "2020-07-01", 2, 10, 30, 2);
        kase(pool, q + ".X.Y", "y1", rec, "DIRECT", null, due, "2020-05-01", null); // a commune: another league
    }

    private Response ranking(String period) {
        return given().queryParam("province", q).queryParam("tier", "DISTRICT").queryParam("period", period)
                .get("/api/v1/rankings");
    }

    @Test
    void scoresTiesUnrankedAndChangeSinceThePreviousYear() {
        ranking("2020").then().statusCode(200)
                .body("province", is(q))
                .body("tier", is("DISTRICT"))
                .body("period.from", is("2020-01-01"))
                .body("period.to", is("2020-12-31"))
                .body("period.label", is("2020"))
                .body("criteria.id", is("default-2026"))
                .body("asOf", endsWith("+07:00"))
                .body("entries.unit.code", is(List.of(u("E"), u("B"), u("C"), u("D"))))
                .body("entries.rank", is(List.of(1, 2, 2, 4)))
                .body("entries.score", is(List.of(80.56f, 27.27f, 27.27f, 0.0f)))
                .body("entries[0].unit.name", is("UBND huyện Thanh Ba"))
                .body("entries[0].groups.'Tiến độ giải quyết'", is(22.5f))
                .body("entries[0].groups.'Dịch vụ công trực tuyến'", is(23.33f))
                .body("entries[0].groups.'Văn bản điện tử'", is(26.67f))
                .body("entries[0].groups.'Họp trực tuyến'", nullValue())
                .body("entries[0].indicators.'onestop.onTimeRate'.value", is(0.75f))
                .body("entries[0].indicators.'onestop.onTimeRate'.numerator", is(3))
                .body("entries[0].indicators.'onestop.onTimeRate'.denominator", is(4))
                .body("entries[0].indicators.'onestop.onTimeRate'.points", is(22.5f))
                .body("entries[0].indicators.'onestop.fullOnlineRate'.points", is(8.33f))
                .body("entries[0].indicators.'docs.axisRate'.points", nullValue())
                .body("entries[0].indicators.'vc.communeReachRate'.points", nullValue())
                .body("entries[0].indicators.'onestop.received'.value", is(4))
                .body("entries[0].indicators.size()", is(vn.egovpulse.events.Counts.KEYS.size()))
                // previous period 2019: B 1st (54.55), E 2nd (0)
                .body("entries[0].previous.rank", is(2))
                .body("entries[0].previous.score", is(0.0f))
                .body("entries[0].rankChange", is(1))
                .body("entries[0].scoreChange", is(80.56f))
                .body("entries[1].previous.rank", is(1))
                .body("entries[1].previous.score", is(54.55f))
                .body("entries[1].rankChange", is(-1))
                .body("entries[1].scoreChange", is(-27.28f))
                .body("entries[2].previous", nullValue())
                .body("entries[2].rankChange", nullValue())
                .body("unranked.unit.code", is(List.of(u("F"), u("G"))))
                .body("unranked.rank", is(Arrays.asList(null, null)))
                .body("unranked[0].score", is(100.0f))
                .body("unranked[1].score", nullValue());
        // The department league is separate: only the department, with nothing to rank.
        given().queryParam("province", q).queryParam("tier", "DEPARTMENT").queryParam("period", "2020")
                .get("/api/v1/rankings").then().statusCode(200)
                .body("entries.size()", is(0))
                .body("unranked.unit.code", is(List.of(q + ".STTTT")));
    }

    @Test
    void refusals() {
        given().queryParam("province", q).queryParam("tier", "DISTRICT").queryParam("period", "2020")
                .queryParam("criteria", "no-such-set").get("/api/v1/rankings").then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("province", q + "Z").queryParam("tier", "DISTRICT").queryParam("period", "2020")
                .get("/api/v1/rankings").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("province", u("B")).queryParam("tier", "DISTRICT").queryParam("period", "2020")
                .get("/api/v1/rankings").then().statusCode(404);
        given().queryParam("province", q).queryParam("tier", "CITY").queryParam("period", "2020")
                .get("/api/v1/rankings").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("tier"));
        given().queryParam("province", q).queryParam("period", "2020")
                .get("/api/v1/rankings").then().statusCode(400).body("errors[0].field", is("tier"));
        given().queryParam("province", q).queryParam("tier", "DISTRICT").queryParam("period", "2020-Q7")
                .get("/api/v1/rankings").then().statusCode(400).body("errors[0].field", is("period"));
        given().queryParam("province", q).queryParam("tier", "DISTRICT")
                .get("/api/v1/rankings").then().statusCode(400).body("errors[0].field", is("period"));
        given().queryParam("tier", "DISTRICT").queryParam("period", "2020")
                .get("/api/v1/rankings").then().statusCode(400).body("errors[0].field", is("province"));
    }

    @Test
    void aClientThatAcceptsGzipGetsTheSameRankingCompressed() throws Exception {
        // No automatic decompression here: the raw bytes and headers are what a browser receives.
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + "/api/v1/rankings?province=" + q + "&tier=DISTRICT&period=2020");
        java.net.http.HttpResponse<byte[]> plain = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        java.net.http.HttpResponse<byte[]> zipped = http.send(java.net.http.HttpRequest.newBuilder(uri)
                .header("Accept-Encoding", "br;q=1.0, gzip;q=0.8").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        java.net.http.HttpResponse<byte[]> refused = http.send(java.net.http.HttpRequest.newBuilder(uri)
                .header("Accept-Encoding", "gzip;q=0").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.body()).isEqualTo(plain.body());
    }

    @Test
    void rankingAsCsv() {
        Response r = given().accept("text/csv").queryParam("province", q).queryParam("tier", "DISTRICT")
                .queryParam("period", "2020").get("/api/v1/rankings");
        r.then().statusCode(200).contentType("text/csv; charset=UTF-8");
        String[] lines = new String(r.asByteArray(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).startsWith("\uFEFFrank,code,name,score,Tiến độ giải quyết,Dịch vụ công trực tuyến,Văn bản điện tử,Họp trực tuyến,"
                + "onestop.received.value,onestop.received.numerator,onestop.received.denominator,onestop.received.points,");
        assertThat(lines[0].split(",")).hasSize(4 + 4 + vn.egovpulse.events.Counts.KEYS.size() * 4 + 1); // 18 v1 keys + 12 of SPEC 7.2
        assertThat(lines[0]).endsWith(",structure");
        assertThat(lines[1]).endsWith(",2020-12-31");
        assertThat(lines[1]).startsWith("1," + u("E") + ",UBND huyện Thanh Ba,80.56,22.5,23.33,26.67,,4,4,,,");
        assertThat(lines[1]).contains(",0.75,3,4,22.5,");
        assertThat(lines[3]).startsWith("2," + u("C") + ",\"UBND huyện Hạ Hòa, tỉnh Phú Thọ\",27.27,");
        assertThat(lines[5]).startsWith("," + u("F") + ",UBND huyện Cẩm Khê,100.0,");
        assertThat(lines[6]).startsWith("," + u("G") + ",UBND huyện Tam Nông,,");
    }

    /**
     * A spreadsheet opens the file as a download, reads it as UTF-8 (byte order mark), and shows a
     * unit name that looks like a formula as text instead of running it; numbers stay numbers.
     */
    @Test
    void csvIsASafeDownload() {
        String p = Fixtures.randomProvince();
        Fixtures.putUnits(List.of(
                unit(p, "Tỉnh Hòa Bình", "PROVINCE", null),
                unit(p + ".H.A", "=HYPERLINK(\"http://example.invalid\",\"Xem\")", "DISTRICT", p),
                unit(p + ".H.B", "+1", "DISTRICT", p),
                unit(p + ".H.C", "-2+3", "DISTRICT", p),
                unit(p + ".H.D", "@SUM(1)", "DISTRICT", p),
                unit(p + ".H.E", "UBND huyện Lạc Sơn", "DISTRICT", p)));
        kase(pool, p + ".H.A", "a1", "2020-05-01", "DIRECT", null, "2020-05-10", "2020-05-20", null);

        Response r = given().accept("text/csv").queryParam("province", p).queryParam("tier", "DISTRICT")
                .queryParam("period", "2020-01-01..2020-06-30").get("/api/v1/rankings");
        r.then().statusCode(200).contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"ranking-" + p + "-DISTRICT-2020-01-01..2020-06-30.csv\"");
        byte[] bytes = r.asByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).isEqualTo(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r\n");
        // A is ranked (score 0.0: its only case was late), the others have nothing applicable.
        assertThat(lines[1]).startsWith("1," + p + ".H.A,\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"Xem\"\")\",0.0,");
        assertThat(lines[2]).startsWith("," + p + ".H.B,'+1,,");
        assertThat(lines[3]).startsWith("," + p + ".H.C,'-2+3,,");
        assertThat(lines[4]).startsWith("," + p + ".H.D,'@SUM(1),,");
        assertThat(lines[5]).startsWith("," + p + ".H.E,UBND huyện Lạc Sơn,,");

        Response ind = given().accept("text/csv").queryParam("period", "2020").get("/api/v1/provinces/" + p + "/indicators");
        ind.then().statusCode(200).header("Content-Disposition", "attachment; filename=\"indicators-" + p + "-2020.csv\"");
        assertThat(new String(ind.asByteArray(), StandardCharsets.UTF_8))
                .startsWith("\uFEFFunit,indicator,value,numerator,denominator,structure\r\n")
                .contains(p + ",onestop.lateCount,1,1,,2020-12-31\r\n");
    }

    @Test
    void criteriaSetsAreListed() {
        given().get("/api/v1/criteria").then().statusCode(200)
                .body("id", hasItem("default-2026"))
                .body("find { it.id == 'default-2026' }.groups.size()", is(4));
        given().get("/api/v1/criteria/default-2026").then().statusCode(200)
                .body("groups[0].name", is("Tiến độ giải quyết"))
                .body("groups[0].indicators[0].key", is("onestop.onTimeRate"));
        given().get("/api/v1/criteria/no-such-set").then().statusCode(404);
    }
}
