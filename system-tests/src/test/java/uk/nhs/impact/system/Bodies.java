package uk.nhs.impact.system;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/** Request bodies the system tests send in several places, as maps REST Assured writes as JSON. */
final class Bodies {
    static final String SELF_ASSESSMENT = "nhs-impact-self-assessment";
    static final String SURVEY_INSTRUMENT = "nhsp-improvement-survey-2023";
    static final String REFERENCE_DATE = "2023-08-31";

    private Bodies() {
    }

    /** A self-assessment for the cycle on version 1 of the shipped instrument. */
    static Map<String, Object> assessment(String cycle) {
        return Map.of("cycle", cycle, "referenceDate", REFERENCE_DATE, "instrumentId", SELF_ASSESSMENT, "instrumentVersion", 1);
    }

    /** A baseline collection open from {@code opensAt} to {@code closesAt}. */
    static Map<String, Object> baselineCollection(String id, String name, Instant opensAt, Instant closesAt) {
        return Map.of("id", id, "name", name, "referenceDate", REFERENCE_DATE, "opensAt", opensAt.toString(), "closesAt", closesAt.toString());
    }

    /** A run of version 1 of the shipped improvement survey for trusts, open from {@code opensAt} to {@code closesAt}. */
    static Map<String, Object> surveyRun(String id, String name, Instant opensAt, Instant closesAt) {
        return Map.of("id", id, "name", name, "instrumentId", SURVEY_INSTRUMENT, "instrumentVersion", 1, "referenceDate", REFERENCE_DATE,
                "opensAt", opensAt.toString(), "closesAt", closesAt.toString(), "organisationTypes", List.of("trust"));
    }

    /**
     * A change set of the organisation hierarchy that opens one new trust under QT1 in 2099, far from any date a test reads
     * the hierarchy at; its code and reference are made from {@code unique}, so each one can be loaded once.
     */
    static Map<String, Object> openTrustIn2099(String unique) {
        String code = "Z" + "%4s".formatted(Integer.toString(Math.floorMod(unique.hashCode(), 36 * 36 * 36 * 36), 36))
                .replace(' ', '0').toUpperCase(java.util.Locale.ROOT);
        return Map.of("reference", "Access matrix " + unique, "changes", List.of(Map.of("kind", "OPEN", "odsCode", code,
                "name", "Access matrix trust " + code, "level", "TRUST", "trustType", "acute", "parent", "QT1", "effective", "2099-01-01")));
    }

    /** A board's sign-off of a self-assessment. */
    static final String SIGN_OFF = """
            {"approverName":"Dr A Chair","approverRole":"Chair","boardMeetingDate":"2023-09-28","minuteReference":"BM/1"}""";

    /** A complete baseline return. */
    static final String BASELINE_ANSWERS = """
            {"answers":{"leadership_exec_responsibility":true,"tools_improvement_methods":true,
             "governance_reporting":true,"capability_staff_training":false}}""";

    /** Answers to all 22 self-assessment questions: DEVELOPING where {@code developing} holds, else STARTING. */
    static Map<String, Object> levels(IntPredicate developing) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int q = 1; q <= 22; q++) {
            answers.put(String.format("Q%02d", q), Map.of("levelCode", developing.test(q) ? "DEVELOPING" : "STARTING"));
        }
        return Map.of("answers", answers);
    }

    /** A respondent starting a survey response. */
    static Map<String, Object> respondent(String role, String reference) {
        return Map.of("respondentRole", role, "respondentReference", reference);
    }

    /** The survey's one required answer: the trust's progress. */
    static Map<String, Object> trustProgress(String option) {
        return Map.of("answers", Map.of("Q1_trust_progress", Map.of("option", option)));
    }
}
