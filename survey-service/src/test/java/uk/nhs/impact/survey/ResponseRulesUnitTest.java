package uk.nhs.impact.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.survey.instrument.SurveyDefinition;
import uk.nhs.impact.survey.response.ResponseRules;
import uk.nhs.impact.survey.response.SurveyAnswer;

/** The answer rules on their own, against the shipped survey version: every failing field is named, all at once. */
class ResponseRulesUnitTest {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** One wrong answer of every kind, each failing on a different field; the HTTP test sends the same. */
    static final String ALL_WRONG = """
            {"Q99_unknown": {"option": "x"},
             "Q1_trust_progress": {"option": "top_of_the_class"},
             "Q2_trust_alignment": {"options": ["fully", "mostly"]},
             "Q3_trust_barriers": {"option": "funding"},
             "Q4_trust_support_components": {"options": ["culture_people", "culture_people"]},
             "Q11_support_formats": {"options": ["board_workshops_equity", "peer_webinars", "case_studies", "one_to_one"]},
             "Q5_trust_support_enablers": {"options": ["health_inequalities"], "otherText": "not chosen"},
             "Q14_free_text": {"option": "fully"},
             "Q12_board_confidence_trust": {}}""";
    private static SurveyDefinition survey;

    @BeforeAll
    static void loadTheShippedSurvey() throws IOException {
        try (InputStream in = ResponseRulesUnitTest.class.getResourceAsStream("/instruments/nhsp-improvement-survey-2023-v1.json")) {
            survey = JSON.readValue(in, SurveyDefinition.class);
        }
    }

