package uk.nhs.impact.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import uk.nhs.impact.gateway.GatewayConfig;
import uk.nhs.impact.gateway.proxy.Downstreams;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway is ready only when every service behind it is (its readiness read from its management interface); each
 * service's state is listed.
 */
@Readiness
@ApplicationScoped
public class DownstreamReadiness implements AsyncHealthCheck {
    @Inject
    GatewayConfig config;
    @Inject
    Downstreams downstreams;
    @Inject
    HttpClient client;

    @Override
    public Uni<HealthCheckResponse> call() {
        Map<String, String> states = new TreeMap<>();
        List<Future<?>> probes = new ArrayList<>();
        config.services().keySet().forEach(service -> probes.add(probe(service).onComplete(ar -> {
            synchronized (states) {
                states.put(service, ar.succeeded() && ar.result() ? "UP" : "DOWN");
            }
        })));
        return Uni.createFrom().completionStage(Future.join(probes).toCompletionStage())
                .onFailure().recoverWithNull()
                .map(ignored -> {
                    HealthCheckResponseBuilder b = HealthCheckResponse.named("downstream services");
                    states.forEach(b::withData);
                    return b.status(!states.isEmpty() && states.values().stream().allMatch("UP"::equals)).build();
                });
    }

    private Future<Boolean> probe(String service) {
        URI base = downstreams.managementOf(service).orElse(null);
        if (base == null) {
            return Future.succeededFuture(false);
        }
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost()).setPort(base.getPort())
                        .setURI("/q/health/ready").setIdleTimeout(3000))
                .compose(req -> req.send())
                .map(resp -> resp.statusCode() == 200);
    }
}
