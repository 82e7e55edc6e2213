package uk.nhs.impact.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import uk.nhs.impact.gateway.GatewayConfig;

/**
 * Calls on the services' management interfaces (readiness, OpenAPI documents), which the gateway reads but never routes
 * to: one call to every service at once, each answer kept by service name.
 */
@ApplicationScoped
public class ServiceManagement {
    @Inject
    GatewayConfig config;
    @Inject
    Downstreams downstreams;
    @Inject
    HttpClient client;

    /**
     * Runs {@code call} for every configured service at once. The result completes when every call has, successfully or
     * not, and holds each call's completed future by service name, in name order.
     */
    public <T> Future<SortedMap<String, Future<T>>> eachService(Function<String, Future<T>> call) {
        SortedMap<String, Future<T>> calls = new TreeMap<>();
        config.services().keySet().forEach(service -> calls.put(service, call.apply(service)));
        return Future.join(new ArrayList<>(calls.values())).transform(done -> Future.succeededFuture(calls));
    }

    /**
     * {@code GET uri} on the management interface of one of the service's instances, ready ones first, the next one tried
     * when an instance cannot be reached; fails when none can.
     */
    public Future<HttpClientResponse> get(String service, String uri, long idleTimeoutMillis) {
        return get(downstreams.instancesOf(service), new HashSet<>(), uri, idleTimeoutMillis);
    }

    private Future<HttpClientResponse> get(ServiceInstances instances, Set<ServiceInstances.Instance> tried, String uri, long idleTimeoutMillis) {
        ServiceInstances.Instance instance = instances.next(tried);
        tried.add(instance);
        Future<HttpClientResponse> answer = get(instance, uri, idleTimeoutMillis);
        return tried.size() == instances.all().size() ? answer : answer.recover(failed -> get(instances, tried, uri, idleTimeoutMillis));
    }

    /** {@code GET uri} on the instance's management interface; fails when it has none configured. */
    public Future<HttpClientResponse> get(ServiceInstances.Instance instance, String uri, long idleTimeoutMillis) {
        URI base = instance.management();
        if (base == null) {
            return Future.failedFuture("no management interface configured for " + instance);
        }
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost()).setPort(base.getPort())
                .setURI(uri).setIdleTimeout(idleTimeoutMillis))
                .compose(req -> req.putHeader("Accept", "application/json").send());
    }

    /** The body of a {@code GET uri} that answered 200; any other status fails. */
    public Future<Buffer> body(String service, String uri, long idleTimeoutMillis) {
        return get(service, uri, idleTimeoutMillis)
                .compose(resp -> resp.statusCode() == 200 ? resp.body() : Future.failedFuture("status " + resp.statusCode()));
    }

    /** Completed futures by name, as {@link #eachService} returns them. */
    public static <T> Map<String, T> succeeded(Map<String, Future<T>> answers) {
        Map<String, T> values = new TreeMap<>();
        answers.forEach((service, answer) -> {
            if (answer.succeeded()) {
                values.put(service, answer.result());
            }
        });
        return values;
    }
}
