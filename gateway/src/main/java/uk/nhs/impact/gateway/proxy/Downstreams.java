package uk.nhs.impact.gateway.proxy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.impact.gateway.GatewayConfig;

/** Where each downstream service lives, and the pooled HTTP client that reaches them. */
@ApplicationScoped
public class Downstreams {
    @Inject
    GatewayConfig config;
    @Inject
    Vertx vertx;

    private final Map<String, URI> bases = new ConcurrentHashMap<>();
    /**
     * One pool per event loop for forwarded requests: a pool's connections live on the event loop that opened them, so a
     * request forwarded from an event loop is written, and its answer read, on that same thread, without a hand-over
     * between threads each way (a single shared pool hands out its most recently used connection, whatever its loop).
     */
    private final Map<Thread, HttpClient> forwarding = new ConcurrentHashMap<>();
    private HttpClient offLoop;

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
        return bases.computeIfAbsent(service, s -> URI.create(config.services().get(s)));
    }

    /** The client that forwards requests arriving on the calling thread: its event loop's own, else one shared pool. */
    HttpClient forwardingClient() {
        if (Context.isOnEventLoopThread()) {
            return forwarding.computeIfAbsent(Thread.currentThread(), t -> newClient(vertx));
        }
        synchronized (this) {
            if (offLoop == null) {
                offLoop = newClient(vertx);
            }
            return offLoop;
        }
    }

    /** The service's management interface (health, OpenAPI document), if configured. */
    public Optional<URI> managementOf(String service) {
        return Optional.ofNullable(config.management().get(service)).filter(url -> !url.isBlank()).map(URI::create);
    }

    @Produces
    @Singleton
    HttpClient client(Vertx vertx) {
        return newClient(vertx);
    }

    private HttpClient newClient(Vertx vertx) {
        return vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(64));
    }
}
