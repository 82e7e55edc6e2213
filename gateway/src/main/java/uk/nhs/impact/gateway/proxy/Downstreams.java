package uk.nhs.impact.gateway.proxy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.impact.gateway.GatewayConfig;

/** Where each downstream service's instances live, and the pooled HTTP client that reaches them. */
@ApplicationScoped
public class Downstreams {
    @Inject
    GatewayConfig config;
    @Inject
    Vertx vertx;

    private Map<String, ServiceInstances> instances;
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

    /** The instances of a configured service. */
    public ServiceInstances instancesOf(String service) {
        ServiceInstances of = all().get(service);
        if (of == null) {
            throw new IllegalArgumentException("no service " + service + " is configured");
        }
        return of;
    }

    /** Every configured service's instances, by service name. */
    public Map<String, ServiceInstances> all() {
        return instances;
    }

    @PostConstruct
    void readConfiguration() {
        Map<String, ServiceInstances> parsed = new TreeMap<>();
        config.services().forEach((service, urls) -> parsed.put(service,
                ServiceInstances.parse(service, urls, config.management().get(service))));
        instances = java.util.Collections.unmodifiableMap(parsed);
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
