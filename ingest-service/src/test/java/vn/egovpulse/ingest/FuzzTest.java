package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.egovpulse.ingest.Fixture.*;

/**
 * Random and mutated requests: the service only ever answers 202/400/401/403/413, and no event
 * of a refused request reaches egov.events. Re-run a failure with -Dfuzz.seed=<printed seed>.
 */
@QuarkusTest
class FuzzTest {
    private static final int REQUESTS = 2000;
    private static final Set<Integer> ALLOWED = Set.of(202, 400, 401, 403, 413);

    private Random random;
    private String prefix;
    private List<String> otherTokens;
    private String ingestToken;

    @BeforeEach
    void setUp() throws Exception {
        Fixture.units();
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("FuzzTest seed: " + seed + " (re-run with -Dfuzz.seed=" + seed + ")");
        random = new Random(seed);
        prefix = "fz-" + RUN + "-";
        // Signed once: RSA signing per request would dominate the run time.
        ingestToken = ingestToken();
        otherTokens = List.of(Fixture.foreignToken(), "garbage.token", Fixture.token(SOURCE, P, "viewer"),
                Fixture.token(SOURCE, Q, "ingest"), Fixture.token("urn:egov:" + P + ":other", P, "ingest"));
    }

    @Test
    void onlyContractAnswersComeBackAndRefusedEventsAreNeverPublished() {
        Set<String> acceptedIds = new HashSet<>();
        List<String> unexpected = new ArrayList<>();
        int accepted = 0;
        try (TopicReader events = new TopicReader(EVENTS_TOPIC)) {
            for (int n = 0; n < REQUESTS; n++) {
                List<ObjectNode> batch = new ArrayList<>();
                for (int i = 0, size = 1 + random.nextInt(4); i < size; i++) {
                    batch.add(mutate(validEvent(prefix + n + "-" + i)));
                }
                int mode = random.nextInt(4);
                RequestSpecification req = given().auth().oauth2(randomToken());
                byte[] body;
                if (mode == 3) { // binary mode: attributes of the first event as ce-* headers
                    ObjectNode e = batch.get(0);
                    for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                        String f = it.next();
                        if (!f.equals("data") && !f.equals("datacontenttype") && e.get(f).isValueNode()) {
                            req.header("ce-" + f, e.get(f).asText());
                        }
                    }
                    req.header("ce-specversion", e.path("specversion").asText("1.0"));
                    body = e.has("data") ? bytes(e.get("data")) : new byte[0];
                    req.contentType("application/json");
                } else {
                    boolean single = mode == 1 || (mode == 2 && random.nextBoolean());
                    body = mangle(bytes(single ? batch.get(0) : array(batch)));
                    req.contentType(mode == 0 ? "application/cloudevents-batch+json"
                            : mode == 1 ? "application/cloudevents+json" : "application/json");
                }
                int status = req.body(body).post("/api/v1/events").then().extract().statusCode();
                if (!ALLOWED.contains(status)) {
                    unexpected.add(status + " for " + new String(body, StandardCharsets.UTF_8));
                }
                if (status == 202) {
                    accepted++;
                    acceptedIds.addAll(mode == 3 ? List.of(batch.get(0).path("id").asText()) : idsIn(body));
                }
            }
            assertThat(unexpected).as("answers outside 202/400/401/403/413").isEmpty();
            assertThat(accepted).as("some requests should be valid").isGreaterThan(REQUESTS / 20);
            List<String> leaked = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : events.untilNow()) {
                String id = TopicReader.id(r);
                if (id != null && id.startsWith(prefix) && !acceptedIds.contains(id)) {
                    leaked.add(id);
                }
            }
            assertThat(leaked).as("events of refused requests found on " + EVENTS_TOPIC).isEmpty();
            System.out.printf("FuzzTest: %d requests, %d accepted%n", REQUESTS, accepted);
        }
    }

    /**
     * Hostile bodies: each gets a 4xx (never 5xx, never a hang), and the service keeps serving
     * valid requests and stays live after each.
     */
    @Test
    void hostileBodiesGetA4xxAndTheServiceKeepsServing() throws Exception {
        String valid = new String(bytes(caseReceived(prefix + "hostile", P_DISTRICT)), StandardCharsets.UTF_8);
        java.util.Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        bodies.put("100,000 [", "[".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        bodies.put("100,000 [ closed", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("100,000 nested objects", ("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("deep data", valid.replace("\"data\":{", "\"data\":{\"deep\":" + "[".repeat(50_000) + "]".repeat(50_000) + ",")
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("15 MB string", ("[{\"id\":\"" + "x".repeat(15_000_000) + "\"}]").getBytes(StandardCharsets.UTF_8));
        bodies.put("5 MB number", ("[" + "1".repeat(5_000_000) + "]").getBytes(StandardCharsets.UTF_8));
        bodies.put("1.5 MB event", valid.replace("\"data\":{", "\"data\":{\"notes\":\"" + "y".repeat(1_500_000) + "\",")
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("lone surrogate escape", valid.replace("\"id\":\"", "\"id\":\"\\ud800").getBytes(StandardCharsets.UTF_8));
        bodies.put("two high surrogates", valid.replace("\"id\":\"", "\"id\":\"\\udbff\\udbff").getBytes(StandardCharsets.UTF_8));
        bodies.put("surrogate as CESU-8 bytes", valid.replace("\"id\":\"", "\"id\":\"\u0000").getBytes(StandardCharsets.UTF_8));
        byte[] cesu = bodies.get("surrogate as CESU-8 bytes");
        for (int i = 0; i < cesu.length; i++) {
            if (cesu[i] == 0) { // ED A0 80: U+D800 encoded naively (CESU-8), invalid UTF-8
                byte[] b = new byte[cesu.length + 2];
                System.arraycopy(cesu, 0, b, 0, i);
                b[i] = (byte) 0xED;
                b[i + 1] = (byte) 0xA0;
                b[i + 2] = (byte) 0x80;
                System.arraycopy(cesu, i + 1, b, i + 3, cesu.length - i - 1);
                bodies.put("surrogate as CESU-8 bytes", b);
                break;
            }
        }
        for (String charset : new String[]{"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32LE"}) {
            bodies.put(charset, ("[" + valid + "]").getBytes(charset));
        }
        List<String> unexpected = new ArrayList<>();
        for (var b : bodies.entrySet()) {
            for (String type : new String[]{"application/json", "application/cloudevents+json"}) {
                int status = given().auth().oauth2(ingestToken).contentType(type).body(b.getValue())
                        .post("/api/v1/events").then().extract().statusCode();
                if (status < 400 || status > 499) {
                    unexpected.add(status + " for " + b.getKey() + " as " + type);
                }
            }
            given().get("/q/health/live").then().statusCode(200);
            given().auth().oauth2(ingestToken).contentType("application/json")
                    .body(valid.replace(prefix + "hostile", prefix + "after-" + b.getKey().hashCode()).getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/events").then().statusCode(202);
        }
        assertThat(unexpected).as("hostile bodies must get a 4xx").isEmpty();
    }

    private String randomToken() {
        return random.nextInt(100) < 85 ? ingestToken : otherTokens.get(random.nextInt(otherTokens.size()));
    }

    private ObjectNode validEvent(String id) {
        String[] units = {P, P_DISTRICT, P_COMMUNE};
        String unit = units[random.nextInt(units.length)];
        return switch (random.nextInt(5)) {
            case 0 -> caseReceived(id, unit);
            case 1 -> caseResolved(id, unit);
            case 2 -> documentIssued(id, unit);
            case 3 -> documentReceived(id, unit);
            default -> meetingHeld(id, unit);
        };
    }

    /** 0-3 structural mutations: drop or replace a field, anywhere in the envelope or its data. */
    private ObjectNode mutate(ObjectNode e) {
        for (int m = 0, count = random.nextInt(3) == 0 ? 0 : random.nextInt(4); m < count; m++) {
            ObjectNode target = random.nextBoolean() && e.get("data") instanceof ObjectNode d ? d : e;
            List<String> fields = new ArrayList<>();
            target.fieldNames().forEachRemaining(fields::add);
            String field = fields.isEmpty() ? "x" : fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(4)) {
                case 0 -> target.remove(field);
                case 1 -> target.set(field, randomValue());
                case 2 -> target.set(randomString(1 + random.nextInt(8)), randomValue());
                default -> target.put(field, special(field));
            }
        }
        return e;
    }

    private String special(String field) {
        return switch (random.nextInt(6)) {
            case 0 -> OffsetDateTime.now().plusDays(2).toString();
            case 1 -> "2020-03-14T09:12:00";
            case 2 -> Q_DISTRICT;
            case 3 -> "urn:egov:" + Q + ":one-stop";
            case 4 -> "x".repeat(300);
            default -> field.toUpperCase();
        };
    }

    private JsonNode randomValue() {
        JsonNodeFactory f = JSON.getNodeFactory();
        return switch (random.nextInt(9)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(random.nextInt(11) - 5);
            case 2 -> f.numberNode(random.nextDouble() * 1e12);
            case 3 -> f.booleanNode(random.nextBoolean());
            case 4 -> f.textNode(randomString(random.nextInt(20)));
            case 5 -> f.arrayNode().add(randomString(3)).add(random.nextInt());
            case 6 -> f.objectNode().put(randomString(4), randomString(4));
            case 7 -> f.textNode(new String[]{"ONLINE", "DIRECT", "POSTAL", "COMMUNE", "DEPARTMENT", "1.0", "3", "4"}[random.nextInt(8)]);
            default -> f.numberNode(new java.math.BigInteger(80, random));
        };
    }

    private String randomString(int length) {
        String alphabet = "abcXYZ019 .-_\"\\/{}[]:,éệư\u0000\t\n😀";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Sometimes break the bytes themselves: truncate, flip, insert, or replace with noise. */
    private byte[] mangle(byte[] body) {
        int r = random.nextInt(10);
        if (r >= 7) {
            return body;
        }
        return switch (r) {
            case 0 -> java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
            case 1 -> {
                byte[] b = body.clone();
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                yield b;
            }
            case 2 -> {
                byte[] noise = new byte[random.nextInt(200)];
                random.nextBytes(noise);
                yield noise;
            }
            case 3 -> ("[" + new String(body, StandardCharsets.UTF_8) + "," + new String(body, StandardCharsets.UTF_8) + "]")
                    .getBytes(StandardCharsets.UTF_8);
            case 4 -> "[[], {}, null]".getBytes(StandardCharsets.UTF_8);
            case 5 -> (new String(body, StandardCharsets.UTF_8) + " trailing").getBytes(StandardCharsets.UTF_8);
            case 6 -> { // a lone UTF-16 surrogate escape at the start of some string value
                String text = new String(body, StandardCharsets.UTF_8);
                int at = text.indexOf("\":\"", random.nextInt(Math.max(1, text.length())));
                yield at < 0 ? body : (text.substring(0, at + 3) + (random.nextBoolean() ? "\\ud800" : "\\udbff")
                        + text.substring(at + 3)).getBytes(StandardCharsets.UTF_8);
            }
            default -> body;
        };
    }

    private static List<String> idsIn(byte[] body) {
        List<String> ids = new ArrayList<>();
        try {
            JsonNode n = JSON.readTree(body);
            if (n instanceof ArrayNode a) {
                for (JsonNode e : a) {
                    ids.add(e.path("id").asText());
                }
                return ids;
            }
            ids.add(n.path("id").asText());
        } catch (Exception e) {
            throw new IllegalStateException("an accepted body must be JSON", e);
        }
        return ids;
    }
}
