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
    /** Refused input records, unchanged, with an {@link #ERROR_HEADER} header saying why. */
    public static final String IN_DLQ = "egov.in.dlq";
    public static final String ERROR_HEADER = "egov-error";

    private Topics() {
    }
}
