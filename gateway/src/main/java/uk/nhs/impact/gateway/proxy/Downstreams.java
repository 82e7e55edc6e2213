package uk.nhs.impact.gateway.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import uk.nhs.impact.gateway.GatewayConfig;

/** Where each downstream service lives, and the pooled HTTP client that reaches them. */
@ApplicationScoped
public class Downstreams {
    @Inject
    GatewayConfig config;

    /** The owning service of an API path ({@code /api/v1/<segment>/...}). */
    public Optional<String> serviceFor(String path) {
        String prefix = "/api/v1/";
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        return Optional.ofNullable(config.routes().get(segment));
    }

    public URI baseOf(String service) {
        return URI.create(config.services().get(service));
    }

    /** The service's management interface (health, OpenAPI document), if configured. */
    public Optional<URI> managementOf(String service) {
        return Optional.ofNullable(config.management().get(service)).filter(url -> !url.isBlank()).map(URI::create);
    }

    @Produces
    @Singleton
    HttpClient client(Vertx vertx) {
        return vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(64));
    }
}
