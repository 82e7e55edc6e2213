package uk.nhs.impact.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private static final long NOW = 1_800_000_000L;

    @Test
    void aVerifiedTokenIsKnownUntilItExpires() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10);
        tokens.put("a.b.c", "RHA viewer", NOW + 300, NOW);

        assertThat(tokens.get("a.b.c", NOW)).isEqualTo("RHA viewer");
        assertThat(tokens.get("a.b.c", NOW + 299)).isEqualTo("RHA viewer");
        assertThat(tokens.get("a.b.c", NOW + 300)).isNull();
        assertThat(tokens.size()).as("an expired entry is dropped when it is asked for").isZero();
    }

    @Test
    void onlyTheExactSameTokenMatches() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10);
        tokens.put("a.b.c", "RHA viewer", NOW + 300, NOW);

        assertThat(tokens.get("a.b.d", NOW)).isNull();
        assertThat(tokens.get("a.b.c ", NOW)).isNull();
        assertThat(tokens.get("A.b.c", NOW)).isNull();
    }

    @Test
    void aTokenAlreadyExpiredIsNotKept() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10);
        tokens.put("a.b.c", "RHA viewer", NOW, NOW);
        tokens.put("d.e.f", "RHA viewer", NOW - 1, NOW);

        assertThat(tokens.size()).isZero();
        assertThat(tokens.get("a.b.c", NOW - 10)).isNull();
    }

    @Test
    void whenFullExpiredEntriesGoFirstThenTheOneExpiringSoonest() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(3);
        tokens.put("old", "1", NOW + 10, NOW);
        tokens.put("soon", "2", NOW + 100, NOW);
        tokens.put("late", "3", NOW + 900, NOW);

        tokens.put("new", "4", NOW + 600, NOW + 20);
        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.get("old", NOW)).as("expired at the time of the put").isNull();
        assertThat(tokens.get("soon", NOW + 20)).isEqualTo("2");

        tokens.put("newer", "5", NOW + 700, NOW + 20);
        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.get("soon", NOW + 20)).as("expires soonest of those still valid").isNull();
        assertThat(tokens.get("late", NOW + 20)).isEqualTo("3");
        assertThat(tokens.get("new", NOW + 20)).isEqualTo("4");
        assertThat(tokens.get("newer", NOW + 20)).isEqualTo("5");
    }

    @Test
    void keepingATokenAgainReplacesItWithoutEvictingAnother() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(2);
        tokens.put("a", "1", NOW + 10, NOW);
        tokens.put("b", "2", NOW + 20, NOW);
        tokens.put("a", "1'", NOW + 30, NOW);

        assertThat(tokens.get("a", NOW + 25)).isEqualTo("1'");
        assertThat(tokens.get("b", NOW + 15)).isEqualTo("2");
    }

    @Test
    void theBoundMustAllowOneEntry() {
        assertThatThrownBy(() -> new VerifiedTokens<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
