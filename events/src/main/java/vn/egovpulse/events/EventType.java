package vn.egovpulse.events;

/** The CloudEvents {@code type} values of SPEC sections 2 and 7.1, and the input topic each belongs to. */
public enum EventType {
    CASE_RECEIVED("vn.gov.egov.onestop.case.received", Topics.IN_ONESTOP),
    CASE_RESOLVED("vn.gov.egov.onestop.case.resolved", Topics.IN_ONESTOP),
    DOCUMENT_ISSUED("vn.gov.egov.docs.document.issued", Topics.IN_DOCS),     // văn bản đi
    DOCUMENT_RECEIVED("vn.gov.egov.docs.document.received", Topics.IN_DOCS), // văn bản đến
    MEETING_HELD("vn.gov.egov.vc.meeting.held", Topics.IN_VC),               // họp trực tuyến
    // SPEC 7.1 (v2)
    CASE_PAID("vn.gov.egov.onestop.case.paid", Topics.IN_ONESTOP),           // thanh toán phí, lệ phí
    CASE_RATED("vn.gov.egov.onestop.case.rated", Topics.IN_ONESTOP),         // đánh giá hài lòng
    FEEDBACK_RECEIVED("vn.gov.egov.feedback.received", Topics.IN_FEEDBACK),  // phản ánh, kiến nghị
    FEEDBACK_RESOLVED("vn.gov.egov.feedback.resolved", Topics.IN_FEEDBACK),
    ASSESSMENT_RECORDED("vn.gov.egov.assessment.recorded", Topics.IN_ASSESSMENTS);

    public final String type;
    public final String inputTopic;

    EventType(String type, String inputTopic) {
        this.type = type;
        this.inputTopic = inputTopic;
    }

    public static EventType of(String type) {
        for (EventType t : values()) {
            if (t.type.equals(type)) {
                return t;
            }
        }
        return null;
    }
}
