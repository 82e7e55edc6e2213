package uk.nhs.impact.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.AuthenticationFailedException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.UnresolvableKeyException;
import org.junit.jupiter.api.Test;

class UnknownSigningKeyTest {
    @Test
    void aTokenSignedByAKeyNotYetReadIsVerifiedAgain() {
        UnresolvableKeyException unknown = new UnresolvableKeyException("JWK with kid 'k2' is not available");
        assertThat(VerifiedTokenIdentityProvider.signedByAnUnknownKey(unknown)).isTrue();
        assertThat(VerifiedTokenIdentityProvider.signedByAnUnknownKey(
                new AuthenticationFailedException(new IllegalStateException("wrapped", unknown), java.util.Map.of())))
                .as("anywhere in the causes").isTrue();
        // as jose4j reports it when the key resolver fails inside the consumer: the cause named in the message
        assertThat(VerifiedTokenIdentityProvider.signedByAnUnknownKey(new InvalidJwtException(
                "JWT processing failed. Additional details: [[17] Unable to process JOSE object (cause: org.jose4j.lang.UnresolvableKeyException: "
                        + "JWK with kid 'k2' is not available)]",
                java.util.List.of(), null))).isTrue();
    }

    @Test
    void anyOtherFailureIsFinal() {
        assertThat(VerifiedTokenIdentityProvider.signedByAnUnknownKey(new AuthenticationFailedException("expired"))).isFalse();
        assertThat(VerifiedTokenIdentityProvider.signedByAnUnknownKey(new InvalidJwtException(
                "JWT processing failed. Additional details: [[1] The JWT is no longer valid]", java.util.List.of(), null))).isFalse();
        assertThat(VerifiedTokenIdentityProvider.signedByAnUnknownKey(new IllegalStateException())).isFalse();
    }
}
