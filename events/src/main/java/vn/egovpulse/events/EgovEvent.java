package vn.egovpulse.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;

/**
 * A validated CloudEvent. {@code json} is the event in structured mode, exactly as it is
 * published on {@link Topics#EVENTS}; {@code payload} is its typed {@code data}.
 */
public record EgovEvent(String source, String id, EventType type, OffsetDateTime time, String subject,
                        Payload payload, ObjectNode json) {
}
