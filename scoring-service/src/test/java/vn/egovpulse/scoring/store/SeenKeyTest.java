package vn.egovpulse.scoring.store;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.eclipse.microprofile.config.ConfigProvider;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer's dedupe key is the one migration V9 computed for the keys stored before it. */
@QuarkusTest
class SeenKeyTest {

    /** The expression of V9__seen_key.sql, for one (source, id). */
    static final String V9_KEY = "SELECT encode(substring(sha256(int4send(octet_length(?::text)) || convert_to(?::text, 'UTF8')"
            + " || convert_to(?::text, 'UTF8')) FROM 1 FOR 16), 'hex')::uuid AS key";

    @Test
    void theKeyOfAnEventIsTheMigrationsKey() throws Exception {
        MessageDigest sha256 = FactsStore.sha256();
        String[][] pairs = {{"urn:egov:PTO:one-stop", "pto-mc-2020-0000001"}, {"urn:egov:HNI:văn-bản", "id\nwith a line feed 🙂"}};
        for (String[] p : pairs) {
            assertThat(FactsStore.seenKey(sha256, p[0], p[1])).isEqualTo(v9Key(p[0], p[1]));
        }
    }

    @Test
    void aSourceAndIdThatJoinToTheSameTextAreDifferentEvents() {
        MessageDigest sha256 = FactsStore.sha256();
        assertThat(FactsStore.seenKey(sha256, "a\nb", "c")).isNotEqualTo(FactsStore.seenKey(sha256, "a", "b\nc"));
        assertThat(FactsStore.seenKey(sha256, "ab", "c")).isNotEqualTo(FactsStore.seenKey(sha256, "a", "bc"));
    }

    static UUID v9Key(String source, String id) throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "egov", "egov"); PreparedStatement st = c.prepareStatement(V9_KEY)) {
            st.setString(1, source);
            st.setString(2, source);
            st.setString(3, id);
            try (ResultSet r = st.executeQuery()) {
                r.next();
                return UUID.fromString(r.getString(1));
            }
        }
    }
}
