package vn.egovpulse.events;

import java.time.OffsetDateTime;

/** The {@code data} of each event type of SPEC section 2, once validated. */
public sealed interface Payload {

    enum Channel { DIRECT, ONLINE, POSTAL }

    /** Hồ sơ tiếp nhận. {@code onlineLevel} is 3 or 4 when ONLINE, else null. */
    record CaseReceived(String caseId, Channel channel, Integer onlineLevel, OffsetDateTime dueAt,
                        String procedureCode) implements Payload {
    }

    /** Hồ sơ đã giải quyết. {@code dueAt}, when present, overrides the received due date (extension). */
    record CaseResolved(String caseId, OffsetDateTime dueAt) implements Payload {
    }

    /** Văn bản đi. */
    record DocumentIssued(String documentId, boolean electronic, boolean signedByOrganization,
                          boolean signedByLeader, boolean confidential, boolean viaNationalAxis) implements Payload {
    }

    /** Văn bản đến. */
    record DocumentReceived(String documentId, boolean electronic, boolean processedOnline) implements Payload {
    }

    /** Cuộc họp trực tuyến; {@code lowestTier} is the lowest tier that joined (điểm cầu thấp nhất). */
    record MeetingHeld(String meetingId, int durationMinutes, int endpoints, int participants,
                       Tier lowestTier) implements Payload {
    }
}
