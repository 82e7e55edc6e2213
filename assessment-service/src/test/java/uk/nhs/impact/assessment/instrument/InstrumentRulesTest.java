package uk.nhs.impact.assessment.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition.Component;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition.Level;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition.Question;
import uk.nhs.impact.platform.problem.FieldError;

class InstrumentRulesTest {
    private static final List<Level> LEVELS = List.of(new Level("STARTING", "Starting", null, false),
            new Level("DEVELOPING", "Developing", null, true));
    private static final List<Component> COMPONENTS = List.of(new Component("C1", "Shared purpose"), new Component("C2", "Leadership"));

    private static Question question(String code, int number, String component, Map<String, String> descriptors) {
        return new Question(code, number, component, "Question " + code, descriptors);
    }

    private static InstrumentDefinition definition(List<Level> levels, List<Component> components, List<Question> questions,
            Map<String, String> questionMap) {
        return new InstrumentDefinition("Trial", null, levels, components, questions, questionMap);
    }

    private static InstrumentDefinition consistent() {
        return definition(LEVELS, COMPONENTS, List.of(question("Q01", 1, "C1", Map.of("STARTING", "Just begun")),
                question("Q02", 2, "C2", null)), null);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aConsistentDefinitionPasses() {
        assertThat(InstrumentRules.check(consistent(), null)).isEmpty();
    }

    @Test
    void codesAndNumbersAreUnique() {
        InstrumentDefinition def = definition(List.of(LEVELS.get(0), new Level("STARTING", "Again", null, false)),
                List.of(COMPONENTS.get(0), new Component("C1", "Again")),
                List.of(question("Q01", 1, "C1", null), question("Q01", 1, "C1", null)), null);
        assertThat(InstrumentRules.check(def, null)).containsExactlyInAnyOrder(
                new FieldError("levels[1].code", "STARTING is used twice"),
                new FieldError("components[1].code", "C1 is used twice"),
                new FieldError("questions[1].code", "Q01 is used twice"),
                new FieldError("questions[1].number", "number 1 is used twice"));
    }

    @Test
    void referencesResolveWithinTheVersion() {
        InstrumentDefinition def = definition(LEVELS, COMPONENTS,
                List.of(question("Q01", 1, "C9", Map.of("EMBEDDED", "Everywhere")), question("Q02", 2, "C2", null)), null);
        assertThat(InstrumentRules.check(def, null)).containsExactlyInAnyOrder(
                new FieldError("questions[0].componentCode", "is not one of this version's components"),
                new FieldError("questions[0].descriptors.EMBEDDED", "is not one of this version's levels"),
                new FieldError("components", "component C1 has no questions"));
    }

    @Test
    void theFirstVersionHasNothingToMapFrom() {
        InstrumentDefinition def = definition(LEVELS, COMPONENTS, consistent().questions(), Map.of("Q01", "Q01"));
        assertThat(fields(InstrumentRules.check(def, null))).containsExactly("questionMap");
    }

    @Test
    void theQuestionMapLinksThePreviousVersionsQuestionsToThisOnes() {
        InstrumentDefinition previous = consistent();
        InstrumentDefinition mapped = definition(LEVELS, COMPONENTS, previous.questions(), Map.of("Q01", "Q02"));
        assertThat(InstrumentRules.check(mapped, previous)).isEmpty();

        InstrumentDefinition broken = definition(LEVELS, COMPONENTS, previous.questions(), Map.of("Q77", "Q99"));
        assertThat(InstrumentRules.check(broken, previous)).containsExactlyInAnyOrder(
                new FieldError("questionMap.Q77", "is not a question of the previous version"),
                new FieldError("questionMap.Q77", "Q99 is not a question of this version"));
    }
}
