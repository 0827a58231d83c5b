package vn.egovpulse.platform.dlq;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import vn.egovpulse.events.Topics;
import vn.egovpulse.platform.observability.DeadLetterMetrics;

import java.nio.charset.StandardCharsets;

/**
 * The headers of a dead letter on egov.in.dlq, whichever service refused the record: the
 * original record's headers, then why it was refused and the topic it was read from.
 */
public final class DeadLetterHeaders {
    private DeadLetterHeaders() {
    }

    public static RecordHeaders of(ConsumerRecord<?, ?> refused, String why) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : refused.headers()) {
            headers.add(h);
        }
        headers.add(Topics.ERROR_HEADER, why.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.SOURCE_TOPIC_HEADER, refused.topic().getBytes(StandardCharsets.UTF_8));
        DeadLetterMetrics.record(why);
        return headers;
    }
}
