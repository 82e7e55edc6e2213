package uk.nhs.impact.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.baseline.questionset.QuestionSet;
import uk.nhs.impact.baseline.questionset.QuestionSet.Option;
import uk.nhs.impact.baseline.questionset.QuestionSet.Question;
import uk.nhs.impact.baseline.returns.AnswerValidator;
import uk.nhs.impact.platform.problem.FieldError;

/** The answer rules on their own: every failing field named, sorted by field, with required answers checked only at submit. */
class AnswerValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Option> METHODS = List.of(new Option("QSIR", "QSIR"), new Option("LEAN", "Lean"), new Option("OTHER", "Other"));
    private static final QuestionSet PROVIDER = new QuestionSet("baseline-provider", "trust", 1, "PUBLISHED", null, List.of(
            new Question("leadership_exec_responsibility", "leadership", "yes_no", true, "Exec responsibility?", "leadership", null, null, null),
            new Question("leadership_named_role", "leadership", "free_text", false, "Named role", null, 200, null, null),
            new Question("tools_improvement_methods", "tools", "yes_no", true, "Methods?", "tools", null, null, null),
            new Question("tools_methods_used", "tools", "multi_choice", false, "Which methods?", null, null, METHODS, "OTHER"),
            new Question("prioritisation_approach", "capability", "single_choice", false, "Approach", null, null,
                    List.of(new Option("TOP_DOWN", "Top down"), new Option("BOTTOM_UP", "Bottom up")), null),
            new Question("identify_capability", "capability", "free_text", false, "How?", null, null, null, null)));

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<FieldError> saving(String answers) {
        return AnswerValidator.check(PROVIDER, json(answers), false);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void answersThatFitAreAccepted() {
        assertThat(AnswerValidator.check(PROVIDER, json("""
                {"leadership_exec_responsibility": true, "tools_improvement_methods": false,
                 "tools_methods_used": ["QSIR", "OTHER"], "tools_methods_used_other_text": "Kaizen",
                 "prioritisation_approach": "TOP_DOWN", "leadership_named_role": "Chief nurse"}"""), true)).isEmpty();
    }

    @Test
    void everyFailingFieldIsNamedInFieldOrder() {
        List<FieldError> errors = saving("""
                {"leadership_exec_responsibility": "maybe",
                 "tools_methods_used": ["QSIR", "KAIZEN", "OTHER"],
                 "favourite_colour": "red",
                 "prioritisation_approach": "SIDEWAYS",
                 "identify_capability": "%s"}""".formatted("x".repeat(4001)));
        assertThat(fields(errors)).containsExactly("answers.favourite_colour", "answers.identify_capability",
                "answers.leadership_exec_responsibility", "answers.prioritisation_approach", "answers.tools_methods_used[1]",
                "answers.tools_methods_used_other_text");
    }

    @Test
    void eachAnswerTypeHasItsMessage() {
        assertThat(saving("""
                {"leadership_exec_responsibility": "yes"}""")).containsExactly(
                new FieldError("answers.leadership_exec_responsibility", "must be true or false"));
        assertThat(saving("""
                {"prioritisation_approach": 1}""")).containsExactly(
                new FieldError("answers.prioritisation_approach", "must be one of [TOP_DOWN, BOTTOM_UP]"));
        assertThat(saving("""
                {"tools_methods_used": "QSIR"}""")).containsExactly(
                new FieldError("answers.tools_methods_used", "must be an array of option codes"));
        assertThat(saving("""
                {"leadership_named_role": 7}""")).containsExactly(new FieldError("answers.leadership_named_role", "must be text"));
        assertThat(saving("""
                {"favourite_colour": "red"}""")).containsExactly(
                new FieldError("answers.favourite_colour", "is not a question of baseline-provider v1"));
    }

    @Test
    void multiChoiceListsKnownOptionsOnce() {
        assertThat(saving("""
                {"tools_methods_used": ["QSIR", "QSIR", 3]}""")).containsExactly(
                new FieldError("answers.tools_methods_used[1]", "is listed twice"),
                new FieldError("answers.tools_methods_used[2]", "must be one of [QSIR, LEAN, OTHER]"));
    }

    @Test
    void theOtherOptionNeedsItsTextAndTheTextNeedsTheOption() {
        assertThat(saving("""
                {"tools_methods_used": ["OTHER"]}""")).containsExactly(
                new FieldError("answers.tools_methods_used_other_text", "is required when OTHER is chosen"));
        assertThat(fields(saving("""
                {"tools_methods_used": ["OTHER"], "tools_methods_used_other_text": "  "}""")))
                .containsExactly("answers.tools_methods_used_other_text");
        assertThat(saving("""
                {"prioritisation_approach_other_text": "sideways"}""")).containsExactly(
                new FieldError("answers.prioritisation_approach_other_text", "belongs to no question with an \"other\" option"));
        assertThat(saving("""
                {"tools_methods_used_other_text": false}""")).containsExactly(
                new FieldError("answers.tools_methods_used_other_text", "must be text"));
    }

    @Test
    void textHasTheQuestionsLimitOrFourThousandCharacters() {
        assertThat(AnswerValidator.check(PROVIDER, JSON.valueToTree(Map.of("identify_capability", "x".repeat(4000))), false)).isEmpty();
        assertThat(AnswerValidator.check(PROVIDER, JSON.valueToTree(Map.of("identify_capability", "x".repeat(4001))), false))
                .containsExactly(new FieldError("answers.identify_capability", "must be at most 4000 characters"));
        assertThat(AnswerValidator.check(PROVIDER, JSON.valueToTree(Map.of("leadership_named_role", "x".repeat(201))), false))
                .containsExactly(new FieldError("answers.leadership_named_role", "must be at most 200 characters"));
    }

    @Test
    void requiredAnswersAreCheckedOnlyAtSubmitAndNullIsNoAnswer() {
        JsonNode partial = json("""
                {"leadership_exec_responsibility": true, "tools_improvement_methods": null}""");
        assertThat(AnswerValidator.check(PROVIDER, partial, false)).isEmpty();
        assertThat(AnswerValidator.check(PROVIDER, partial, true)).containsExactly(
                new FieldError("answers.tools_improvement_methods", "is required"));
        assertThat(fields(AnswerValidator.check(PROVIDER, json("{}"), true)))
                .containsExactly("answers.leadership_exec_responsibility", "answers.tools_improvement_methods");
    }

    @Test
    void answersMustBeAnObject() {
        for (JsonNode notAnObject : List.of(json("[]"), JSON.getNodeFactory().textNode("yes"), json("null"))) {
            assertThat(AnswerValidator.check(PROVIDER, notAnObject, true)).as(notAnObject.toString())
                    .containsExactly(new FieldError("answers", "must be an object keyed by question code"));
        }
        assertThat(AnswerValidator.check(PROVIDER, null, false)).containsExactly(new FieldError("answers", "must be an object keyed by question code"));
    }
}
