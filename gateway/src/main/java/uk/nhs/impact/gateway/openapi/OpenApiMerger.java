package uk.nhs.impact.gateway.openapi;

import io.smallrye.openapi.api.OpenApiConfig;
import io.smallrye.openapi.api.util.FilterUtil;
import io.smallrye.openapi.runtime.io.Format;
import io.smallrye.openapi.runtime.io.OpenApiParser;
import io.smallrye.openapi.runtime.io.OpenApiSerializer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.info.Info;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Merges the services' OpenAPI documents, read into SmallRye's OpenAPI model, into one: all paths, all tags (the first
 * description of a name wins), the security schemes and the component schemas. A schema name two services define
 * differently is renamed {@code <service>.<Name>} in the second, with its references rewritten; an operation id two
 * services share is prefixed with the second service's name. Other components of a service's document, its servers,
 * info and top-level security are not carried over: the merged document has its own.
 * <p>
 * Every operation also documents the gateway's own answers ({@link GatewayAnswers}). Roles a service requires are listed
 * in {@code x-required-roles}: bearer security requirements carry no scopes.
 */
public final class OpenApiMerger {
    /** The order operations are visited in, which decides which of two same-id operations in one service keeps its id. */
    private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE,
            HttpMethod.OPTIONS, HttpMethod.HEAD, HttpMethod.PATCH, HttpMethod.TRACE);
    private static final String SCHEMAS = "#/components/schemas/";
    static final String SERVER_DESCRIPTION = "The gateway that served this document: the one entry point for trust and ICB "
            + "systems, analysts and regional teams in every environment (local, staging, production)";

    private OpenApiMerger() {
    }

    /** A service's OpenAPI document (JSON) in the model. */
    public static OpenAPI parse(byte[] json) {
        return OpenApiParser.parse(new ByteArrayInputStream(json), Format.JSON, OpenApiConfig.fromConfig(ConfigProvider.getConfig()));
    }

    public static String toJson(OpenAPI document) {
        try {
            return OpenApiSerializer.serialize(document, Format.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One document for the services' documents (by service name; they are changed in place). */
    public static OpenAPI merge(Info info, String serverUrl, Map<String, OpenAPI> byService) {
        Components components = OASFactory.createComponents();
        OpenAPI merged = OASFactory.createOpenAPI().openapi("3.1.0").info(info)
                .addServer(OASFactory.createServer().url(serverUrl).description(SERVER_DESCRIPTION).addExtension("x-internal", false))
                .tags(new ArrayList<>()).paths(OASFactory.createPaths()).components(components);
        Set<String> operationIds = new HashSet<>();
        new TreeMap<>(byService).forEach((service, doc) -> {
            addSchemas(service, doc, components);
            addPaths(service, doc, merged, operationIds);
            if (doc.getComponents() != null && doc.getComponents().getSecuritySchemes() != null) {
                doc.getComponents().getSecuritySchemes().forEach(components::addSecurityScheme);
            }
            for (Tag tag : doc.getTags() == null ? List.<Tag>of() : doc.getTags()) {
                if (merged.getTags().stream().noneMatch(seen -> seen.getName().equals(tag.getName()))) {
                    merged.addTag(tag);
                }
            }
        });
        GatewayAnswers.addComponents(components);
        if (components.getSecuritySchemes() != null && components.getSecuritySchemes().containsKey("bearer")) {
            merged.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
        }
        return merged;
    }

    /** The service's schemas, those whose name another service already defines differently renamed (and referred to so). */
    private static void addSchemas(String service, OpenAPI doc, Components merged) {
        Map<String, Schema> own = doc.getComponents() == null || doc.getComponents().getSchemas() == null
                ? Map.of()
                : new LinkedHashMap<>(doc.getComponents().getSchemas());
        Map<String, Schema> seen = merged.getSchemas() == null ? Map.of() : merged.getSchemas();
        Set<String> clashes = new HashSet<>();
        own.forEach((name, schema) -> {
            if (seen.containsKey(name) && !seen.get(name).equals(schema)) {
                clashes.add(name);
            }
        });
        if (!clashes.isEmpty()) {
            FilterUtil.applyFilter(new OASFilter() {
                @Override
                public Schema filterSchema(Schema schema) {
                    String ref = schema.getRef();
                    if (ref != null && ref.startsWith(SCHEMAS) && clashes.contains(ref.substring(SCHEMAS.length()))) {
                        schema.setRef(SCHEMAS + service + "." + ref.substring(SCHEMAS.length()));
                    }
                    return schema;
                }
            }, doc);
        }
        own.forEach((name, schema) -> merged.addSchema(clashes.contains(name) ? service + "." + name : name, schema));
    }

    private static void addPaths(String service, OpenAPI doc, OpenAPI merged, Set<String> operationIds) {
        if (doc.getPaths() == null || doc.getPaths().getPathItems() == null) {
            return;
        }
        doc.getPaths().getPathItems().forEach((path, item) -> {
            for (HttpMethod method : METHODS) {
                Operation op = item.getOperations().get(method);
                if (op != null) {
                    GatewayAnswers.document(op);
                    rolesOutOfScopes(op);
                    String id = op.getOperationId();
                    if (id != null && !operationIds.add(id)) {
                        op.setOperationId(service + "_" + id);
                        operationIds.add(service + "_" + id);
                    }
                }
            }
            PathItem existing = merged.getPaths().getPathItem(path);
            if (existing == null) {
                merged.getPaths().addPathItem(path, item);
            } else {
                shared(service, existing, item);
            }
        });
    }

    /**
     * A path more than one service serves (the FHIR base, where the gateway picks the service by the resource asked for): one
     * operation per method, the first service's, whose description also gives each other service's summary and description.
     */
    private static void shared(String service, PathItem existing, PathItem item) {
        for (HttpMethod method : METHODS) {
            Operation op = item.getOperations().get(method);
            Operation first = existing.getOperations().get(method);
            if (op == null) {
                continue;
            }
            if (first == null) {
                existing.setOperation(method, op);
                continue;
            }
            String also = (op.getSummary() == null ? "" : op.getSummary()) + (op.getDescription() == null ? "" : ". " + op.getDescription());
            if (!also.isBlank() && !also.equals(first.getSummary())) {
                first.setDescription((first.getDescription() == null ? "" : first.getDescription() + "\n\n") + "Also (" + service + "): " + also);
            }
        }
    }

    /** {@code [{"bearer": ["submitter"]}]} becomes {@code [{"bearer": []}]} with {@code x-required-roles: ["submitter"]}. */
    private static void rolesOutOfScopes(Operation op) {
        if (op.getSecurity() == null) {
            return;
        }
        Set<String> roles = new TreeSet<>();
        List<SecurityRequirement> cleaned = new ArrayList<>();
        for (SecurityRequirement requirement : op.getSecurity()) {
            SecurityRequirement plain = OASFactory.createSecurityRequirement();
            requirement.getSchemes().forEach((scheme, scopes) -> {
                roles.addAll(scopes);
                plain.addScheme(scheme);
            });
            cleaned.add(plain);
        }
        op.setSecurity(cleaned);
        if (!roles.isEmpty()) {
            op.addExtension("x-required-roles", new ArrayList<>(roles));
        }
    }
}
