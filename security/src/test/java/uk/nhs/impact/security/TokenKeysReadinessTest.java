package uk.nhs.impact.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class TokenKeysReadinessTest {
    /** Keys known when {@code known} is set; each fetch is counted and answered by {@code attempt}. */
    private static final class FakeKeys implements TokenKeysReadiness.Keys {
        final AtomicBoolean known = new AtomicBoolean();
        final AtomicInteger attempts = new AtomicInteger();
        Supplier<Uni<Boolean>> attempt = () -> Uni.createFrom().failure(new IllegalStateException("OIDC server is not available"));

        @Override
        public boolean known() {
            return known.get();
        }

        @Override
        public Uni<Boolean> fetch() {
            attempts.incrementAndGet();
            return attempt.get();
        }
    }

    private static HealthCheckResponse probe(TokenKeysReadiness check) {
        return check.call().await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void readyWithoutCallingTheProviderOnceTheKeysAreKnown() {
        FakeKeys tenant = new FakeKeys();
        tenant.known.set(true);
        HealthCheckResponse answer = probe(new TokenKeysReadiness(tenant, Duration.ofSeconds(1)));
        assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(answer.getName()).isEqualTo(TokenKeysReadiness.NAME);
        assertThat(answer.getData().orElseThrow()).containsEntry("keys", TokenKeysReadiness.KNOWN);
        assertThat(tenant.attempts).hasValue(0);
    }

    @Test
    void notReadyWhileTheProviderIsDownAndEachProbeTriesAgain() {
        FakeKeys tenant = new FakeKeys();
        TokenKeysReadiness check = new TokenKeysReadiness(tenant, Duration.ofSeconds(1));
        for (int i = 1; i <= 3; i++) {
            HealthCheckResponse answer = probe(check);
            assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(answer.getData().orElseThrow()).containsEntry("keys", TokenKeysReadiness.UNREACHABLE);
            assertThat(tenant.attempts).hasValue(i);
        }
    }

    @Test
    void turnsReadyByItselfWhenTheProviderAnswersAgain() {
        FakeKeys tenant = new FakeKeys();
        TokenKeysReadiness check = new TokenKeysReadiness(tenant, Duration.ofSeconds(1));
        assertThat(probe(check).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        tenant.attempt = () -> {
            tenant.known.set(true);
            return Uni.createFrom().item(true);
        };
        assertThat(probe(check).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(probe(check).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(tenant.attempts).as("no call to the provider once the keys are known").hasValue(2);
    }

    @Test
    void aProviderThatNeverAnswersIsNotReadyWithinTheTimeoutAndOneAttemptRunsAtATime() {
        FakeKeys tenant = new FakeKeys();
        tenant.attempt = () -> Uni.createFrom().nothing();
        TokenKeysReadiness check = new TokenKeysReadiness(tenant, Duration.ofMillis(300));

        Uni<HealthCheckResponse> first = check.call().memoize().indefinitely();
        first.subscribe().with(answer -> {
        });
        HealthCheckResponse during = probe(check);
        assertThat(during.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(during.getData().orElseThrow()).containsEntry("keys", TokenKeysReadiness.FETCHING);
        assertThat(tenant.attempts).as("a probe while an attempt runs starts none").hasValue(1);

        HealthCheckResponse timedOut = first.await().atMost(Duration.ofSeconds(5));
        assertThat(timedOut.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(timedOut.getData().orElseThrow()).containsEntry("keys", TokenKeysReadiness.UNREACHABLE);
        probe(check);
        assertThat(tenant.attempts).as("the next probe after a timed-out attempt tries again").hasValue(2);
    }
}
