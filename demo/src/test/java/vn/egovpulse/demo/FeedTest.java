package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.EventValidator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FeedTest {

    @Test
    void liveEventsAreValidCurrentAndNeverRepeatAnId() {
        Units units = Units.phuTho();
        EventValidator validator = new EventValidator(units::contains, Clock.systemUTC());
        List<ObjectNode> events = Feed.sample(units, 2_000);
        Set<String> ids = new HashSet<>();
        for (ObjectNode e : events) {
            assertThat(validator.validate(0, e).errors()).as(e.toString()).isEmpty();
            assertThat(ids.add(e.get("id").asText())).isTrue();
            assertThat(e.get("id").asText()).startsWith("pto-live-");
            Instant t = OffsetDateTime.parse(e.get("time").asText()).toInstant();
            assertThat(Duration.between(t, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        }
        assertThat(events).anyMatch(e -> e.get("type").asText().endsWith("case.resolved"));
        assertThat(events).anyMatch(e -> e.get("type").asText().endsWith("document.issued"));
    }
}
