package vn.egovpulse.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.egovpulse.e2e.Stack.*;

/** Nothing lost, nothing counted twice, and fast: freshness, the live stream, replays and a crash. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryIT {
    final String p = newProvince();
    final String docs = "urn:egov:" + p + ":docs";
    final List<String> districts = new ArrayList<>();

    @BeforeAll
    void units() {
        List<ObjectNode> units = new ArrayList<>();
        units.add(unit(p, "Tỉnh Thử nghiệm", "PROVINCE", null));
        for (int i = 0; i < 10; i++) {
            String code = p + ".H.D" + i;
            districts.add(code);
            units.add(unit(code, "UBND huyện Thử nghiệm " + i, "DISTRICT", p));
        }
        putUnits(p, units);
    }

    private ObjectNode document(String id, String unit, String time) {
        return event(docs, id, "vn.gov.egov.docs.document.issued", time, unit, data().put("documentId", id)
                .put("electronic", true).put("signedByOrganization", true).put("signedByLeader", false));
    }

    private long issued(String period) {
        return JsonPath.from(reader().queryParam("period", period).get(REPORTING + "/api/v1/provinces/" + p + "/indicators")
                .then().statusCode(200).extract().asString()).getLong("indicators.'docs.issued'.numerator");
    }

    @Test
    void anAcceptedEventIsReadableWithinTwoSeconds() {
        String unit = districts.get(0);
        postAccepted(docs, p, List.of(document(p + "-warm", unit, "2020-07-01T09:00:00+07:00")));
        await().atMost(Duration.ofSeconds(30)).until(() -> issued("2020-07-01") == 1);

        for (int i = 0; i < 3; i++) {
            postAccepted(docs, p, List.of(document(p + "-fresh-" + i, unit, "2020-07-02T09:00:00+07:00")));
            long expected = i + 1;
            // SPEC 5: readings include an accepted event within 2 seconds under normal load.
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> issued("2020-07-02") == expected);
        }
    }

    @Test
    void theLiveStreamSendsARankingWhenTheLeagueChanges() throws Exception {
        String period = "2020-08";
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(REPORTING + "/api/v1/rankings/stream?province=" + p
                + "&tier=DISTRICT&period=" + period)).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> r = response.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> r.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();

        postAccepted(docs, p, List.of(document(p + "-sse-1", districts.get(1), "2020-08-03T09:00:00+07:00")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(lines).contains("event:ranking");
            assertThat(lines.stream().filter(l -> l.startsWith("data:")).reduce("", String::concat))
                    .contains(districts.get(1)).contains("\"docs.issued\"");
        });
    }

    @Test
    void replaysAndACrashOfTheScoringServiceLeaveExactCounts() throws Exception {
        String period = "2020-09";
        int batches = 6;
        int perBatch = 5_000;
        List<List<ObjectNode>> all = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<ObjectNode> batch = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++) {
                int n = b * perBatch + i;
                String day = String.format("2020-09-%02d", 1 + n % 28);
                batch.add(document(p + "-crash-" + n, districts.get(n % districts.size()), day + "T10:00:00+07:00"));
            }
            all.add(batch);
        }
        Path pidFile = ROOT.resolve(".local/run/scoring-service.pid");
        boolean canCrash = Files.exists(pidFile);
        for (int b = 0; b < batches; b++) {
            postAccepted(docs, p, all.get(b));
            if (b == 2 && canCrash) {
                // kill -9 while the consumer is busy with the batches already accepted
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).isEmpty());
            }
        }
        if (canCrash) {
            Process start = new ProcessBuilder("bash", ROOT.resolve("deploy/local/services.sh").toString(), "start",
                    "scoring-service").inheritIO().start();
            assertThat(start.waitFor()).isZero();
        }
        // Everything sent again (a replay from a source system): still counted once.
        for (List<ObjectNode> batch : all) {
            postAccepted(docs, p, batch);
        }
        long total = (long) batches * perBatch;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> issued(period) >= total);
        // One sentinel per unit (so per partition) after the replays: once all are counted, so are the replays.
        List<ObjectNode> sentinels = new ArrayList<>();
        for (String d : districts) {
            sentinels.add(document(p + "-sentinel-" + d, d, "2020-10-01T10:00:00+07:00"));
        }
        postAccepted(docs, p, sentinels);
        await().atMost(Duration.ofSeconds(60)).until(() -> issued("2020-10") == districts.size());
        assertThat(issued(period)).isEqualTo(total);
        assertThat(canCrash).as("the scoring service was started by deploy/local/services.sh and could be killed").isTrue();
    }
}
