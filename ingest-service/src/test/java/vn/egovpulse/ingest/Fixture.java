package vn.egovpulse.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;

/**
 * Per-JVM test data: two random provinces (so runs never collide with earlier runs or other
 * people's tests), tokens, and event builders.
 */
final class Fixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String P = randomProvince();
    static final String P_DISTRICT = P + ".H.THANHBA";
    static final String P_COMMUNE = P + ".X.XUANLUNG";
    static final String Q = randomProvince();
    static final String Q_DISTRICT = Q + ".H.CHUPUH";
    static final String SOURCE = "urn:egov:" + P + ":one-stop";
    static final String EVENTS_TOPIC = "test.egov.events";
    static final String DLQ_TOPIC = "test.egov.in.dlq";

    private static final PrivateKey KEY = readKey(Path.of("../.local/keys/private.pem"));
    private static volatile boolean unitsRegistered;
    private static int seq;

    private Fixture() {
    }

    static String randomProvince() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder("T");
        for (int i = 0; i < 6; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Registers the units once per test JVM (the registry lives on Kafka, so restarts keep them). */
    static synchronized void units() {
        if (!unitsRegistered) {
            String body = """
                    [{"code":"%1$s","name":"Tỉnh thử %1$s","tier":"PROVINCE"},
                     {"code":"%2$s","name":"UBND huyện Thanh Ba","tier":"DISTRICT","parent":"%1$s"},
                     {"code":"%3$s","name":"UBND xã Xuân Lũng","tier":"COMMUNE","parent":"%2$s"},
                     {"code":"%4$s","name":"Tỉnh khác %4$s","tier":"PROVINCE"},
                     {"code":"%5$s","name":"UBND huyện Chư Pưh","tier":"DISTRICT","parent":"%4$s"}]
                    """.formatted(P, P_DISTRICT, P_COMMUNE, Q, Q_DISTRICT);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                    .auth().oauth2(token("urn:egov:test:admin", P, "admin", "national"))
                    .contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                    .put("/api/v1/units").then().statusCode(200));
            unitsRegistered = true;
        }
        // After a restart (another test profile) the registry must have read them back.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("province", P)
                .get("/api/v1/units").then().statusCode(200).body("code", hasItems(P_DISTRICT, P_COMMUNE)));
    }

    static String token(String sub, String province, String... groups) {
        return Jwt.issuer("egov-pulse-local").subject(sub).upn(sub).groups(Set.of(groups))
                .claim("province", province).sign(KEY);
    }

    /** The usual caller: the one-stop system of province P. */
    static String ingestToken() {
        return token(SOURCE, P, "ingest");
    }

    /** Signed with a key the service does not know. */
    static String foreignToken() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return Jwt.issuer("egov-pulse-local").subject(SOURCE).upn(SOURCE).groups(Set.of("ingest"))
                .claim("province", P).sign(g.generateKeyPair().getPrivate());
    }

    static synchronized String id(String what) {
        return "t-" + RUN + "-" + what + "-" + (++seq);
    }

    static ObjectNode caseReceived(String id, String subject) {
        ObjectNode e = envelope(id, "vn.gov.egov.onestop.case.received", subject);
        ObjectNode d = e.putObject("data");
        d.put("caseId", "000.00.21.H21-" + id);
        d.put("channel", "ONLINE");
        d.put("onlineLevel", 4);
        d.put("dueAt", "2020-03-20T17:00:00+07:00");
        return e;
    }

    static ObjectNode caseResolved(String id, String subject) {
        ObjectNode e = envelope(id, "vn.gov.egov.onestop.case.resolved", subject);
        e.putObject("data").put("caseId", "000.00.21.H21-" + id);
        return e;
    }

    static ObjectNode documentIssued(String id, String subject) {
        ObjectNode e = envelope(id, "vn.gov.egov.docs.document.issued", subject);
        e.putObject("data").put("documentId", "VB-" + id).put("electronic", true)
                .put("signedByOrganization", true).put("signedByLeader", false);
        return e;
    }

    static ObjectNode documentReceived(String id, String subject) {
        ObjectNode e = envelope(id, "vn.gov.egov.docs.document.received", subject);
        e.putObject("data").put("documentId", "VBD-" + id).put("electronic", true).put("processedOnline", true);
        return e;
    }

    static ObjectNode meetingHeld(String id, String subject) {
        ObjectNode e = envelope(id, "vn.gov.egov.vc.meeting.held", subject);
        e.putObject("data").put("meetingId", "H-" + id).put("durationMinutes", 90).put("endpoints", 12)
                .put("participants", 140).put("lowestTier", "COMMUNE");
        return e;
    }

    static ObjectNode envelope(String id, String type, String subject) {
        ObjectNode e = JSON.createObjectNode();
        e.put("specversion", "1.0");
        e.put("id", id);
        e.put("source", SOURCE);
        e.put("type", type);
        e.put("time", "2020-03-14T09:12:00+07:00");
        e.put("subject", subject);
        e.put("datacontenttype", "application/json");
        return e;
    }

    static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ArrayNode array(List<ObjectNode> events) {
        ArrayNode a = JSON.createArrayNode();
        a.addAll(events);
        return a;
    }

    private static PrivateKey readKey(Path pem) {
        try {
            String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test signing key " + pem.toAbsolutePath(), e);
        }
    }
}
