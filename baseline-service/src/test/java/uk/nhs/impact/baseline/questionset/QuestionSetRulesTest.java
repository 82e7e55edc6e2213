package uk.nhs.impact.baseline.questionset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.baseline.questionset.QuestionSet.Option;
import uk.nhs.impact.baseline.questionset.QuestionSet.Question;
import uk.nhs.impact.platform.problem.FieldError;

class QuestionSetRulesTest {
    private static final List<Option> TWO = List.of(new Option("A", "A"), new Option("B", "B"));

    private static Question question(String code, String type, List<Option> options, String other, Integer maxLength) {
        return new Question(code, "leadership", type, false, "Question " + code, null, maxLength, options, other);
    }

    private static List<FieldError> check(Question... questions) {
        return QuestionSetRules.check(new QuestionSetDefinition("baseline-trial", null, List.of(questions)));
    }

    @Test
    void theShippedQuestionSetsAreConsistent() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String resource : QuestionSets.SHIPPED) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                ObjectNode tree = (ObjectNode) json.readTree(in);
                assertThat(tree.remove("instrumentId").asText()).as(resource).isIn(QuestionSets.ORG_TYPES);
                assertThat(tree.remove("version").asInt()).as(resource).isEqualTo(1);
                QuestionSetDefinition set = json.treeToValue(tree, QuestionSetDefinition.class);
                assertThat(QuestionSetRules.check(set)).as(resource).isEmpty();
                assertThat(set.questions()).as(resource).hasSize(11);
            }
        }
    }

    @Test
    void everyAnswerTypeUsedAsIntendedPasses() {
        assertThat(check(question("q1", "yes_no", null, null, null), question("q2", "free_text", null, null, 200),
                question("q3", "single_choice", TWO, null, null), question("q4", "multi_choice", TWO, "B", null))).isEmpty();
    }

    @Test
    void aQuestionSetIsNamedAndHasQuestions() {
        assertThat(QuestionSetRules.check(new QuestionSetDefinition(" ", null, List.of()))).containsExactly(
                new FieldError("id", "must name the question set"),
                new FieldError("questions", "a question set has at least one question"));
    }

    @Test
    void codesAreUniqueAndTypesKnown() {
        List<Option> twice = List.of(new Option("A", "A"), new Option("A", "Again"));
        assertThat(check(question("q1", "multi_choice", twice, null, null), question("q1", "number", null, null, null)))
                .containsExactlyInAnyOrder(
                        new FieldError("questions[0].options[1].code", "A is used twice"),
                        new FieldError("questions[1].code", "q1 is used twice"),
                        new FieldError("questions[1].type", "must be one of [free_text, multi_choice, single_choice, yes_no]"));
    }

    @Test
    void optionsOnlyOnChoiceQuestionsAndTheOtherOptionIsOneOfThem() {
        assertThat(check(question("q1", "single_choice", List.of(new Option("A", "A")), null, null),
                question("q2", "yes_no", TWO, null, null), question("q3", "multi_choice", TWO, "OTHER", null)))
                .containsExactlyInAnyOrder(
                        new FieldError("questions[0].options", "a single_choice question needs at least two options"),
                        new FieldError("questions[1].options", "only choice questions have options"),
                        new FieldError("questions[2].otherOption", "must be one of this question's options"));
    }

    @Test
    void maxLengthOnlyForFreeText() {
        assertThat(check(question("q1", "yes_no", null, null, 10), question("q2", "free_text", null, null, 0))).containsExactlyInAnyOrder(
                new FieldError("questions[0].maxLength", "only for free text, and at least 1"),
                new FieldError("questions[1].maxLength", "only for free text, and at least 1"));
    }
}
