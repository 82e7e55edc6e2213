package uk.nhs.impact.security;

import io.quarkus.oidc.runtime.TenantConfigBean;
import io.quarkus.oidc.runtime.TenantConfigContext;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once this instance can verify tokens: the realm's signing keys have been read from the identity provider.
 * An instance started while the identity provider is down starts all the same (Quarkus OIDC then knows no keys), and
 * without this check it would report itself ready and refuse every request a load balancer sends it. While the keys are
 * not known, each probe tries once more to read them (at most one attempt at a time, answered within
 * {@code fetchTimeout}), so the instance turns ready by itself soon after the provider is back, with no request needed.
 * Once the keys are known the check never calls the provider again: an instance already running keeps serving the tokens
 * already issued through an outage, as it should.
 */
@Readiness
@ApplicationScoped
public class TokenKeysReadiness implements AsyncHealthCheck {
    static final String NAME = "token verification keys";
    static final String KNOWN = "known";
    static final String FETCHING = "not known: being read from the identity provider";
    static final String UNREACHABLE = "not known: the identity provider did not answer; no token can be verified until it does";

    /** The realm's signing keys as this instance holds them. */
    interface Keys {
        /** Whether they are known (read from the identity provider). */
        boolean known();

        /** Reads them from the identity provider; answers whether they are known afterwards. */
        Uni<Boolean> fetch();
    }

    private final Keys keys;
    private final Duration fetchTimeout;
    private final AtomicBoolean fetching = new AtomicBoolean();

    @Inject
    TokenKeysReadiness(TenantConfigBean tenants) {
        this(new Keys() {
            @Override
            public boolean known() {
                return tenants.getDefaultTenant().ready();
            }

            @Override
            public Uni<Boolean> fetch() {
                // the default tenant, not yet created when the provider was down at start, is created now
                return tenants.getDefaultTenant().initialize().map(TenantConfigContext::ready);
            }
        }, Duration.ofSeconds(5));
    }

    TokenKeysReadiness(Keys keys, Duration fetchTimeout) {
        this.keys = keys;
        this.fetchTimeout = fetchTimeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (keys.known()) {
            return Uni.createFrom().item(response(true, KNOWN));
        }
        if (!fetching.compareAndSet(false, true)) {
            return Uni.createFrom().item(response(false, FETCHING));
        }
        return Uni.createFrom().deferred(keys::fetch)
                .ifNoItem().after(fetchTimeout).recoverWithItem(false)
                .onFailure().recoverWithItem(false)
                .eventually(() -> fetching.set(false))
                .map(ready -> response(ready, ready ? KNOWN : UNREACHABLE));
    }

    private static HealthCheckResponse response(boolean up, String keys) {
        return HealthCheckResponse.named(NAME).status(up).withData("keys", keys).build();
    }
}
