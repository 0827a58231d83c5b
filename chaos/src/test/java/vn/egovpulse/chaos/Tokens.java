package vn.egovpulse.chaos;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Good tokens from deploy/local/token.sh (as an integrator gets them); bad ones built here. */
final class Tokens {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    static final String ISSUER = "egov-pulse-local";

    private Tokens() {
    }

    static String good(String sub, String groups, String province) {
        return CACHE.computeIfAbsent(sub + "|" + groups + "|" + province, k ->
                ChaosStack.sh(ChaosStack.ROOT.resolve("deploy/local/token.sh").toString(), sub, groups, province).trim());
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {"iss","sub","upn","groups":[...],"province"?,"iat","exp","nbf"?}; provinceJson null = no claim. */
    static String claims(String iss, String sub, String groups, String provinceJson, long iat, long exp, Long nbf) {
        StringBuilder g = new StringBuilder();
        for (String s : groups.split(",")) {
            g.append(g.length() == 0 ? "" : ",").append('"').append(s).append('"');
        }
        return "{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"upn\":\"" + sub + "\",\"groups\":[" + g + "]"
                + (provinceJson == null ? "" : ",\"province\":" + provinceJson)
                + ",\"iat\":" + iat + ",\"exp\":" + exp + (nbf == null ? "" : ",\"nbf\":" + nbf)
                + ",\"jti\":\"" + Long.toHexString(System.nanoTime()) + "\"}";
    }

    static PrivateKey localKey() throws Exception {
        String pem = ChaosStack.read(ChaosStack.STATE.resolve("keys/private.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    static PrivateKey otherKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair().getPrivate();
    }

    static String rs256(String claims, PrivateKey key) throws Exception {
        String input = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(s.sign());
    }

    static String none(String claims) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".";
    }

    /** The classic key-confusion attack: HS256 with the server's public key (PEM bytes) as the HMAC secret. */
    static String hs256WithPublicKey(String claims) throws Exception {
        byte[] secret = ChaosStack.read(ChaosStack.STATE.resolve("keys/public.pem")).getBytes(StandardCharsets.US_ASCII);
        String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
