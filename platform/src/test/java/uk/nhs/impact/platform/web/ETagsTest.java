package uk.nhs.impact.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.problem.ProblemException;

class ETagsTest {
    private static int refusal(String ifMatch, long version) {
        return catchThrowableOfType(ProblemException.class, () -> ETags.require(ifMatch, version)).status();
    }

    @Test
    void matchingStrongTagOrStarPasses() {
        assertThatCode(() -> ETags.require("\"4\"", 4)).doesNotThrowAnyException();
        assertThatCode(() -> ETags.require("\"3\", \"4\"", 4)).doesNotThrowAnyException();
        assertThatCode(() -> ETags.require("*", 4)).doesNotThrowAnyException();
    }

    @Test
    void missingIs428() {
        assertThat(refusal(null, 1)).isEqualTo(428);
        assertThat(refusal(" ", 1)).isEqualTo(428);
    }

    @Test
    void staleOrWeakIs412() {
        assertThat(refusal("\"3\"", 4)).isEqualTo(412);
        assertThat(refusal("W/\"4\"", 4)).isEqualTo(412);
        assertThat(refusal("4", 4)).isEqualTo(412);
    }

    @Test
    void tagIsTheQuotedVersion() {
        assertThat(ETags.of(7).toString()).isEqualTo("\"7\"");
    }
}