    private static Map<String, SurveyAnswer> answers(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static SurveyAnswer text(String text) {
        return new SurveyAnswer(null, null, null, text);
    }

    private static List<FieldError> saving(String json) {
        return ResponseRules.check(survey, answers(json), false);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void answersThatFitAreAccepted() {
        assertThat(ResponseRules.check(survey, answers("""
                {"Q1_trust_progress": {"option": "other", "otherText": "A new board"},
                 "Q2_trust_alignment": {"option": "mostly"},
                 "Q3_trust_barriers": {"options": ["funding", "other"], "otherText": "Estates"},
                 "Q11_support_formats": {"options": ["board_workshops_equity", "peer_webinars", "case_studies"]},
                 "Q14_free_text": {"text": "Our board development programme is helping."}}"""), true)).isEmpty();
    }

    @Test
    void everyFailingFieldIsListedTogether() {
        List<FieldError> errors = saving(ALL_WRONG);
        assertThat(fields(errors)).containsExactlyInAnyOrder("answers.Q99_unknown", "answers.Q1_trust_progress.option",
                "answers.Q2_trust_alignment.options", "answers.Q2_trust_alignment.option", "answers.Q3_trust_barriers.option",
                "answers.Q4_trust_support_components.options[1]", "answers.Q11_support_formats.options",
                "answers.Q5_trust_support_enablers.otherText", "answers.Q14_free_text", "answers.Q12_board_confidence_trust");
    }

    @Test
    void anUnknownQuestionIsNamed() {
        assertThat(saving("""
                {"Q99_unknown": null}""")).containsExactly(new FieldError("answers.Q99_unknown", "is not a question of this survey"));
    }

    @Test
    void singleChoiceTakesOneKnownOption() {
        assertThat(saving("""
                {"Q1_trust_progress": {"option": "top_of_the_class"}}"""))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("answers.Q1_trust_progress.option",
                        "must be one of [frontline_only, committed_planning, just_underway, underway_maturing, embedded_sustained, other]"));
        assertThat(fields(saving("""
                {"Q1_trust_progress": {"options": ["just_underway"], "text": "free"}}""")))
                .containsExactly("answers.Q1_trust_progress.options", "answers.Q1_trust_progress.text", "answers.Q1_trust_progress.option");
    }

    @Test
    void aLikertScaleIsASingleChoice() {
        assertThat(saving("""
                {"Q12_board_confidence_trust": {"option": "confident"}}""")).isEmpty();
        assertThat(fields(saving("""
                {"Q12_board_confidence_trust": {"option": "ecstatic"}}"""))).containsExactly("answers.Q12_board_confidence_trust.option");
    }

    @Test
    void multiChoiceTakesAListOfDistinctKnownOptionsUpToItsMaximum() {
        assertThat(saving("""
                {"Q4_trust_support_components": {"options": ["culture_people", "nonsense", "culture_people"]}}"""))
                .extracting(FieldError::field).containsExactly("answers.Q4_trust_support_components.options[1]",
                        "answers.Q4_trust_support_components.options[2]");
        assertThat(saving("""
                {"Q4_trust_support_components": {"options": ["culture_people", "culture_people"]}}""").get(0).message())
                .isEqualTo("culture_people is chosen twice");
        assertThat(saving("""
                {"Q11_support_formats": {"options": ["board_workshops_equity", "peer_webinars", "case_studies", "one_to_one"]}}"""))
                .containsExactly(new FieldError("answers.Q11_support_formats.options", "at most 3 may be chosen"));
        assertThat(fields(saving("""
                {"Q3_trust_barriers": {"option": "funding", "text": "why"}}""")))
                .containsExactly("answers.Q3_trust_barriers.option", "answers.Q3_trust_barriers.text");
    }

    @Test
    void otherTextGoesOnlyWithTheOtherOption() {
        assertThat(saving("""
                {"Q5_trust_support_enablers": {"options": ["health_inequalities"], "otherText": "not chosen"}}"""))
                .containsExactly(new FieldError("answers.Q5_trust_support_enablers.otherText", "only with the option other"));
        assertThat(saving("""
                {"Q5_trust_support_enablers": {"options": ["other"], "otherText": "chosen"}}""")).isEmpty();
        assertThat(saving("""
                {"Q2_trust_alignment": {"option": "fully", "otherText": "no other here"}}"""))
                .containsExactly(new FieldError("answers.Q2_trust_alignment.otherText", "only with the option other (none here)"));
    }

    @Test
    void freeTextTakesTextOnlyUpToItsLimit() {
        assertThat(saving("""
                {"Q14_free_text": {"option": "fully"}}"""))
                .containsExactly(new FieldError("answers.Q14_free_text", "a free text question takes text only"));
        assertThat(ResponseRules.check(survey, Map.of("Q14_free_text", text("w".repeat(4000))), false)).isEmpty();
        assertThat(ResponseRules.check(survey, Map.of("Q14_free_text", text("w".repeat(4001))), false))
                .containsExactly(new FieldError("answers.Q14_free_text.text", "must be at most 4000 characters"));
    }

    @Test
    void anEmptyAnswerIsRefusedAndNullClearsOne() {
        assertThat(saving("""
                {"Q12_board_confidence_trust": {}}"""))
                .containsExactly(new FieldError("answers.Q12_board_confidence_trust", "is empty: send null to clear an answer"));
        assertThat(saving("""
                {"Q1_trust_progress": null, "Q14_free_text": null}""")).isEmpty();
    }

    @Test
    void requiredQuestionsAreCheckedOnlyAtSubmit() {
        Map<String, SurveyAnswer> onlyQ2 = answers("""
                {"Q2_trust_alignment": {"option": "mostly"}}""");
        assertThat(ResponseRules.check(survey, onlyQ2, false)).isEmpty();
        assertThat(ResponseRules.check(survey, onlyQ2, true)).containsExactly(new FieldError("answers.Q1_trust_progress", "is required"));
        Map<String, SurveyAnswer> clearedQ1 = new HashMap<>(onlyQ2);
        clearedQ1.put("Q1_trust_progress", null);
        assertThat(ResponseRules.check(survey, clearedQ1, true)).containsExactly(new FieldError("answers.Q1_trust_progress", "is required"));
    }
}
