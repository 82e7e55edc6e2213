package uk.nhs.impact.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.baseline.collection.Collection;
import uk.nhs.impact.baseline.collection.CollectionRules;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;

/** A collection's window on its own: forward only, final once closed, returns changed only inside it. */
class CollectionRulesTest {
    private static final Instant OPENS = Instant.parse("2023-08-01T00:00:00Z");
    private static final Instant CLOSES = Instant.parse("2023-09-01T00:00:00Z");

    private static Collection collection(boolean closed) {
        Collection c = new Collection();
        c.id = "baseline-2023";
        c.opensAt = OPENS;
        c.closesAt = CLOSES;
        c.closed = closed;
        return c;
    }

    private static ProblemException refusal(Runnable rule) {
        return catchThrowableOfType(ProblemException.class, rule::run);
    }

    @Test
    void aNewWindowRunsForward() {
        assertThatCode(() -> CollectionRules.checkNew(OPENS, CLOSES)).doesNotThrowAnyException();
        for (Instant close : List.of(OPENS, OPENS.minusSeconds(1))) {
            ProblemException refused = refusal(() -> CollectionRules.checkNew(OPENS, close));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.errors()).containsExactly(new FieldError("closesAt", "must be after opensAt"));
        }
    }

    @Test
    void closingIsFinal() {
        assertThatCode(() -> CollectionRules.requireNotClosed(collection(false))).doesNotThrowAnyException();
        ProblemException refused = refusal(() -> CollectionRules.requireNotClosed(collection(true)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.getMessage()).isEqualTo("Collection baseline-2023 is already closed");
    }

    @Test
    void returnsChangeFromTheOpeningUpToButNotIncludingTheClose() {
        assertThatCode(() -> CollectionRules.requireAcceptingReturns(collection(false), OPENS)).doesNotThrowAnyException();
        assertThatCode(() -> CollectionRules.requireAcceptingReturns(collection(false), CLOSES.minusMillis(1))).doesNotThrowAnyException();
        for (Instant outside : List.of(OPENS.minusMillis(1), CLOSES)) {
            ProblemException refused = refusal(() -> CollectionRules.requireAcceptingReturns(collection(false), outside));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.getMessage()).contains("accepts returns only between its opening and closing times");
            assertThat(refused.context()).containsEntry("opensAt", OPENS.toString()).containsEntry("closesAt", CLOSES.toString())
                    .containsEntry("closed", false);
        }
        ProblemException closed = refusal(() -> CollectionRules.requireAcceptingReturns(collection(true), OPENS.plusSeconds(60)));
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.getMessage()).contains("closed: returns are read only");
        assertThat(closed.context()).containsEntry("closed", true);
    }
}
