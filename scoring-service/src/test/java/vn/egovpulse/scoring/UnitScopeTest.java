package vn.egovpulse.scoring;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static vn.egovpulse.scoring.TestSupport.randomProvince;
import static vn.egovpulse.scoring.TestSupport.tokenOf;

/** An admin token changes the units of its own province only (PUT /api/v1/units is served by every service). */
@QuarkusTest
class UnitScopeTest {
    final String a = randomProvince();
    final String b = randomProvince();
    final String adminA = tokenOf("urn:egov:" + a + ":admin", a, "admin");
    final String adminB = tokenOf("urn:egov:" + b + ":admin", b, "admin");

    private static String unit(String code, String tier, String parent) {
        return "{\"code\":\"" + code + "\",\"name\":\"Đơn vị " + code + "\",\"tier\":\"" + tier + "\""
                + (parent == null ? "" : ",\"parent\":\"" + parent + "\"") + "}";
    }

    private static io.restassured.response.ValidatableResponse put(String token, String... units) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("[" + String.join(",", units) + "]")
                .put("/api/v1/units").then();
    }

    @Test
    void anAdminOfAnotherProvinceCannotTakeOrAddUnits() {
        put(adminA, unit(a, "PROVINCE", null), unit(a + ".H.A", "DISTRICT", a)).statusCode(200);
        put(adminB, unit(b, "PROVINCE", null)).statusCode(200);

        // Re-parenting A's district into B (reproduced: answered 200 before).
        put(adminB, unit(a + ".H.A", "DISTRICT", b)).statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].index", is(0)).body("errors[0].field", is("code"))
                .body("errors[0].message", containsString("'" + a + "'"));
        // Adding a unit under A, or giving B's unit to A.
        put(adminB, unit(a + ".H.NEW", "DISTRICT", a)).statusCode(403).body("errors[0].field", is("parent"));
        put(adminB, unit(b + ".H.B", "DISTRICT", b), unit(b + ".X.B", "COMMUNE", a + ".H.A")).statusCode(403)
                .body("errors.index", hasItem(1));
        // Nothing of a refused batch was applied.
        given().queryParam("province", a).get("/api/v1/units").then().statusCode(200)
                .body("find { it.code == '" + a + ".H.A' }.parent", is(a));
        given().queryParam("province", b).get("/api/v1/units").then().statusCode(200).body("code", is(java.util.List.of(b)));

        // Its own admin may change it; a national admin may change any province.
        put(adminA, unit(a + ".H.A", "DISTRICT", a), unit(a + ".X.A", "COMMUNE", a + ".H.A")).statusCode(200);
        put(tokenOf("urn:egov:VN:admin", "VN", "admin", "national"), unit(b + ".H.B", "DISTRICT", b)).statusCode(200);
    }

    @Test
    void anAdminTokenWithoutAProvinceChangesNothing() {
        String noProvince = io.smallrye.jwt.build.Jwt.issuer("egov-pulse-local").subject("urn:egov:x:admin")
                .groups(java.util.Set.of("admin")).sign(key());
        put(noProvince, unit(randomProvince(), "PROVINCE", null)).statusCode(403)
                .body("detail", containsString("province"));
    }

    private static java.security.PrivateKey key() {
        try {
            return io.smallrye.jwt.util.KeyUtils.decodePrivateKey(
                    java.nio.file.Files.readString(java.nio.file.Path.of("../.local/keys/private.pem")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
