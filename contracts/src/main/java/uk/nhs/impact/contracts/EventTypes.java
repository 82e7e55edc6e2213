package uk.nhs.impact.contracts;

import java.util.Map;
import java.util.Set;
import uk.nhs.impact.contracts.assessment.AssessmentChanged;
import uk.nhs.impact.contracts.assessment.AssessmentReviewed;
import uk.nhs.impact.contracts.assessment.AssessmentSubmitted;
import uk.nhs.impact.contracts.baseline.CollectionChanged;
import uk.nhs.impact.contracts.baseline.ReturnReviewed;
import uk.nhs.impact.contracts.baseline.ReturnSubmitted;
import uk.nhs.impact.contracts.organisation.HierarchyChanged;
import uk.nhs.impact.contracts.survey.ResponseSubmitted;
import uk.nhs.impact.contracts.survey.RunChanged;

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
    public static final String ASSESSMENT_REVIEWED = PREFIX + "assessment.reviewed.v1";

    public static final String SURVEY_RESPONSE_SUBMITTED = PREFIX + "survey.response-submitted.v1";
    public static final String SURVEY_RESPONSE_AMENDED = PREFIX + "survey.response-amended.v1";
    public static final String SURVEY_RUN_OPENED = PREFIX + "survey.run-opened.v1";
    public static final String SURVEY_RUN_CLOSED = PREFIX + "survey.run-closed.v1";

    public static final String BASELINE_RETURN_SUBMITTED = PREFIX + "baseline.return-submitted.v1";
    public static final String BASELINE_RETURN_AMENDED = PREFIX + "baseline.return-amended.v1";
    public static final String BASELINE_COLLECTION_OPENED = PREFIX + "baseline.collection-opened.v1";
    public static final String BASELINE_COLLECTION_CLOSED = PREFIX + "baseline.collection-closed.v1";
    public static final String BASELINE_RETURN_REVIEWED = PREFIX + "baseline.return-reviewed.v1";

    public static final String ORGANISATION_HIERARCHY_CHANGED = PREFIX + "organisation.hierarchy-changed.v1";

    /** The record each type's payload is read as. */
    private static final Map<String, Class<? extends Record>> PAYLOADS = Map.ofEntries(
            Map.entry(ASSESSMENT_SUBMITTED, AssessmentSubmitted.class),
            Map.entry(ASSESSMENT_REOPENED, AssessmentChanged.class),
            Map.entry(ASSESSMENT_WITHDRAWN, AssessmentChanged.class),
            Map.entry(ASSESSMENT_SHARING_CHANGED, AssessmentChanged.class),
            Map.entry(ASSESSMENT_REVIEWED, AssessmentReviewed.class),
            Map.entry(SURVEY_RESPONSE_SUBMITTED, ResponseSubmitted.class),
            Map.entry(SURVEY_RESPONSE_AMENDED, ResponseSubmitted.class),
            Map.entry(SURVEY_RUN_OPENED, RunChanged.class),
            Map.entry(SURVEY_RUN_CLOSED, RunChanged.class),
            Map.entry(BASELINE_RETURN_SUBMITTED, ReturnSubmitted.class),
            Map.entry(BASELINE_RETURN_AMENDED, ReturnSubmitted.class),
            Map.entry(BASELINE_COLLECTION_OPENED, CollectionChanged.class),
            Map.entry(BASELINE_COLLECTION_CLOSED, CollectionChanged.class),
            Map.entry(ORGANISATION_HIERARCHY_CHANGED, HierarchyChanged.class),
            Map.entry(BASELINE_RETURN_REVIEWED, ReturnReviewed.class));

    private EventTypes() {
    }

    /** Every event type defined here. */
    public static Set<String> all() {
        return PAYLOADS.keySet();
    }

    /** The record the payload of {@code type} is read as; an unknown type is refused. */
    public static Class<? extends Record> payloadOf(String type) {
        Class<? extends Record> payload = PAYLOADS.get(type);
        if (payload == null) {
            throw new IllegalArgumentException("not an event type of the contracts: " + type);
        }
        return payload;
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
