package uk.nhs.impact.assessment.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.assessment.assessment.Fixtures.V1;
import static uk.nhs.impact.assessment.assessment.Fixtures.at;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.problem.FieldError;

class AnswerRulesTest {

    @Test
    void answersToQuestionsOfTheVersionAtLevelsOfItsScalePass() {
        assertThat(AnswerRules.check(V1, Map.of("A", at("S"), "B", at("E"), "C", new Answer(null, "evidence only", null)))).isEmpty();
    }

    @Test
    void anUnknownQuestionIsNamed() {
        assertThat(AnswerRules.check(V1, Map.of("Q99", at("S"))))
                .containsExactly(new FieldError("answers.Q99", "is not a question of this instrument version"));
    }

    @Test
    void aLevelOutsideTheScaleIsNamedWithTheLevelsAllowed() {
        assertThat(AnswerRules.check(V1, Map.of("A", at("EXCELLENT"))))
                .containsExactly(new FieldError("answers.A.levelCode", "must be one of [S, D, E]"));
    }

    @Test
    void clearingAQuestionOrSavingItWithoutALevelIsAllowed() {
        Map<String, Answer> changes = new HashMap<>();
        changes.put("A", null);
        changes.put("B", at(" "));
        assertThat(AnswerRules.check(V1, changes)).isEmpty();
    }

    @Test
    void clearingAnUnknownQuestionIsStillAnUnknownQuestion() {
        Map<String, Answer> changes = new HashMap<>();
        changes.put("Z", null);
        assertThat(AnswerRules.check(V1, changes)).extracting(FieldError::field).containsExactly("answers.Z");
    }

    @Test
    void unansweredListsQuestionsWithoutALevelInQuestionOrder() {
        Map<String, Answer> answers = Map.of("D", at("S"), "B", new Answer("", "evidence", null));
        assertThat(AnswerRules.unanswered(V1, answers)).containsExactly("A", "B", "C");
        assertThat(AnswerRules.unanswered(V1, Map.of("A", at("S"), "B", at("S"), "C", at("D"), "D", at("E")))).isEmpty();
    }

    @Test
    void mergeReplacesNamedQuestionsClearsNullsAndKeepsTheRest() {
        Map<String, Answer> current = Map.of("A", at("S"), "B", at("D"), "C", at("E"));
        Map<String, Answer> changes = new HashMap<>();
        changes.put("A", at("D"));
        changes.put("B", null);
        changes.put("D", at("S"));

        TreeMap<String, Answer> merged = AnswerRules.merge(current, changes);

        assertThat(merged).containsExactly(Map.entry("A", at("D")), Map.entry("C", at("E")), Map.entry("D", at("S")));
        assertThat(current).as("the stored answers are not changed in place").containsEntry("A", at("S")).containsKey("B");
    }

    @Test
    void clearingAQuestionNeverAnsweredChangesNothing() {
        Map<String, Answer> changes = new HashMap<>();
        changes.put("D", null);
        assertThat(AnswerRules.merge(Map.of("A", at("S")), changes)).containsExactly(Map.entry("A", at("S")));
    }
}
