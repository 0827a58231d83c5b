package vn.egovpulse.chaos;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 7: egov.events replayed from offset 0 by a new scoring instance (new consumer group) into an
 * empty database gives the same rankings, byte for byte (asOf excepted), as the live stack.
 */
class Chaos07ReplayIT {
    static final int CASES = Integer.getInteger("chaos.s7.cases", 20_000);
    static final String PERIOD = "2022";
    static ChaosStack.Svc scoringR;
    static ChaosStack.Svc reportingR;

    static String strip(String body) {
        return body.replaceAll("\"asOf\"\\s*:\\s*\"[^\"]*\"\\s*,?", "");
    }

    static String post(String source, String province, List<String> events) {
        HttpResponse<String> r = Http.post(ChaosStack.INGEST + "/api/v1/events", Tokens.good(source, "ingest", province),
                "application/cloudevents-batch+json", "[" + String.join(",", events) + "]");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return r.body();
    }

    static String ev(String id, String source, String type, String time, String subject, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"type\":\"" + type
                + "\",\"time\":\"" + time + "\",\"subject\":\"" + subject + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
    }

    @Test
    void replayFromOffsetZeroIntoAnEmptyDatabaseGivesIdenticalRankings() {
        long t0 = System.nanoTime();
        ChaosStack st = ChaosStack.get();
        Load load = new Load("SG", 10);
        load.registerUnits();
        String p = load.province;
        String onestop = "urn:egov:" + p + ":one-stop";
        String docs = "urn:egov:" + p + ":docs";
        String vc = "urn:egov:" + p + ":vc";
        Random rnd = new Random(7);

        // A year of varied facts per district, so that scores differ: cases (some late, some open), documents, meetings.
        List<String> cases = new ArrayList<>();
        long received = 0;
        for (int n = 0; n < CASES; n++) {
            int u = n % load.units.size();
            String unit = load.units.get(u);
            LocalDate day = LocalDate.of(2022, 1, 1).plusDays(rnd.nextInt(350));
            String ch = rnd.nextInt(10) < 2 + u / 2 ? "ONLINE" : "DIRECT";
            String data = "{\"caseId\":\"" + unit + "-" + n + "\",\"channel\":\"" + ch + "\""
                    + (ch.equals("ONLINE") ? ",\"onlineLevel\":" + (rnd.nextInt(3) == 0 ? 4 : 3) : "")
                    + ",\"dueAt\":\"" + day.plusDays(5) + "T17:00:00+07:00\"}";
            cases.add(ev(p + "-mc-" + n, onestop, "vn.gov.egov.onestop.case.received", day + "T08:30:00+07:00", unit, data));
            received++;
            if (rnd.nextInt(10) < 9) {
                int late = rnd.nextInt(100) < 3 + u ? 6 + rnd.nextInt(5) : rnd.nextInt(5);
                cases.add(ev(p + "-mc-" + n + "-r", onestop, "vn.gov.egov.onestop.case.resolved",
                        day.plusDays(late) + "T15:00:00+07:00", unit, "{\"caseId\":\"" + unit + "-" + n + "\"}"));
            }
        }
        List<String> documents = new ArrayList<>();
        for (int n = 0; n < CASES / 2; n++) {
            int u = n % load.units.size();
            LocalDate day = LocalDate.of(2022, 1, 1).plusDays(rnd.nextInt(350));
            documents.add(ev(p + "-vb-" + n, docs, "vn.gov.egov.docs.document.issued", day + "T10:00:00+07:00", load.units.get(u),
                    "{\"documentId\":\"" + p + "-vb-" + n + "\",\"electronic\":" + (rnd.nextInt(10) < 6 + u % 4)
                            + ",\"signedByOrganization\":" + (rnd.nextInt(10) < 7 + u % 3) + ",\"signedByLeader\":" + (rnd.nextInt(10) < 5 + u % 5) + "}"));
        }
        List<String> meetings = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            int u = n % load.units.size();
            LocalDate day = LocalDate.of(2022, 1, 1).plusDays(rnd.nextInt(350));
            meetings.add(ev(p + "-hn-" + n, vc, "vn.gov.egov.vc.meeting.held", day + "T14:00:00+07:00", load.units.get(u),
                    "{\"meetingId\":\"" + p + "-hn-" + n + "\",\"durationMinutes\":60,\"endpoints\":" + (2 + u) + ",\"participants\":"
                            + (20 + n) + ",\"lowestTier\":\"" + (rnd.nextInt(10) < u ? "COMMUNE" : "DISTRICT") + "\"}"));
        }
        for (int i = 0; i < cases.size(); i += 5000) {
            post(onestop, p, cases.subList(i, Math.min(cases.size(), i + 5000)));
        }
        for (int i = 0; i < documents.size(); i += 5000) {
            post(docs, p, documents.subList(i, Math.min(documents.size(), i + 5000)));
        }
        post(vc, p, meetings);
        long expectedReceived = received;
        await("S7: the live stack counted everything").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> Readings.received(ChaosStack.REPORTING, "provinces", p, PERIOD) == expectedReceived
                        && Readings.numerator(ChaosStack.REPORTING, "provinces", p, PERIOD, "docs.issued") == documents.size()
                        && Readings.numerator(ChaosStack.REPORTING, "provinces", p, PERIOD, "vc.meetings") == meetings.size());
        String rankings = "/api/v1/rankings?province=" + p + "&tier=DISTRICT&period=" + PERIOD;
        AtomicReference<String> live = new AtomicReference<>();
        await("S7: live ranking stable").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String a = strip(Http.get(ChaosStack.REPORTING + rankings).body());
            return a.equals(live.getAndSet(a));
        });
        assertThat(live.get()).contains("\"entries\"").contains(load.units.get(0));

        // The replay: a new consumer group from offset 0, an empty database, a reporting-service reading it.
        String db = "egov_replay_" + p.toLowerCase(Locale.ROOT);
        st.createDatabase(db);
        scoringR = st.extraService("scoring-service", "scoring-replay", 28083, db, "chaos-replay-" + p);
        reportingR = st.extraService("reporting-service", "reporting-replay", 28084, db, null);
        reportingR.env.put("EGOV_SCORING_URL", "http://127.0.0.1:28083");
        long r0 = System.nanoTime();
        scoringR.start();
        scoringR.awaitReady(Duration.ofMinutes(3));
        reportingR.start();
        reportingR.awaitReady(Duration.ofMinutes(3));
        AtomicReference<String> replayed = new AtomicReference<>();
        try {
            await("S7: the replayed rankings equal the live ones").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        replayed.set(strip(Http.get(reportingR.url() + rankings).body()));
                        return replayed.get().equals(live.get());
                    });
        } finally {
            ChaosStack.log("S7 live     %s", live.get());
            ChaosStack.log("S7 replayed %s", replayed.get());
        }
        assertThat(Load.JSON.valueToTree(parse(replayed.get()).get("entries")).toString())
                .isEqualTo(parse(live.get()).get("entries").toString());
        ChaosStack.log("S7 RESULT pass: %d cases, %d documents, %d meetings; whole egov.events replayed in %d s; %d bytes identical; %d s",
                CASES, documents.size(), meetings.size(), (System.nanoTime() - r0) / 1_000_000_000, live.get().length(),
                (System.nanoTime() - t0) / 1_000_000_000);
    }

    static com.fasterxml.jackson.databind.JsonNode parse(String s) {
        try {
            return Load.JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopReplay() {
        if (reportingR != null) {
            reportingR.stop();
        }
        if (scoringR != null) {
            scoringR.stop();
        }
    }
}
