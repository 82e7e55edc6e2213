package uk.nhs.impact.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static uk.nhs.impact.assessment.assessment.Fixtures.V1;
import static uk.nhs.impact.assessment.assessment.Fixtures.at;
import static uk.nhs.impact.assessment.assessment.Fixtures.q;
import static uk.nhs.impact.assessment.assessment.Fixtures.version;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.assessment.assessment.Progress;
import uk.nhs.impact.assessment.assessment.Results;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.assessment.instrument.InstrumentRules;
import uk.nhs.impact.platform.problem.FieldError;

/** The pure rules: component summaries and their tie rule, question mapping across versions, instrument consistency. */
class ResultsAndProgressTest {
    @Test
    void aTieIsReportedAsTheLowerLevelAndFlagged() {
        Results.AssessmentResults r = Results.of("x", 1, "SUBMITTED", V1, Map.of("A", at("S"), "B", at("E"), "C", at("D"), "D", at("D")));
        Results.ComponentResult c1 = r.components().get(0);
        assertThat(c1.summaryLevelCode()).isEqualTo("S");
        assertThat(c1.tied()).isTrue();
        assertThat(c1.tiedLevelCodes()).containsExactly("S", "E");
        Results.ComponentResult c2 = r.components().get(1);
        assertThat(c2.summaryLevelCode()).isEqualTo("D");
        assertThat(c2.tied()).isFalse();
        assertThat(r.overall()).extracting(Results.LevelCount::count).containsExactly(1, 2, 1);
    }

    @Test
    void unansweredQuestionsCountNowhere() {
        Results.AssessmentResults r = Results.of("x", 1, "DRAFT", V1, Map.of("A", at("D")));
        assertThat(r.answered()).isEqualTo(1);
        assertThat(r.components().get(1).summaryLevelCode()).isNull();
        assertThat(r.components().get(1).distribution()).extracting(Results.LevelCount::count).containsOnly(0);
    }

    @Test
    void questionsAreCarriedThroughEveryVersionInBetween() {
        // v2 renames A to A2 and drops D; v3 renames A2 to A3 and adds E
        InstrumentDefinition v2 = version(List.of(q("A2", 1, "C1"), q("B", 2, "C1"), q("C", 3, "C2")), Map.of("A", "A2"));
        InstrumentDefinition v3 = version(List.of(q("A3", 1, "C1"), q("B", 2, "C1"), q("C", 3, "C2"), q("E", 4, "C2")), Map.of("A2", "A3"));
        Progress.Report p = Progress.between(
                new Progress.Side("old", "2023-24", 1, V1, Map.of("A", at("S"), "B", at("D"), "C", at("D"), "D", at("S"))),
                new Progress.Side("new", "2025-26", 3, v3, Map.of("A3", at("D"), "B", at("S"), "C", at("D"), "E", at("E"))),
                List.of(v2, v3));
        assertThat(p.questions()).extracting(Progress.QuestionMove::questionCode, Progress.QuestionMove::fromQuestionCode,
                Progress.QuestionMove::movement)
                .containsExactly(tuple("A3", "A", Progress.Movement.UP),
                        tuple("B", "B", Progress.Movement.DOWN),
                        tuple("C", "C", Progress.Movement.SAME));
        assertThat(p.unmappedFromQuestions()).containsExactly("D");
        assertThat(p.unmappedToQuestions()).containsExactly("E");
        assertThat(p.up()).isEqualTo(1);
        assertThat(p.down()).isEqualTo(1);
        assertThat(p.same()).isEqualTo(1);
    }

    @Test
    void anInstrumentMustBeConsistent() {
        InstrumentDefinition broken = version(List.of(q("A", 1, "C1"), q("A", 1, "C9")), Map.of("Z", "A"));
        assertThat(InstrumentRules.check(broken, V1)).extracting(FieldError::field)
                .contains("questions[1].code", "questions[1].number", "questions[1].componentCode", "questionMap.Z", "components");
        assertThat(InstrumentRules.check(V1, null)).isEmpty();
    }
}
