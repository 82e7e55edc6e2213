package uk.nhs.impact.survey.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Level;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Option;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Question;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Type;

class SurveyRulesTest {
    private static final List<Option> TWO = List.of(new Option("a", "A", false), new Option("b", "B", false));

    private static Question question(String code, Type type, boolean ordinal, List<Option> options, String other, Integer maxChoices,
            Integer maxLength) {
        return new Question(code, "Question " + code, type, Level.TRUST, false, ordinal, options, other, maxChoices, maxLength);
    }

    private static List<FieldError> check(Question... questions) {
        return SurveyRules.check(new SurveyDefinition("Trial", null, List.of(questions)));
    }

    @Test
    void everyQuestionTypeUsedAsIntendedPasses() {
        assertThat(check(
                question("q1", Type.SINGLE_CHOICE, false, TWO, "b", null, null),
                question("q2", Type.MULTI_CHOICE, false, TWO, "a", 2, null),
                question("q3", Type.LIKERT, true, TWO, null, null, null),
                question("q4", Type.FREE_TEXT, false, null, null, null, 500))).isEmpty();
    }

    @Test
    void questionAndOptionCodesAreUnique() {
        List<Option> twice = List.of(new Option("a", "A", false), new Option("a", "Again", false));
        assertThat(check(question("q1", Type.SINGLE_CHOICE, false, twice, null, null, null),
                question("q1", Type.FREE_TEXT, false, null, null, null, null))).containsExactlyInAnyOrder(
                        new FieldError("questions[0].options[1].code", "a is used twice"),
                        new FieldError("questions[1].code", "q1 is used twice"));
    }

    @Test
    void choiceQuestionsNeedTwoOptionsAndFreeTextHasNone() {
        assertThat(check(question("q1", Type.SINGLE_CHOICE, false, List.of(new Option("yes", "Yes", false)), null, null, null),
                question("q2", Type.MULTI_CHOICE, false, null, null, null, null),
                question("q3", Type.FREE_TEXT, false, TWO, null, null, null))).containsExactlyInAnyOrder(
                        new FieldError("questions[0].options", "a SINGLE_CHOICE question needs at least two options"),
                        new FieldError("questions[1].options", "a MULTI_CHOICE question needs at least two options"),
                        new FieldError("questions[2].options", "free text questions have no options"));
    }

    @Test
    void maxChoicesOnlyForMultiChoiceAndNoMoreThanItsOptions() {
        assertThat(check(question("q1", Type.MULTI_CHOICE, false, TWO, null, 3, null),
                question("q2", Type.SINGLE_CHOICE, false, TWO, null, 1, null))).containsExactlyInAnyOrder(
                        new FieldError("questions[0].maxChoices", "only for multi choice, and at most the number of options"),
                        new FieldError("questions[1].maxChoices", "only for multi choice, and at most the number of options"));
    }

    @Test
    void theOtherOptionIsOneOfAChoiceQuestionsOptions() {
        String message = "must be one of this choice question's options";
        assertThat(check(question("q1", Type.SINGLE_CHOICE, false, TWO, "other", null, null),
                question("q2", Type.LIKERT, true, TWO, "a", null, null),
                question("q3", Type.FREE_TEXT, false, null, "a", null, null))).containsExactlyInAnyOrder(
                        new FieldError("questions[0].otherOptionCode", message),
                        new FieldError("questions[1].otherOptionCode", message),
                        new FieldError("questions[2].otherOptionCode", message));
    }

    @Test
    void aLikertScaleIsOrderedAndMaxLengthIsForFreeText() {
        assertThat(check(question("q1", Type.LIKERT, false, TWO, null, null, 100))).containsExactlyInAnyOrder(
                new FieldError("questions[0].ordinal", "a Likert scale is ordered"),
                new FieldError("questions[0].maxLength", "only for free text"));
    }
}
