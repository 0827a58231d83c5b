package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of SPEC 8's items behind a number: pages through {@code GET /api/v1/units/{code}/facts}
 * of every unit of a province (as the structure stood at the period's end) for some indicators, one
 * request after the other as an operator's export would, and prints items per second. It also
 * checks the invariant of SPEC 8 on the way (the items of all pages are the denominator, those in
 * the numerator the numerator), so a fast answer that is wrong does not pass unnoticed.
 */
final class FactsPager {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String reporting;

    FactsPager(String reporting) {
        this.reporting = reporting.replaceAll("/$", "");
    }

    /** What one pass over one indicator gave. */
    record Pass(String indicator, int units, long items, long requests, double seconds, long mismatches) {
        double itemsPerSecond() {
            return seconds > 0 ? items / seconds : 0;
        }
    }

    /** The units to page through: the given codes, or the province's units valid at {@code asOf} except the province itself. */
    List<String> units(String province, String asOf) throws IOException, InterruptedException {
        JsonNode list = get(reporting + "/api/v1/units?province=" + enc(province) + "&asOf=" + enc(asOf));
        List<String> out = new ArrayList<>();
        // The province unit is left out: as restructured it holds the abolished districts, whose items
        // would then be paged twice (SPEC 6: a district's successor is the province).
        list.forEach(u -> {
            if (!"PROVINCE".equals(u.path("tier").asText())) {
                out.add(u.path("code").asText());
            }
        });
        return out;
    }

    Pass pass(List<String> units, String indicator, String period, int limit) throws IOException, InterruptedException {
        long items = 0;
        long requests = 0;
        long mismatches = 0;
        long start = System.nanoTime();
        for (String unit : units) {
            String cursor = null;
            long unitItems = 0;
            long unitInNumerator = 0;
            JsonNode first = null;
            do {
                String url = reporting + "/api/v1/units/" + enc(unit) + "/facts?indicator=" + enc(indicator)
                        + "&period=" + enc(period) + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + enc(cursor));
                JsonNode page = get(url);
                requests++;
                if (first == null) {
                    first = page;
                }
                for (JsonNode item : page.path("items")) {
                    unitItems++;
                    if (item.path("inNumerator").asBoolean(false)) {
                        unitInNumerator++;
                    }
                }
                cursor = page.path("next").isTextual() ? page.path("next").asText() : null;
            } while (cursor != null);
            items += unitItems;
            if (!holds(first, unitItems, unitInNumerator)) {
                mismatches++;
                System.err.printf("invariant: %s %s %s: %d items, %d in the numerator; the page says numerator %s, denominator %s%n",
                        unit, indicator, period, unitItems, unitInNumerator, first.path("numerator"), first.path("denominator"));
            }
        }
        return new Pass(indicator, units.size(), items, requests, (System.nanoTime() - start) / 1e9, mismatches);
    }

    /** SPEC 8: items = denominator (the count, for a count), items in the numerator = numerator; sums (vc.endpoints…) are not checked. */
    private static boolean holds(JsonNode first, long items, long inNumerator) {
        if (first == null || first.path("numerator").isMissingNode()) {
            return items == 0;
        }
        if (first.path("indicator").asText().matches("vc\\.(endpoints|participants)|assessed\\..*")) {
            return true;
        }
        long numerator = first.path("numerator").asLong();
        JsonNode denominator = first.path("denominator");
        long expected = denominator.isNumber() ? denominator.asLong() : numerator;
        return items == expected && inNumerator == numerator;
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return mapper.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** facts-pager: rounds × indicators passes; one line per pass, then one line per round (all indicators). */
    static void run(String reporting, String province, String period, String asOf, String unitsCsv, List<String> indicators,
                    int limit, int rounds) throws IOException, InterruptedException {
        FactsPager pager = new FactsPager(reporting);
        List<String> units = unitsCsv == null ? pager.units(province, asOf) : List.of(unitsCsv.split(","));
        System.out.printf("facts-pager: %d units of %s (as of %s), period %s, limit %d%n", units.size(), province, asOf, period, limit);
        for (int round = 1; round <= rounds; round++) {
            long items = 0;
            long requests = 0;
            long mismatches = 0;
            double seconds = 0;
            for (String indicator : indicators) {
                Pass p = pager.pass(units, indicator, period, limit);
                System.out.printf(Locale.ROOT, "facts round=%d indicator=%s units=%d items=%d requests=%d seconds=%.3f items_per_s=%.0f mismatches=%d%n",
                        round, p.indicator(), p.units(), p.items(), p.requests(), p.seconds(), p.itemsPerSecond(), p.mismatches());
                items += p.items();
                requests += p.requests();
                mismatches += p.mismatches();
                seconds += p.seconds();
            }
            System.out.printf(Locale.ROOT, "facts round=%d indicator=all units=%d items=%d requests=%d seconds=%.3f items_per_s=%.0f mismatches=%d%n",
                    round, units.size(), items, requests, seconds, seconds > 0 ? items / seconds : 0, mismatches);
        }
    }
}
