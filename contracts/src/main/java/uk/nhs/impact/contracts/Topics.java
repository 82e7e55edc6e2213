package uk.nhs.impact.contracts;

/** Kafka topics, one per publishing aggregate family; records are keyed by the organisation's ODS code. */
public final class Topics {
    public static final String ASSESSMENT = "assessment.events";
    public static final String SURVEY = "survey.events";
    public static final String BASELINE = "baseline.events";
    public static final String ORGANISATION = "organisation.events";
    /** Events a consumer could not apply, with the reason in the {@code dlq-reason} header. */
    public static final String REPORTING_DEAD_LETTER = "reporting.dead-letter";

    private Topics() {
    }
}
