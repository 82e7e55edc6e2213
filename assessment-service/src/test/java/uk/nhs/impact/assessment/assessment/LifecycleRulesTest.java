package uk.nhs.impact.assessment.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.nhs.impact.assessment.assessment.Fixtures.V1;
import static uk.nhs.impact.assessment.assessment.Fixtures.assessment;
import static uk.nhs.impact.assessment.assessment.Fixtures.at;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.SharingLevel;

class LifecycleRulesTest {
    private static final LocalDate TODAY = LocalDate.parse("2023-10-01");
    private static final Map<String, Answer> COMPLETE = Map.of("A", at("S"), "B", at("S"), "C", at("D"), "D", at("E"));

    private static Assessment in(Assessment.Status status) {
        return assessment(status, SharingLevel.PRIVATE);
    }

    @ParameterizedTest(name = "{0} then {1}: refused, with the hint {2}")
    @CsvSource(delimiter = '|', value = {
            "DRAFT      | submit              | a draft must be complete and signed off by the board before it is submitted",
            "DRAFT      | reopen              | a draft must be complete and signed off by the board before it is submitted",
            "SIGNED_OFF | change answers      | it is signed off: submit it, or reopen it to change answers",
            "SUBMITTED  | sign off            | it is submitted: reopen it to start a new revision",
            "WITHDRAWN  | withdraw            | it is withdrawn, which is final: create a new assessment for the cycle",
    })
    void anIllegalStepIsAConflictNamingTheStateAndWhatToDo(Assessment.Status status, String action, String hint) {
        Assessment a = in(status);
        a.revision = 3;
        assertConflict(() -> LifecycleRules.require(a, action, Assessment.Status.SIGNED_OFF.equals(status)
                ? Assessment.Status.DRAFT
                : Assessment.Status.SIGNED_OFF), a)
                .hasMessage("Cannot " + action + " assessment " + a.id + " while it is " + status + ": " + hint);
    }

    @Test
    void aStepTheStateAllowsPasses() {
        assertThatNoException().isThrownBy(() -> LifecycleRules.require(in(Assessment.Status.SUBMITTED), "reopen",
                Assessment.Status.SIGNED_OFF, Assessment.Status.SUBMITTED));
    }

    @Test
    void answersChangeOnlyInADraft() {
        assertThatNoException().isThrownBy(() -> LifecycleRules.checkAnswers(in(Assessment.Status.DRAFT), V1, Map.of("A", at("S"))));
        assertConflict(() -> LifecycleRules.checkAnswers(in(Assessment.Status.SIGNED_OFF), V1, Map.of("A", at("S"))),
                in(Assessment.Status.SIGNED_OFF));
        assertConflict(() -> LifecycleRules.checkAnswers(in(Assessment.Status.SUBMITTED), V1, Map.of("A", at("S"))),
                in(Assessment.Status.SUBMITTED));
    }

    @Test
    void answersThatDoNotFitTheVersionAreA400NamingEachField() {
        assertThatThrownBy(() -> LifecycleRules.checkAnswers(in(Assessment.Status.DRAFT), V1, Map.of("Q99", at("S"), "A", at("X"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("answers.Q99", "answers.A.levelCode");
                });
    }

    @Test
    void aDraftWithQuestionsWithoutALevelCannotBeSignedOff() {
        assertThatThrownBy(() -> LifecycleRules.checkSignOff(in(Assessment.Status.DRAFT), V1, Map.of("A", at("S"), "C", at("D")),
                TODAY, TODAY)).isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e).hasMessage("Cannot sign off: 2 question(s) have no level");
                    assertThat(e.context()).containsEntry("unansweredQuestions", List.of("B", "D"));
                });
    }

    @Test
    void theBoardMeetingMustHaveTakenPlace() {
        assertThatThrownBy(() -> LifecycleRules.checkSignOff(in(Assessment.Status.DRAFT), V1, COMPLETE, TODAY.plusDays(1), TODAY))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).containsExactly(new FieldError("boardMeetingDate", "must not be in the future"));
                });
        assertThatNoException().isThrownBy(() -> LifecycleRules.checkSignOff(in(Assessment.Status.DRAFT), V1, COMPLETE, TODAY, TODAY));
    }

    @ParameterizedTest
    @EnumSource(value = Assessment.Status.class, names = {"SIGNED_OFF", "SUBMITTED"})
    void onlyADraftIsSignedOffAndTheStateIsCheckedFirst(Assessment.Status status) {
        assertConflict(() -> LifecycleRules.checkSignOff(in(status), V1, Map.of(), TODAY.plusDays(1), TODAY), in(status))
                .hasMessageContaining("while it is " + status);
    }

    @Test
    void sharingChangesUntilWithdrawn() {
        for (Assessment.Status live : List.of(Assessment.Status.DRAFT, Assessment.Status.SIGNED_OFF, Assessment.Status.SUBMITTED)) {
            assertThatNoException().isThrownBy(() -> LifecycleRules.checkSharing(in(live)));
        }
        assertConflict(() -> LifecycleRules.checkSharing(in(Assessment.Status.WITHDRAWN)), in(Assessment.Status.WITHDRAWN))
                .hasMessageContaining("Cannot change sharing of assessment");
    }

    @Test
    void progressComparesSubmittedAssessmentsOfOneOrganisationOnOneInstrumentEarlierVersionFirst() {
        Assessment from = in(Assessment.Status.SUBMITTED);
        Assessment to = in(Assessment.Status.SUBMITTED);
        to.instrumentVersion = 2;
        assertThatNoException().isThrownBy(() -> LifecycleRules.checkComparable(from, to));

        assertComparison(from, to, () -> to.odsCode = "RX1", "Progress compares assessments of one organisation on one instrument");
        assertComparison(from, to, () -> to.instrumentId = "another", "Progress compares assessments of one organisation on one instrument");
        assertComparison(from, to, () -> from.status = Assessment.Status.SIGNED_OFF, "Progress compares submitted assessments only");
        assertComparison(from, to, () -> to.status = Assessment.Status.DRAFT, "Progress compares submitted assessments only");
        assertComparison(to, from, () -> {
        }, "since uses a later instrument version than this assessment; swap them");
    }

    private static void assertComparison(Assessment from, Assessment to, Runnable spoil, String detail) {
        String ods = to.odsCode;
        String instrument = to.instrumentId;
        Assessment.Status fromStatus = from.status;
        Assessment.Status toStatus = to.status;
        spoil.run();
        assertThatThrownBy(() -> LifecycleRules.checkComparable(from, to)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).isEqualTo(409)).hasMessage(detail);
        to.odsCode = ods;
        to.instrumentId = instrument;
        from.status = fromStatus;
        to.status = toStatus;
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertConflict(ThrowingCallable call, Assessment a) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.context()).containsEntry("status", a.status.name()).containsEntry("revision", a.revision);
        });
    }
}
