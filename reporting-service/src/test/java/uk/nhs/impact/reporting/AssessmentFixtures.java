package uk.nhs.impact.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.Eventually;

/**
 * Self-assessment events: 22 questions in five components. {@link #submitted(String, String, Map, int, String, List)} and the
 * plain {@link #sharingChanged(String, Map, int, String)} are the shape published before data minimisation (answers whatever
 * the sharing, no sequence); the overloads taking a sequence are the shape the assessment service publishes now (answers only
 * while shared, a retraction without them).
 */
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

    // ---- as published now: answers only while shared, every event with the assessment's change sequence --------------------

    /** {@code submitted.v1}: the answers, evidence and sign-off only when shared; a private submission carries none. */
    static String submitted(String id, String cycle, Map<String, Object> org, int revision, long sequence, String sharing,
            List<Map<String, Object>> answers) {
        return Events.publish(Topics.ASSESSMENT, EventTypes.ASSESSMENT_SUBMITTED, (String) org.get("odsCode"),
                submittedEvent(id, cycle, org, revision, sequence, sharing, answers));
    }

    static Map<String, Object> submittedEvent(String id, String cycle, Map<String, Object> org, int revision, long sequence, String sharing,
            List<Map<String, Object>> answers) {
        Map<String, Object> data = base(id, cycle, org, revision, sequence, sharing);
        data.put("instrumentId", "nhs-impact-self-assessment");
        data.put("instrumentVersion", 1);
        data.put("submittedAt", "2023-09-29T10:00:00Z");
        if (!"PRIVATE".equals(sharing)) {
            data.put("signOff", Map.of("approverName", "Board chair", "minuteReference", "BM/23/114"));
            data.put("answers", withEvidence(answers));
        }
        return data;
    }

    /**
     * {@code sharing-changed.v1}: while submitted and shared at the new level, with the submitted content at that level;
     * to PRIVATE (or while not submitted) the retraction, without it.
     */
    static String sharingChanged(String id, String cycle, Map<String, Object> org, int revision, long sequence, String status,
            String previous, String sharing, List<Map<String, Object>> answers) {
        return Events.publish(Topics.ASSESSMENT, EventTypes.ASSESSMENT_SHARING_CHANGED, (String) org.get("odsCode"),
                sharingChangedEvent(id, cycle, org, revision, sequence, status, previous, sharing, answers));
    }

    static Map<String, Object> sharingChangedEvent(String id, String cycle, Map<String, Object> org, int revision, long sequence,
            String status, String previous, String sharing, List<Map<String, Object>> answers) {
        Map<String, Object> data = base(id, cycle, org, revision, sequence, sharing);
        data.put("status", status);
        data.put("previousSharing", previous);
        data.put("changedAt", "2023-10-01T10:00:00Z");
        if ("SUBMITTED".equals(status) && !"PRIVATE".equals(sharing)) {
            data.put("instrumentId", "nhs-impact-self-assessment");
            data.put("instrumentVersion", 1);
            data.put("submittedAt", "2023-09-29T10:00:00Z");
            data.put("signOff", Map.of("approverName", "Board chair", "minuteReference", "BM/23/114"));
            data.put("answers", withEvidence(answers));
        }
        return data;
    }

    static String reopened(String id, String cycle, Map<String, Object> org, int revision, long sequence, String sharing) {
        return Events.publish(Topics.ASSESSMENT, EventTypes.ASSESSMENT_REOPENED, (String) org.get("odsCode"),
                reopenedEvent(id, cycle, org, revision, sequence, sharing));
    }

    static Map<String, Object> reopenedEvent(String id, String cycle, Map<String, Object> org, int revision, long sequence, String sharing) {
        Map<String, Object> data = base(id, cycle, org, revision, sequence, sharing);
        data.put("status", "DRAFT");
        return data;
    }

    static String withdrawn(String id, String cycle, Map<String, Object> org, int revision, long sequence, String sharing) {
        Map<String, Object> data = base(id, cycle, org, revision, sequence, sharing);
        data.put("status", "WITHDRAWN");
        return Events.publish(Topics.ASSESSMENT, EventTypes.ASSESSMENT_WITHDRAWN, (String) org.get("odsCode"), data);
    }

    private static Map<String, Object> base(String id, String cycle, Map<String, Object> org, int revision, long sequence, String sharing) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assessmentId", id);
        data.put("cycle", cycle);
        data.put("referenceDate", "2023-09-30");
        data.put("organisation", org);
        data.put("revision", revision);
        data.put("sequence", sequence);
        data.put("sharing", sharing);
        return data;
    }

    /** The answers as the assessment service sends them, with evidence and actions that reporting must not keep. */
    private static List<Map<String, Object>> withEvidence(List<Map<String, Object>> answers) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> a : answers) {
            Map<String, Object> copy = new LinkedHashMap<>(a);
            copy.put("evidence", "Evidence for " + a.get("questionCode"));
            copy.put("actions", List.of(Map.of("description", "Action on " + a.get("questionCode"), "owner", "Director")));
            out.add(copy);
        }
        return out;
    }

    // ---- what reporting holds ----------------------------------------------------------------------------------------------

    /** The assessment's row in {@code assessment_record} (sharing, revision, status, answers as text), or null when none. */
    static Map<String, Object> record(io.vertx.mutiny.sqlclient.Pool pool, String id) {
        var rows = pool.preparedQuery("select sharing, revision, status, answers::text from assessment_record where assessment_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().atMost(java.time.Duration.ofSeconds(10));
        if (rows.size() == 0) {
            return null;
        }
        var r = rows.iterator().next();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sharing", r.getString(0));
        out.put("revision", r.getInteger(1));
        out.put("status", r.getString(2));
        out.put("answers", r.getString(3));
        return out;
    }

    /** The sequence of the last event applied for the assessment; -1 when none applied yet (or it carried none). */
    static long lastSequence(io.vertx.mutiny.sqlclient.Pool pool, String id) {
        var rows = pool.preparedQuery("select coalesce(sequence, -1) from assessment_last_event where assessment_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().atMost(java.time.Duration.ofSeconds(10));
        return rows.size() == 0 ? -1 : rows.iterator().next().getLong(0);
    }

    /** Waits until the event with this sequence (or a later one) of the assessment has been applied. */
    static void awaitApplied(io.vertx.mutiny.sqlclient.Pool pool, String id, long sequence) {
        Eventually.await(java.time.Duration.ofSeconds(30), () -> lastSequence(pool, id), s -> s >= sequence);
    }

    /** Every row of both assessment tables for assessments whose id starts with {@code prefix}, as text, in a stable order. */
    static List<String> snapshot(io.vertx.mutiny.sqlclient.Pool pool, String prefix) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("select row(a.*)::text from assessment_record a where assessment_id like $1 || '%' order by assessment_id")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(prefix)).await().atMost(java.time.Duration.ofSeconds(10))
                .forEach(r -> out.add("record " + r.getString(0)));
        pool.preparedQuery("select row(l.*)::text from assessment_last_event l where assessment_id like $1 || '%' order by assessment_id")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(prefix)).await().atMost(java.time.Duration.ofSeconds(10))
                .forEach(r -> out.add("last " + r.getString(0)));
        return out;
    }

    static void reopened(String id, Map<String, Object> org, int revision) {
        Events.publish(Topics.ASSESSMENT, EventTypes.ASSESSMENT_REOPENED, (String) org.get("odsCode"),
                Map.of("assessmentId", id, "organisation", org, "revision", revision));
    }
}
