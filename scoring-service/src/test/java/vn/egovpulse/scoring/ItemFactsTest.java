package vn.egovpulse.scoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.EgovEvent;
import vn.egovpulse.events.EventValidator;
import vn.egovpulse.scoring.store.FactsStore;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.egovpulse.scoring.TestSupport.caseReceived;
import static vn.egovpulse.scoring.TestSupport.caseResolved;
import static vn.egovpulse.scoring.TestSupport.documentIssued;
import static vn.egovpulse.scoring.TestSupport.documentReceived;
import static vn.egovpulse.scoring.TestSupport.meeting;
import static vn.egovpulse.scoring.TestSupport.randomProvince;
import static vn.egovpulse.scoring.TestSupport.rows;
import static vn.egovpulse.scoring.TestSupport.send;

/** SPEC 8: what scoring keeps for the items behind a number and for the sources view (migration V7). */
@QuarkusTest
class ItemFactsTest {
    static KafkaCompanion kafka;

    @Inject
    FactsStore store;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(TestSupport.BOOTSTRAP);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void everyCountedDocumentMeetingAndCaseEventIsKeptOnceWithItsFlagsAndSource() {
        String unit = randomProvince() + ".H.A";
        String now = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(2).truncatedTo(ChronoUnit.SECONDS).toString();
        String source = "urn:egov:test:" + unit; // a source of this test only
        ObjectNode issued = documentIssued(unit, source, "d1", "2020-03-01T23:30:00Z", true, true, false, false, true);
        send(kafka, issued, issued, // a repeat is counted once, and kept once
                documentReceived(unit, "d2", "2020-03-02T08:00:00+07:00", true, false),
                meeting(unit, "m1", "2020-03-03T09:00:00+07:00", 60, 12, 40, "COMMUNE"),
                caseReceived(unit, "c1", "2020-03-04T09:00:00+07:00", "HS-1", "ONLINE", 4, "2020-03-10T17:00:00+07:00"),
                caseResolved(unit, "c2", "2020-03-09T09:00:00+07:00", "HS-1", null),
                documentIssued(unit, source, "d3", now, false, false, false, false, false));
        await().atMost(Duration.ofSeconds(30)).until(() -> !rows(
                "SELECT 1 FROM scoring.doc_item WHERE unit = ? AND id = 'd3'", unit).isEmpty());

        List<Map<String, Object>> docs = rows("SELECT * FROM scoring.doc_item WHERE unit = ? ORDER BY id", unit);
        assertThat(docs).hasSize(3);
        // 23:30 UTC on 1 March is 2 March in Vietnam: the docs_daily row the document counted in.
        assertThat(docs.get(0)).containsEntry("day", java.sql.Date.valueOf("2020-03-02")).containsEntry("issued", true)
                .containsEntry("electronic", true).containsEntry("signed_org", true).containsEntry("signed_leader", false)
                .containsEntry("via_axis", true).containsEntry("source", source).containsEntry("document_id", "d1");
        assertThat(docs.get(1)).containsEntry("issued", false).containsEntry("processed_online", false);
        assertThat(rows("SELECT * FROM scoring.meeting_item WHERE unit = ?", unit)).singleElement().satisfies(m ->
                assertThat(m).containsEntry("meeting_id", "m1").containsEntry("endpoints", 12)
                        .containsEntry("participants", 40).containsEntry("lowest_tier", "COMMUNE"));
        assertThat(rows("SELECT source, id, type FROM scoring.item_event WHERE kind = 'case' AND unit = ? AND item_id = 'HS-1'"
                + " ORDER BY id", unit)).extracting(r -> r.get("id") + " " + r.get("type")).containsExactly(
                "c1 vn.gov.egov.onestop.case.received", "c2 vn.gov.egov.onestop.case.resolved");

        // Volumes per source: one document issued on 2 March (the repeat not counted), and only the recent event
        // per hour; the units each source sent for.
        assertThat(rows("SELECT events FROM scoring.source_day WHERE source = ? AND day = ?", source, LocalDate.of(2020, 3, 2)))
                .extracting(r -> r.get("events")).containsExactly(1L);
        assertThat(rows("SELECT sum(events) AS n FROM scoring.source_hour WHERE source = ?", source))
                .singleElement().satisfies(r -> assertThat(((Number) r.get("n")).longValue()).isEqualTo(1));
        assertThat(rows("SELECT source FROM scoring.source_unit WHERE unit = ? ORDER BY source", unit))
                .extracting(r -> r.get("source")).containsExactlyInAnyOrder("urn:egov:test:docs", "urn:egov:test:one-stop",
                        "urn:egov:test:vc", source);
    }

    /**
     * The cost of V7 on the hot path, in one run: 200,000 events (40 batches of 5,000: half documents, a
     * quarter cases, a quarter meetings) through FactsStore.apply, alternately 10 batches with the V7 rows
     * and 10 batches without (as before V7), twice each. Prints both rates.
     */
    @Test
    void replayOf200kEventsIsTimed() {
        String p = randomProvince();
        EventValidator validator = new EventValidator(u -> true, Clock.systemUTC());
        List<List<EgovEvent>> batches = new ArrayList<>();
        int n = 0;
        for (int b = 0; b < 40; b++) {
            List<EgovEvent> batch = new ArrayList<>();
            for (int i = 0; i < 5000; i++, n++) {
                String unit = p + ".X." + (n % 200);
                String time = OffsetDateTime.of(2021, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(7)).plusMinutes(n).toString();
                ObjectNode e = switch (i % 4) {
                    case 0, 1 -> documentIssued(unit, "urn:egov:bench:docs", "d" + n, time, n % 3 == 0, true, n % 2 == 0, false, false);
                    case 2 -> caseReceived(unit, "c" + n, time, "HS-" + n, "ONLINE", 4, time);
                    default -> meeting(unit, "m" + n, time, 30, 3, 10, "COMMUNE");
                };
                batch.add(validator.validate(0, e).event());
            }
            batches.add(batch);
        }
        long[] nanos = new long[2]; // [0] with the V7 rows, [1] without
        try {
            for (List<EgovEvent> batch : batches.subList(0, 4)) { // warm-up (JIT, caches), not timed
                store.apply(batch).await().indefinitely();
            }
            // Then 6 rounds of 6 batches in the order without, with, with, without, without, with: drift cancels out.
            boolean[] order = {true, false, false, true, true, false};
            for (int round = 0; round < 6; round++) {
                boolean without = order[round];
                vn.egovpulse.scoring.store.ItemFactsSwitch.skip(without);
                long t0 = System.nanoTime();
                for (List<EgovEvent> batch : batches.subList(4 + round * 6, 4 + round * 6 + 6)) {
                    store.apply(batch).await().indefinitely();
                }
                nanos[without ? 1 : 0] += System.nanoTime() - t0;
            }
        } finally {
            vn.egovpulse.scoring.store.ItemFactsSwitch.skip(false);
        }
        double with = 90_000 / (nanos[0] / 1e9), without = 90_000 / (nanos[1] / 1e9);
        System.out.printf("ITEMFACTS-BENCH with V7 rows %.0f events/s, without %.0f events/s (%.1f %% slower)%n",
                with, without, 100 * (1 - with / without));
        assertThat(rows("SELECT count(*) AS n FROM scoring.doc_item WHERE unit LIKE ?", p + ".%"))
                .singleElement().satisfies(r -> assertThat(((Number) r.get("n")).longValue()).isEqualTo(55_000));
    }
}
