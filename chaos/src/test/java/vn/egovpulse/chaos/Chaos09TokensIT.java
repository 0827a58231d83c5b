package vn.egovpulse.chaos;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 9, tokens: expired, not yet valid, wrong issuer, wrong key, alg none, HS256 with the public key
 * as secret, missing or odd province claim: all refused (401/403) by POST /api/v1/events and
 * PUT /api/v1/units; nothing sent with them is counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Chaos09TokensIT {
    Load load;
    String sub;
    final AtomicInteger ids = new AtomicInteger();
    final List<String> refusedCases = new ArrayList<>();

    record Bad(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void register() {
        ChaosStack.get();
        load = new Load("SJ", 2);
        load.registerUnits();
        sub = load.source;
    }

    List<Bad> badTokens() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String p = "\"" + load.province + "\"";
        String groups = "ingest,admin";
        var key = Tokens.localKey();
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad("no token", null));
        bad.add(new Bad("not a JWT", "not.a.jwt"));
        bad.add(new Bad("expired", Tokens.rs256(Tokens.claims(Tokens.ISSUER, sub, groups, p, now - 7200, now - 3600, null), key)));
        bad.add(new Bad("not yet valid (nbf in 1 h)", Tokens.rs256(Tokens.claims(Tokens.ISSUER, sub, groups, p, now, now + 7200, now + 3600), key)));
        bad.add(new Bad("wrong issuer", Tokens.rs256(Tokens.claims("https://issuer.example.org", sub, groups, p, now, now + 3600, null), key)));
        bad.add(new Bad("wrong key", Tokens.rs256(Tokens.claims(Tokens.ISSUER, sub, groups, p, now, now + 3600, null), Tokens.otherKey())));
        bad.add(new Bad("alg none", Tokens.none(Tokens.claims(Tokens.ISSUER, sub, groups, p, now, now + 3600, null))));
        bad.add(new Bad("HS256 with the public key as secret", Tokens.hs256WithPublicKey(Tokens.claims(Tokens.ISSUER, sub, groups, p, now, now + 3600, null))));
        bad.add(new Bad("good token with the signature cut off", Tokens.rs256(Tokens.claims(Tokens.ISSUER, sub, groups, p, now, now + 3600, null), key)
                .replaceAll("\\.[^.]+$", ".")));
        bad.add(new Bad("missing province claim", Tokens.rs256(Tokens.claims(Tokens.ISSUER, sub, groups, null, now, now + 3600, null), key)));
        for (String odd : List.of("\"\"", "null", "42", "[" + p + "]", "{\"code\":" + p + "}", "\"*\"", "\"" + load.province.toLowerCase() + "\"",
                "\"" + load.province + " \"", "\"ZZZ\"")) {
            bad.add(new Bad("odd province claim " + odd, Tokens.rs256(Tokens.claims(Tokens.ISSUER, sub, groups, odd, now, now + 3600, null), key)));
        }
        return bad;
    }

    String event(String id) {
        String unit = load.units.get(0);
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + sub + "\",\"type\":\"vn.gov.egov.onestop.case.received\","
                + "\"time\":\"2023-04-04T09:00:00+07:00\",\"subject\":\"" + unit + "\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"caseId\":\"" + id + "\",\"channel\":\"DIRECT\",\"dueAt\":\"2023-04-10T17:00:00+07:00\"}}";
    }

    String unitsBody() {
        return "[{\"code\":\"" + load.province + "\",\"name\":\"Tỉnh thử nghiệm " + load.province + "\",\"tier\":\"PROVINCE\"},"
                + "{\"code\":\"" + load.province + ".H.EXTRA\",\"name\":\"UBND huyện Thêm\",\"tier\":\"DISTRICT\",\"parent\":\"" + load.province + "\"}]";
    }

    @ParameterizedTest(name = "POST /api/v1/events refuses: {0}")
    @MethodSource("badTokens")
    @Order(1)
    void postEventsRefused(Bad bad) {
        String id = load.province + "-bad-" + ids.incrementAndGet();
        HttpResponse<String> r = Http.post(ChaosStack.INGEST + "/api/v1/events", bad.token(), "application/cloudevents-batch+json",
                "[" + event(id) + "]");
        synchronized (refusedCases) {
            refusedCases.add("POST " + bad.name() + " -> " + r.statusCode());
        }
        assertThat(r.statusCode()).as("POST /api/v1/events with %s: %s", bad.name(), r.body()).isIn(401, 403);
    }

    @ParameterizedTest(name = "PUT /api/v1/units refuses: {0}")
    @MethodSource("badTokens")
    @Order(2)
    void putUnitsRefused(Bad bad) {
        HttpResponse<String> r = Http.put(ChaosStack.INGEST + "/api/v1/units", bad.token(), unitsBody());
        synchronized (refusedCases) {
            refusedCases.add("PUT " + bad.name() + " -> " + r.statusCode());
        }
        assertThat(r.statusCode()).as("PUT /api/v1/units with %s: %s", bad.name(), r.body()).isIn(401, 403);
    }

    @Test
    @Order(3)
    void onlyTheGoodTokenIsCounted() {
        HttpResponse<String> r = Http.post(ChaosStack.INGEST + "/api/v1/events", Tokens.good(sub, "ingest", load.province),
                "application/cloudevents-batch+json", "[" + event(load.province + "-good-1") + "]");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        // The refused events (if any slipped through) would show up here: exactly one case is counted.
        await("S9: the good event is counted").atMost(Duration.ofSeconds(30))
                .until(() -> Readings.received(ChaosStack.REPORTING, "provinces", load.province, Load.PERIOD) >= 1);
        await("S9: and only it").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> Readings.received(ChaosStack.REPORTING, "provinces", load.province, Load.PERIOD) == 1);
        assertThat(Http.get(ChaosStack.INGEST + "/api/v1/units?province=" + load.province).body())
                .as("no refused PUT created a unit").doesNotContain(load.province + ".H.EXTRA");
        ChaosStack.log("S9 RESULT: %s", refusedCases);
    }
}
