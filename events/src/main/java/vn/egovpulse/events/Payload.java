package vn.egovpulse.events;

import java.time.OffsetDateTime;

/** The {@code data} of each event type of SPEC section 2, once validated. */
public sealed interface Payload {

    enum Channel { DIRECT, ONLINE, POSTAL }

    /**
     * Hồ sơ tiếp nhận. {@code onlineLevel} is 3 or 4 when ONLINE, else null. The flags of SPEC 7.1
     * (v2, default false): phí/lệ phí, toàn trình, số hóa, tái sử dụng dữ liệu, kho dữ liệu,
     * VNeID / CSDL dân cư, đồng bộ Cổng DVC quốc gia.
     */
    record CaseReceived(String caseId, Channel channel, Integer onlineLevel, OffsetDateTime dueAt,
                        String procedureCode, boolean feeRequired, boolean fullOnlineEligible, boolean digitized,
                        boolean reusedData, boolean dataStore, boolean citizenData, boolean syncedNational)
            implements Payload {
        /** A v1 case.received: every SPEC 7.1 flag false. */
        public CaseReceived(String caseId, Channel channel, Integer onlineLevel, OffsetDateTime dueAt,
                            String procedureCode) {
            this(caseId, channel, onlineLevel, dueAt, procedureCode, false, false, false, false, false, false, false);
        }
    }

    /**
     * Hồ sơ đã giải quyết. {@code dueAt}, when present, overrides the received due date (extension).
     * SPEC 7.1: {@code resultDocument} (the procedure issues a result), {@code electronicResult}
     * (issued electronically, kết quả điện tử).
     */
    record CaseResolved(String caseId, OffsetDateTime dueAt, boolean resultDocument, boolean electronicResult)
            implements Payload {
        public CaseResolved(String caseId, OffsetDateTime dueAt) {
            this(caseId, dueAt, false, false);
        }
    }

    /** Thanh toán trực tuyến (SPEC 7.1): several payments of one case count once, online if any was. */
    record CasePaid(String caseId, boolean online) implements Payload {
    }

    /** Đánh giá mức độ hài lòng of one case: the latest (by event time) counts. */
    record CaseRated(String caseId, boolean satisfied) implements Payload {
    }

    /** Phản ánh, kiến nghị received, with its due date. */
    record FeedbackReceived(String feedbackId, OffsetDateTime dueAt) implements Payload {
    }

    /** Phản ánh, kiến nghị answered; {@code satisfied} is the citizen's verdict, null when not given. */
    record FeedbackResolved(String feedbackId, Boolean satisfied) implements Payload {
    }

    /**
     * A measured value for a criterion no stream measures (SPEC 7.1): {@code denominator} null for
     * a count. {@code period} is the fixed period the value is for.
     */
    record AssessmentRecorded(String indicator, FixedPeriod period, long numerator, Long denominator, String note)
            implements Payload {
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
