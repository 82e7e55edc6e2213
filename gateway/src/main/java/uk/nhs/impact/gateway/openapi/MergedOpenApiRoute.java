package uk.nhs.impact.gateway.openapi;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.info.Contact;
import org.eclipse.microprofile.openapi.models.info.Info;
import uk.nhs.impact.gateway.proxy.ServiceManagement;

/**
 * {@code GET /api/openapi.json}: one OpenAPI document for every service behind the gateway (Swagger UI reads it), built from
 * each service's own document, read from its management interface (never public, never routed by the gateway). Services
 * whose document could not be read are named in {@code x-unavailable-services}.
 */
public class MergedOpenApiRoute {
    public static final String PATH = "/api/openapi.json";
    private static final String SERVICE_DOCUMENT = "/q/openapi?format=json";

    @Inject
    ServiceManagement management;
    @ConfigProperty(name = "quarkus.smallrye-openapi.info-title")
    String title;
    @ConfigProperty(name = "quarkus.smallrye-openapi.info-description")
    String description;
    @ConfigProperty(name = "quarkus.smallrye-openapi.info-contact-name")
    String contactName;
    @ConfigProperty(name = "quarkus.smallrye-openapi.info-contact-email")
    Optional<String> contactEmail;

    void install(@Observes Router router) {
        router.get(PATH).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        management.eachService(service -> management.body(service, SERVICE_DOCUMENT, 5000).map(body -> OpenApiMerger.parse(body.getBytes())))
                .onSuccess(answers -> {
                    Map<String, OpenAPI> documents = ServiceManagement.succeeded(answers);
                    OpenAPI merged = OpenApiMerger.merge(info(), "/", documents);
                    List<String> missing = answers.keySet().stream().filter(service -> !documents.containsKey(service)).toList();
                    if (!missing.isEmpty()) {
                        merged.addExtension("x-unavailable-services", missing);
                    }
                    ctx.response().putHeader("Content-Type", "application/json").end(OpenApiMerger.toJson(merged));
                })
                .onFailure(ctx::fail);
    }

    private Info info() {
        Contact contact = OASFactory.createContact().name(contactName);
        contactEmail.filter(e -> !e.isBlank()).ifPresent(contact::setEmail);
        return OASFactory.createInfo().title(title).version("1.0").description(description).contact(contact);
    }
}
