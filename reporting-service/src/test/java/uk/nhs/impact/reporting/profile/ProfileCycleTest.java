package uk.nhs.impact.reporting.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.impact.platform.problem.ProblemException;

class ProfileCycleTest {
    @Test
    void aFinancialYearAndTheOneBefore() {
        ProfileCycle c = ProfileCycle.parse("2023-24");
        assertThat(c.name()).isEqualTo("2023-24");
        assertThat(c.firstDay()).isEqualTo(LocalDate.of(2023, 4, 1));
        assertThat(c.lastDay()).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(c.previous().name()).isEqualTo("2022-23");
        assertThat(ProfileCycle.parse("2099-00").previous().name()).isEqualTo("2098-99");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "2023", "2023-25", "2023/24", "23-24", "2023-24x", "baseline-2023", "1999-00"})
    void anythingElseIsA400NamingTheCycle(String value) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> ProfileCycle.parse(value));
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(f -> f.field()).containsExactly("cycle");
    }

    @Test
    void missingIsA400Too() {
        assertThat(catchThrowableOfType(ProblemException.class, () -> ProfileCycle.parse(null)).status()).isEqualTo(400);
    }
}
