package uk.nhs.impact.gateway.openapi;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.impact.gateway.GatewayConfig;
import uk.nhs.impact.gateway.proxy.Downstreams;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/openapi.json}: one OpenAPI document for every service behind the gateway (Swagger UI reads it), built from
 * each service's own document, read from its management interface (never public, never routed by the gateway).
 */
public class MergedOpenApiRoute {
    public static final String PATH = "/api/openapi.json";

    @Inject
    GatewayConfig config;
    @Inject
    Downstreams downstreams;
    @Inject
    HttpClient client;
    @ConfigProperty(name = "quarkus.smallrye-openapi.info-title")
    String title;
    @ConfigProperty(name = "quarkus.smallrye-openapi.info-description")
    String description;
    @ConfigProperty(name = "quarkus.smallrye-openapi.info-contact-name")
    String contactName;
    @ConfigProperty(name = "quarkus.smallrye-openapi.info-contact-email")
    java.util.Optional<String> contactEmail;

    void install(@Observes Router router) {
        router.get(PATH).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        Map<String, JsonObject> docs = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        List<Future<?>> fetches = new ArrayList<>();
        config.services().keySet().forEach(service -> fetches.add(fetch(service).onComplete(ar -> {
            synchronized (docs) {
                if (ar.succeeded()) {
                    docs.put(service, ar.result());
                } else {
                    missing.add(service);
                }
            }
        })));
        Future.join(fetches).onComplete(done -> {
            JsonObject contact = new JsonObject().put("name", contactName);
            contactEmail.filter(e -> !e.isBlank()).ifPresent(e -> contact.put("email", e));
            JsonObject info = new JsonObject().put("title", title).put("version", "1.0").put("description", description).put("contact", contact);
            JsonObject merged = OpenApiMerger.merge(info, "/", docs);
            if (!missing.isEmpty()) {
                merged.put("x-unavailable-services", new JsonArray(missing.stream().sorted().toList()));
            }
            ctx.response().putHeader("Content-Type", "application/json").end(merged.encodePrettily());
        });
    }

    private Future<JsonObject> fetch(String service) {
        URI base = downstreams.managementOf(service).orElse(null);
        if (base == null) {
            return Future.failedFuture("no management interface configured for " + service);
        }
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost()).setPort(base.getPort())
                        .setURI("/q/openapi?format=json").setIdleTimeout(5000))
                .compose(req -> req.putHeader("Accept", "application/json").send())
                .compose(resp -> resp.statusCode() == 200 ? resp.body() : Future.failedFuture("status " + resp.statusCode()))
                .map(body -> body.toJsonObject());
    }

}
