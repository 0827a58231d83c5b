package vn.egovpulse.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.egovpulse.e2e.Stack.*;

/**
 * The published Phú Thọ figures of shared/demo/FACTS.md, read back from the running stack after
 * the demo data set was loaded through the public API (deploy/local/demo.sh, as `make up` does).
 */
class DemoFactsIT {

    @BeforeAll
    static void demoDataLoaded() throws Exception {
        // Waits for a load that `make up` started in the background, or loads the data set now.
        Process load = new ProcessBuilder("bash", ROOT.resolve("deploy/local/demo.sh").toString(), "wait")
                .directory(ROOT.toFile()).inheritIO().start();
        assertThat(load.waitFor(40, TimeUnit.MINUTES)).as("demo load finished").isTrue();
        assertThat(load.exitValue()).as("demo load exit code").isZero();
    }

    static JsonPath province(String period, String tier) {
        var req = reader().queryParam("period", period);
        if (tier != null) {
            req = req.queryParam("tier", tier);
        }
        return JsonPath.from(req.get(REPORTING + "/api/v1/provinces/PTO/indicators").then().statusCode(200).extract().asString());
    }

    static long num(JsonPath j, String key) {
        return j.getLong("indicators.'" + key + "'.numerator");
    }

    static long den(JsonPath j, String key) {
        return j.getLong("indicators.'" + key + "'.denominator");
    }

    static double percent(long numerator, long denominator) {
        return Math.round(10_000.0 * numerator / denominator) / 100.0;
    }

    static List<String> ranking(String tier, String period) {
        return JsonPath.from(reader().queryParam("province", "PTO").queryParam("tier", tier).queryParam("period", period)
                .get(REPORTING + "/api/v1/rankings").then().statusCode(200).extract().asString()).getList("entries.unit.code");
    }

    @Test
    void oneStop2020WholeProvince() {
        JsonPath j = province("2020", null);
        assertThat(num(j, "onestop.received")).isEqualTo(296_931);
        assertThat(num(j, "onestop.resolved")).isEqualTo(291_384);
        assertThat(percent(num(j, "onestop.onTimeRate"), den(j, "onestop.onTimeRate"))).isEqualTo(98.30);
        long onlineOrPostal = num(j, "onestop.onlineRate") + num(j, "onestop.postalRate");
        assertThat((double) onlineOrPostal / num(j, "onestop.received")).isGreaterThan(0.30);
    }

    @Test
    void oneStop2020DistrictAndCommuneDesks() {
        JsonPath d = province("2020", "DISTRICT");
        JsonPath c = province("2020", "COMMUNE");
        long received = num(d, "onestop.received") + num(c, "onestop.received");
        long resolved = num(d, "onestop.resolved") + num(c, "onestop.resolved");
        assertThat(received).isEqualTo(198_324);
        assertThat(resolved).isEqualTo(191_065);
        assertThat(percent(resolved, received)).isEqualTo(96.34); // the published "96.34%": resolved / received
    }

    @Test
    void documents2020() {
        JsonPath j = province("2020", null);
        assertThat(num(j, "docs.issued") + num(j, "docs.received")).isEqualTo(721_223);
        assertThat(num(j, "docs.axisRate")).isEqualTo(157_030);
        assertThat(percent(num(j, "docs.orgSignedRate"), den(j, "docs.orgSignedRate"))).isEqualTo(85.74);
        assertThat(percent(num(j, "docs.leaderSignedRate"), den(j, "docs.leaderSignedRate"))).isEqualTo(78.81);
        JsonPath dept = province("2020", "DEPARTMENT");
        JsonPath dist = province("2020", "DISTRICT");
        assertThat(percent(num(dept, "docs.electronicRate") + num(dist, "docs.electronicRate"),
                den(dept, "docs.electronicRate") + den(dist, "docs.electronicRate"))).isEqualTo(91.29);
        JsonPath com = province("2020", "COMMUNE");
        assertThat(percent(num(com, "docs.electronicRate"), den(com, "docs.electronicRate"))).isEqualTo(69.28);
    }

