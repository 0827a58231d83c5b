package vn.egovpulse.events;

/** Kafka topic names: one place, one writer per topic (see README, "Topics"). */
public final class Topics {
    /** Validated CloudEvents, key = unit code, 12 partitions. Written by ingest-service only. */
    public static final String EVENTS = "egov.events";
    /** The unit registry, compacted, key = unit code, value = {@link Unit} JSON. */
    public static final String UNITS = "egov.units";
    /** Change notices from scoring to reporting: key = unit code, value = {@code IndicatorChange} JSON. */
    public static final String INDICATORS = "egov.indicators";
    /** Inputs that source systems may write to directly. */
    public static final String IN_ONESTOP = "egov.in.onestop";
    public static final String IN_DOCS = "egov.in.docs";
    public static final String IN_VC = "egov.in.vc";
    /** SPEC 7.1: feedback.* (phản ánh, kiến nghị). */
    public static final String IN_FEEDBACK = "egov.in.feedback";
    /** SPEC 7.1: assessment.recorded. */
    public static final String IN_ASSESSMENTS = "egov.in.assessments";
    /**
     * Refused records, unchanged, with an {@link #ERROR_HEADER} header saying why and a
     * {@link #SOURCE_TOPIC_HEADER} naming the topic they were read from: input records
     * ingest-service refused, and events scoring-service could not count.
     */
    public static final String IN_DLQ = "egov.in.dlq";
    public static final String ERROR_HEADER = "egov-error";
    public static final String SOURCE_TOPIC_HEADER = "egov-source-topic";

    private Topics() {
    }
}
