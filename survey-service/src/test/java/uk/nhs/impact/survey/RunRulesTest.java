package uk.nhs.impact.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.survey.run.RunRules;
import uk.nhs.impact.survey.run.SurveyRun;

/** A run's window on its own: forward only, later closes only, final once closed, responses only inside it. */
class RunRulesTest {
    private static final Instant OPENS = Instant.parse("2023-08-01T00:00:00Z");
    private static final Instant CLOSES = Instant.parse("2023-09-01T00:00:00Z");

    private static SurveyRun run(boolean closed) {
        SurveyRun r = new SurveyRun();
        r.id = "improvement-2023";
        r.opensAt = OPENS;
        r.closesAt = CLOSES;
        r.closed = closed;
        return r;
    }

    private static ProblemException refusal(Runnable rule) {
        return catchThrowableOfType(ProblemException.class, rule::run);
    }

    @Test
    void aNewWindowRunsForwardForKnownOrganisationTypes() {
        assertThatCode(() -> RunRules.checkNew(OPENS, CLOSES, List.of("trust", "icb", "region", "directorate"))).doesNotThrowAnyException();
        ProblemException backwards = refusal(() -> RunRules.checkNew(CLOSES, OPENS, List.of("trust")));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.errors()).containsExactly(new FieldError("closesAt", "must be after opensAt"));
        assertThat(refusal(() -> RunRules.checkNew(OPENS, OPENS, List.of("trust"))).errors()).extracting(FieldError::field)
                .containsExactly("closesAt");
        ProblemException unknownType = refusal(() -> RunRules.checkNew(OPENS, CLOSES, List.of("trust", "practice")));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.errors()).extracting(FieldError::field).containsExactly("organisationTypes");
        assertThat(unknownType.errors().get(0).message()).startsWith("practice is not one of");
    }

    @Test
    void theCloseOnlyMovesLater() {
        assertThatCode(() -> RunRules.checkExtension(run(false), CLOSES.plusSeconds(1))).doesNotThrowAnyException();
        ProblemException same = refusal(() -> RunRules.checkExtension(run(false), CLOSES));
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.errors()).containsExactly(new FieldError("closesAt", "must be later than the current close, " + CLOSES));
        assertThat(refusal(() -> RunRules.checkExtension(run(false), OPENS)).status()).isEqualTo(400);
    }

    @Test
    void closingIsFinal() {
        assertThatCode(() -> RunRules.requireNotClosed(run(false))).doesNotThrowAnyException();
        ProblemException closed = refusal(() -> RunRules.requireNotClosed(run(true)));
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.getMessage()).contains("final");
        assertThat(closed.context()).containsEntry("closed", true).containsEntry("closesAt", CLOSES.toString());
    }

    @Test
    void responsesAreTakenFromTheOpeningUpToButNotIncludingTheClose() {
        assertThatCode(() -> RunRules.requireAcceptingResponses(run(false), OPENS)).doesNotThrowAnyException();
        assertThatCode(() -> RunRules.requireAcceptingResponses(run(false), CLOSES.minusMillis(1))).doesNotThrowAnyException();
        for (Instant outside : List.of(OPENS.minusMillis(1), CLOSES)) {
            ProblemException refused = refusal(() -> RunRules.requireAcceptingResponses(run(false), outside));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.getMessage()).contains("accepts responses only between");
            assertThat(refused.context()).containsEntry("opensAt", OPENS.toString()).containsEntry("closesAt", CLOSES.toString())
                    .containsEntry("closed", false);
        }
        ProblemException closed = refusal(() -> RunRules.requireAcceptingResponses(run(true), OPENS.plusSeconds(60)));
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.getMessage()).contains("is closed");
        assertThat(closed.context()).containsEntry("closed", true);
    }
}
