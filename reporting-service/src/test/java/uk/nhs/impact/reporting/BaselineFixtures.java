package uk.nhs.impact.reporting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;

/** Baseline return events as the baseline service publishes them. */
final class BaselineFixtures {
    static final List<String> HEADLINE = List.of("leadership_exec_responsibility", "tools_improvement_methods",
            "governance_reporting", "capability_staff_training");

    private BaselineFixtures() {
    }

    static Map<String, Object> org(String ods, String orgType, String trustType, String icb, String region) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("odsCode", ods);
        org.put("name", "Organisation " + ods);
        org.put("orgType", orgType);
        org.put("trustType", trustType);
        org.put("icbOdsCode", icb);
        org.put("regionOdsCode", region);
        return org;
    }

    static Map<String, Object> returnEvent(String collection, Map<String, Object> org, int revision, Map<String, Object> answers) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("collectionId", collection);
        data.put("questionSetId", "baseline-" + org.get("orgType"));
        data.put("questionSetVersion", 1);
        data.put("organisation", org);
        data.put("referenceDate", "2023-08-31");
        data.put("revision", revision);
        data.put("submittedAt", "2023-08-20T10:00:00Z");
        data.put("answers", answers);
        return data;
    }

    /** Answers where the i-th organisation says yes to a headline measure when i is below that measure's yes count. */
    static Map<String, Object> answers(int i, int[] yesCounts, List<String> methods) {
        Map<String, Object> a = new LinkedHashMap<>();
        for (int q = 0; q < HEADLINE.size(); q++) {
            a.put(HEADLINE.get(q), i < yesCounts[q]);
        }
        if (methods != null) {
            a.put("tools_methods_used", methods);
        }
        a.put("identify_capability", "Networks and academies; appraisal reviews");
        return a;
    }

    /** An ICB's review of one revision of the organisation's return, as {@code baseline.return-reviewed.v1} carries it. */
    static Map<String, Object> reviewEvent(String collection, Map<String, Object> org, int revision, String outcome, String comments) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("returnId", "return-" + collection + "-" + org.get("odsCode"));
        data.put("collectionId", collection);
        data.put("organisation", org);
        data.put("revision", revision);
        data.put("outcome", outcome);
        if (comments != null) {
            data.put("comments", comments);
        }
        data.put("reviewer", org((String) org.get("icbOdsCode"), "icb", null, null, (String) org.get("regionOdsCode")));
        data.put("reviewedAt", "2023-08-25T14:30:00Z");
        return data;
    }

    static String review(String collection, Map<String, Object> org, int revision, String outcome, String comments) {
        return Events.publish(Topics.BASELINE, EventTypes.BASELINE_RETURN_REVIEWED, (String) org.get("odsCode"),
                reviewEvent(collection, org, revision, outcome, comments));
    }

    static void collectionOpened(String collection) {
        Events.publish(Topics.BASELINE, EventTypes.BASELINE_COLLECTION_OPENED, "X24", Map.of("collectionId", collection,
                "name", "Baseline for improvement " + collection, "referenceDate", "2023-08-31",
                "opensAt", "2023-08-01T00:00:00Z", "closesAt", "2023-08-31T23:59:59Z"));
    }

    static String submit(String collection, Map<String, Object> org, int revision, Map<String, Object> answers) {
        String type = revision == 1 ? EventTypes.BASELINE_RETURN_SUBMITTED : EventTypes.BASELINE_RETURN_AMENDED;
        return Events.publish(Topics.BASELINE, type, (String) org.get("odsCode"), returnEvent(collection, org, revision, answers));
    }
}
