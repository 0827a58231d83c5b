package vn.egovpulse.scoring;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.egovpulse.scoring.TestSupport.*;

/**
 * Change notices cannot be lost: they commit with the facts, in scoring.notice_outbox, and are
 * relayed from there. A row left in the outbox (as by a kill -9 of scoring between the commit of
 * a batch and the publishing of its notices) is published by the relay without any new event.
 */
@QuarkusTest
class NoticeOutboxTest {

    @Test
    void aNoticeLeftInTheOutboxByACrashIsPublishedAndThenRemoved() throws Exception {
        String unit = randomProvince() + ".H.QUIET";
        try (KafkaCompanion kafka = new KafkaCompanion(BOOTSTRAP)) {
            ConsumerTask<String, String> notices = kafka.consumeStrings().fromTopics(INDICATORS);
            try {
                execute("INSERT INTO scoring.notice_outbox (unit, days) VALUES ('" + unit
                        + "', ARRAY['2020-03-14','2021-01-02']::date[])");
                await().atMost(Duration.ofSeconds(15)).until(() ->
                        notices.getRecords().stream().anyMatch(r -> unit.equals(r.key())));
                ConsumerRecord<String, String> r = notices.getRecords().stream()
                        .filter(x -> unit.equals(x.key())).findFirst().orElseThrow();
                var value = JSON.readTree(r.value());
                assertThat(value.get("unit").asText()).isEqualTo(unit);
                assertThat(value.get("days").toString()).isEqualTo("[\"2020-03-14\",\"2021-01-02\"]");
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        rows("SELECT 1 FROM scoring.notice_outbox WHERE unit = ?", unit).isEmpty());
            } finally {
                notices.stop();
            }
        }
    }

    @Test
    void aCountedBatchLeavesNoNoticeBehind() {
        String unit = randomProvince() + ".H.U1";
        try (KafkaCompanion kafka = new KafkaCompanion(BOOTSTRAP)) {
            send(kafka, meeting(unit, java.util.UUID.randomUUID().toString(), "2020-09-02T08:00:00+07:00", 30, 2, 5, "COMMUNE"));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !rows("SELECT 1 FROM scoring.vc_daily WHERE unit = ?", unit).isEmpty());
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    rows("SELECT 1 FROM scoring.notice_outbox WHERE unit = ?", unit).isEmpty());
        }
    }
}
