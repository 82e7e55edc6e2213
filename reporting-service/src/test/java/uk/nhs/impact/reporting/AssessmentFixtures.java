package uk.nhs.impact.reporting;

import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Self-assessment events as the assessment service publishes them: 22 questions in five components. */
final class AssessmentFixtures {
    /** Questions per component C1..C5 (4, 4, 5, 5, 4 = 22). */
    static final int[] QUESTIONS = {4, 4, 5, 5, 4};

    private AssessmentFixtures() {
    }

    /** Seed 001's answers: 1 = Starting, 2 = Developing; C1 4S, C2 2S 2D, C3 3S 2D, C4 5S, C5 2S 2D. */
    static List<Map<String, Object>> seed001() {
        int[][] levels = {{1, 1, 1, 1}, {1, 2, 1, 2}, {1, 1, 2, 1, 2}, {1, 1, 1, 1, 1}, {2, 1, 2, 1}};
        return answers(levels);
    }

    static List<Map<String, Object>> allAt(int level) {
        int[][] levels = new int[5][];
        for (int c = 0; c < 5; c++) {
            levels[c] = new int[QUESTIONS[c]];
            java.util.Arrays.fill(levels[c], level);
        }
        return answers(levels);
    }

    private static List<Map<String, Object>> answers(int[][] levels) {
        List<Map<String, Object>> out = new ArrayList<>();
        int q = 0;
        for (int c = 0; c < 5; c++) {
            for (int level : levels[c]) {
                q++;
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("questionCode", "Q" + q);
                a.put("componentCode", "C" + (c + 1));
                a.put("levelCode", level == 1 ? "starting" : level == 2 ? "developing" : "level-" + level);
                a.put("levelOrdinal", level);
                out.add(a);
            }
        }
        return out;
    }

    static String submitted(String id, String cycle, Map<String, Object> org, int revision, String sharing, List<Map<String, Object>> answers) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assessmentId", id);
        data.put("cycle", cycle);
        data.put("referenceDate", "2023-09-30");
        data.put("instrumentId", "nhs-impact-self-assessment");
        data.put("instrumentVersion", 1);
        data.put("organisation", org);
        data.put("revision", revision);
        data.put("status", "SUBMITTED");
        data.put("sharing", sharing);
        data.put("answers", answers);
        return Events.publish(Topics.ASSESSMENT, EventTypes.ASSESSMENT_SUBMITTED, (String) org.get("odsCode"), data);
    }

    static void sharingChanged(String id, Map<String, Object> org, int revision, String sharing) {
        Events.publish(Topics.ASSESSMENT, EventTypes.ASSESSMENT_SHARING_CHANGED, (String) org.get("odsCode"),
                Map.of("assessmentId", id, "organisation", org, "revision", revision, "sharing", sharing));
    }

    static void reopened(String id, Map<String, Object> org, int revision) {
        Events.publish(Topics.ASSESSMENT, EventTypes.ASSESSMENT_REOPENED, (String) org.get("odsCode"),
                Map.of("assessmentId", id, "organisation", org, "revision", revision));
    }
}
