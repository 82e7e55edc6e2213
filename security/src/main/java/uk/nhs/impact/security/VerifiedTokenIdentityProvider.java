package uk.nhs.impact.security;

import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies each bearer token once: the first request with a token goes to Quarkus OIDC (signature, issuer, audience,
 * algorithm, expiry); what it verified is kept until the token's {@code exp} ({@link VerifiedTokens}), and later requests
 * with exactly the same token reuse it, bound to their own request. A token that fails verification is never kept, so it
 * fails every time. Runs before the OIDC provider (higher priority) and delegates to it on a miss.
 */
@ApplicationScoped
public class VerifiedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    static final Duration KEY_REFRESH_WAIT = Duration.ofMillis(250);
    static final int KEY_REFRESH_RETRIES = 3;

    private final OidcIdentityProvider oidc;
    private final VerifiedTokens<SecurityIdentity> verified;
    private final Clock clock;
    private final LongAdder verifications = new LongAdder();

    VerifiedTokenIdentityProvider(OidcIdentityProvider oidc,
            @ConfigProperty(name = "impact.security.verified-tokens.max-size", defaultValue = "4096") int maxSize) {
        this.oidc = oidc;
        this.verified = new VerifiedTokens<>(maxSize);
        this.clock = Clock.systemUTC();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return IdentityProvider.SYSTEM_FIRST + 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        SecurityIdentity known = verified.get(token, clock.instant().getEpochSecond());
        if (known != null) {
            return Uni.createFrom().item(boundTo(known, request, context));
        }
        verifications.increment();
        return Uni.createFrom().deferred(() -> oidc.authenticate(request, context))
                .onFailure(VerifiedTokenIdentityProvider::signedByAnUnknownKey).retry().withBackOff(KEY_REFRESH_WAIT, KEY_REFRESH_WAIT)
                .atMost(KEY_REFRESH_RETRIES)
                .invoke(identity -> keep(token, identity));
    }

    /**
     * Whether verification failed because the token names a signing key this instance does not know. Quarkus OIDC then
     * reads the realm's keys again, but only one request at a time starts that read (at most once per
     * {@code quarkus.oidc.token.forced-jwk-refresh-interval}): the other requests that arrive with tokens signed by a
     * new key while it runs, after a key rotation or an identity provider restarted with new keys, would fail. They are
     * verified again after {@link #KEY_REFRESH_WAIT}, at most {@link #KEY_REFRESH_RETRIES} times; a token whose key
     * the realm does not have fails as before, a little later.
     */
    static boolean signedByAnUnknownKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvableKeyException || String.valueOf(t.getMessage()).contains(UnresolvableKeyException.class.getName())) {
                return true;
            }
        }
        return false;
    }

    /** How many tokens this instance has sent to full verification (a cache miss each). */
    public long verifications() {
        return verifications.sum();
    }

    private void keep(String token, SecurityIdentity identity) {
        if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            verified.put(token, identity, jwt.getExpirationTime(), clock.instant().getEpochSecond());
        }
    }

    /** The verified identity with this request's own context in place of the first request's. */
    private static SecurityIdentity boundTo(SecurityIdentity known, TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(known);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            builder.addAttribute(RoutingContext.class.getName(), routing);
        }
        builder.addAttribute(AuthenticationRequestContext.class.getName(), context);
        return builder.build();
    }
}
