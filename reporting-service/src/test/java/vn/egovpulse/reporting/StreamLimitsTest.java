package vn.egovpulse.reporting;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.egovpulse.reporting.Fixtures.unit;

/**
 * Live streams are bounded per client (remote address) and in total: past a bound 503
 * problem+json with Retry-After; a client that disconnects gives its slot back. Clients are told
 * apart by binding their sockets to different loopback addresses (127.0.0.1, 127.0.0.2, ...).
 */
@QuarkusTest
@TestProfile(StreamLimitsTest.LowLimits.class)
class StreamLimitsTest {
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("egov.reporting.streams.per-client", "2", "egov.reporting.streams.total", "3",
                    "egov.reporting.retry-after", "9s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    String province;
    final List<Socket> open = new ArrayList<>();

    /** Status line and headers of an answer, and the body when it has a Content-Length. */
    record Answer(int status, String head, String body) {
        boolean header(String line) {
            return head.toLowerCase().contains("\r\n" + line.toLowerCase() + "\r\n");
        }
    }

    @BeforeEach
    void league() {
        province = Fixtures.randomProvince();
        Fixtures.putUnits(List.of(unit(province, "Tỉnh Cao Bằng", "PROVINCE", null),
                unit(province + ".H.A", "UBND huyện Bảo Lạc", "DISTRICT", province)));
    }

    @AfterEach
    void closeAll() throws IOException {
        for (Socket s : open) {
            s.close();
        }
    }

    /** Opens GET /api/v1/rankings/stream from {@code from}; a 200 stream stays open until closed. */
    private Answer stream(String from, List<Socket> keep) throws IOException {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), base.getPort(), InetAddress.getByName(from), 0);
        s.setSoTimeout(30_000);
        open.add(s);
        keep.add(s);
        s.getOutputStream().write(("GET /api/v1/rankings/stream?province=" + province + "&tier=DISTRICT&period=2020 HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        int status = Integer.parseInt(h.substring(9, 12));
        String body = "";
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(h);
        if (length.find()) {
            body = new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }
        return new Answer(status, h, body);
    }

    private static void refused(Answer a, String why) {
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.header("Retry-After: 9")).isTrue();
        assertThat(a.header("Content-Type: application/problem+json")).isTrue();
        assertThat(a.body()).contains("\"status\":503").contains(why);
    }

    @Test
    void streamsAreBoundedPerClientAndInTotal() throws Exception {
        List<Socket> first = new ArrayList<>();
        assertThat(stream("127.0.0.1", first).status()).isEqualTo(200);
        assertThat(stream("127.0.0.1", new ArrayList<>()).status()).isEqualTo(200);
        refused(stream("127.0.0.1", new ArrayList<>()), "per client");
        // Another client still gets one: 3 open, the total.
        assertThat(stream("127.0.0.2", new ArrayList<>()).status()).isEqualTo(200);
        refused(stream("127.0.0.3", new ArrayList<>()), "in total");

        // The first client goes away: its slot is free again, for it or anyone.
        first.get(0).close();
        List<Socket> again = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> stream("127.0.0.3", again).status() == 200);
        refused(stream("127.0.0.4", new ArrayList<>()), "in total");
    }
}
