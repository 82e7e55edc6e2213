package uk.nhs.impact.contracts;

/**
 * CloudEvents {@code type} values. Each carries its version; within a version only optional fields are added.
 * Pattern: {@code uk.nhs.impact.<aggregate>.<happening>.v<n>}.
 */
public final class EventTypes {
    public static final String PREFIX = "uk.nhs.impact.";

    public static final String ASSESSMENT_SUBMITTED = PREFIX + "assessment.submitted.v1";
    public static final String ASSESSMENT_REOPENED = PREFIX + "assessment.reopened.v1";
    public static final String ASSESSMENT_WITHDRAWN = PREFIX + "assessment.withdrawn.v1";
    public static final String ASSESSMENT_SHARING_CHANGED = PREFIX + "assessment.sharing-changed.v1";

    public static final String SURVEY_RESPONSE_SUBMITTED = PREFIX + "survey.response-submitted.v1";
    public static final String SURVEY_RESPONSE_AMENDED = PREFIX + "survey.response-amended.v1";
    public static final String SURVEY_RUN_OPENED = PREFIX + "survey.run-opened.v1";
    public static final String SURVEY_RUN_CLOSED = PREFIX + "survey.run-closed.v1";

    public static final String BASELINE_RETURN_SUBMITTED = PREFIX + "baseline.return-submitted.v1";
    public static final String BASELINE_RETURN_AMENDED = PREFIX + "baseline.return-amended.v1";
    public static final String BASELINE_COLLECTION_OPENED = PREFIX + "baseline.collection-opened.v1";
    public static final String BASELINE_COLLECTION_CLOSED = PREFIX + "baseline.collection-closed.v1";

    private EventTypes() {
    }

    /** The version suffix of a type, e.g. 1 for {@code ...submitted.v1}; -1 when it has none. */
    public static int versionOf(String type) {
        int dot = type.lastIndexOf(".v");
        if (dot < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(type.substring(dot + 2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