    @Test
    void communesSendingSignedDocuments2020() {
        JsonPath r = JsonPath.from(reader().queryParam("province", "PTO").queryParam("tier", "COMMUNE")
                .queryParam("period", "2020").get(REPORTING + "/api/v1/rankings").then().statusCode(200).extract().asString());
        List<Map<String, Object>> all = new java.util.ArrayList<>(r.getList("entries"));
        all.addAll(r.getList("unranked"));
        assertThat(all).hasSize(225);
        long signing = all.stream().filter(e -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> ind = (Map<String, Map<String, Object>>) e.get("indicators");
            return ((Number) ind.get("docs.signedRate").get("numerator")).longValue() > 0;
        }).count();
        assertThat(signing).isEqualTo(207);
    }

    @Test
    void year2021() {
        JsonPath j = province("2021", null);
        assertThat(num(j, "onestop.onlineRate")).isEqualTo(513_922);
        assertThat(percent(num(j, "onestop.onlineRate"), den(j, "onestop.onlineRate"))).isEqualTo(55.73);
        assertThat(percent(num(j, "docs.signedRate"), den(j, "docs.signedRate"))).isEqualTo(95.25);
        assertThat(num(j, "vc.meetings")).isGreaterThan(500);
        assertThat(num(j, "vc.endpoints")).isGreaterThan(3_000);
        assertThat(num(j, "vc.participants")).isGreaterThan(250_000);
    }

    @Test
    void publishedRankingOrders() {
        List<String> dept2020 = ranking("DEPARTMENT", "2020");
        assertThat(dept2020.subList(0, 3)).containsExactly("PTO.CT", "PTO.STTTT", "PTO.VPUBND");
        assertThat(dept2020.get(dept2020.size() - 1)).isEqualTo("PTO.BCHQS");
        List<String> dist2020 = ranking("DISTRICT", "2020");
        assertThat(dist2020.get(0)).isEqualTo("PTO.H.THANHBA");
        assertThat(dist2020.get(2)).isEqualTo("PTO.H.THANHTHUY");
        assertThat(dist2020.get(dist2020.size() - 1)).isEqualTo("PTO.H.HAHOA");
        assertThat(ranking("DEPARTMENT", "2021").subList(0, 5))
                .containsExactly("PTO.CT", "PTO.STTTT", "PTO.VPUBND", "PTO.SYT", "PTO.STC");
        assertThat(ranking("DISTRICT", "2021").subList(0, 5))
                .containsExactly("PTO.H.PHUTHO", "PTO.H.TANSON", "PTO.H.TAMNONG", "PTO.H.YENLAP", "PTO.H.THANHBA");
    }

    @Test
    void lamThao2022() {
        JsonPath district = IndicatorRulesIT.unitIndicators("PTO.H.LAMTHAO", "2022");
        assertThat(num(district, "onestop.received")).isEqualTo(7_052);
        assertThat(num(district, "onestop.onlineRate")).isEqualTo(6_322);
        // published as 89.64% (cut after two decimals, not rounded)
        assertThat(Math.floor(10_000.0 * 6_322 / 7_052) / 100).isEqualTo(89.64);
        // The communes of 2022 (SPEC 6: the list defaults to today's units, the two-tier communes).
        List<String> communes = JsonPath.from(reader().queryParam("province", "PTO").queryParam("tier", "COMMUNE")
                        .queryParam("asOf", "2022-12-31").get(REPORTING + "/api/v1/units").then().statusCode(200).extract().asString())
                .getList("findAll { it.parent == 'PTO.H.LAMTHAO' }.code");
        assertThat(communes).hasSize(12);
        long received = 0;
        long online = 0;
        for (String c : communes) {
            JsonPath j = IndicatorRulesIT.unitIndicators(c, "2022");
            received += num(j, "onestop.received");
            online += num(j, "onestop.onlineRate");
        }
        assertThat(received).isEqualTo(12_493);
        assertThat(online).isEqualTo(11_086);
        assertThat(num(IndicatorRulesIT.unitIndicators("PTO.H.LAMTHAO", "2022-01-01..2022-11-24"), "docs.issued"))
                .isEqualTo(1_965);
        assertThat(num(district, "vc.meetings")).isEqualTo(24);
        assertThat(num(district, "vc.communeReachRate")).isEqualTo(14);
    }
}
