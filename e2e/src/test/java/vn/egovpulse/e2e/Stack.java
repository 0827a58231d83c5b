package vn.egovpulse.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/** The running stack, reached only through its public API and deploy/local/token.sh. */
final class Stack {
    static final String REPORTING = env("EGOV_REPORTING_URL", "http://127.0.0.1:8080");
    static final String INGEST = env("EGOV_INGEST_URL", "http://127.0.0.1:8081");
    static final String SCORING = env("EGOV_SCORING_URL", "http://127.0.0.1:8082");
    static final Path ROOT = Path.of(System.getProperty("egov.root", ".."));
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Stack() {
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A fresh province code for one test run, so runs never see each other's data. */
    static String newProvince() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder("T");
        for (int i = 0; i < 7; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** A token from deploy/local/token.sh, as an integrator would get one. */
    static String token(String sub, String groups, String province) {
        return TOKENS.computeIfAbsent(sub + "|" + groups + "|" + province, k -> {
            try {
                Process p = new ProcessBuilder("bash", ROOT.resolve("deploy/local/token.sh").toString(), sub, groups, province)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor() != 0 || out.isEmpty()) {
                    throw new IllegalStateException("token.sh failed");
                }
                return out;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static RequestSpecification as(String sub, String groups, String province) {
        return given().header("Authorization", "Bearer " + token(sub, groups, province));
    }

    static ObjectNode unit(String code, String name, String tier, String parent) {
        ObjectNode u = JSON.createObjectNode().put("code", code).put("name", name).put("tier", tier);
        if (parent != null) {
            u.put("parent", parent);
        }
        return u;
    }

    static void putUnits(String province, List<ObjectNode> units) {
        ArrayNode body = JSON.createArrayNode().addAll(units);
        as("urn:egov:" + province + ":admin", "admin", province)
                .contentType("application/json").body(body.toString())
                .put(INGEST + "/api/v1/units")
                .then().statusCode(200);
    }

    static Response postEvents(String source, String province, List<ObjectNode> events) {
        ArrayNode body = JSON.createArrayNode().addAll(events);
        return as(source, "ingest", province)
                .contentType("application/cloudevents-batch+json").body(body.toString())
                .post(INGEST + "/api/v1/events");
    }

    static void postAccepted(String source, String province, List<ObjectNode> events) {
        postEvents(source, province, events).then().statusCode(202);
    }

    static ObjectNode event(String source, String id, String type, String time, String subject, ObjectNode data) {
        return JSON.createObjectNode().put("specversion", "1.0").put("id", id).put("source", source)
                .put("type", type).put("time", time).put("subject", subject)
                .put("datacontenttype", "application/json").set("data", data);
    }

    static ObjectNode data() {
        return JSON.createObjectNode();
    }

    static RequestSpecification reader() {
        return RestAssured.given();
    }
}
