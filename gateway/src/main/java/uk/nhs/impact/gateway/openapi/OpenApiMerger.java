package uk.nhs.impact.gateway.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the services' OpenAPI documents into one: all paths, all tags, and component schemas. A schema name two services
 * define differently is renamed {@code <service>.<Name>} in the second, with its references rewritten.
 */
public final class OpenApiMerger {
    private OpenApiMerger() {
    }

    public static JsonObject merge(JsonObject info, String serverUrl, Map<String, JsonObject> byService) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        JsonObject securitySchemes = new JsonObject();
        JsonArray tags = new JsonArray();
        for (Map.Entry<String, JsonObject> entry : new TreeMap<>(byService).entrySet()) {
            String service = entry.getKey();
            JsonObject doc = entry.getValue();
            JsonObject own = doc.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
            String text = doc.encode();
            for (String name : own.fieldNames()) {
                if (schemas.containsKey(name) && !schemas.getJsonObject(name).equals(own.getJsonObject(name))) {
                    text = text.replace("\"#/components/schemas/" + name + "\"", "\"#/components/schemas/" + service + "." + name + "\"");
                }
            }
            JsonObject rewritten = new JsonObject(text);
            JsonObject rewrittenSchemas = rewritten.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
            for (String name : rewrittenSchemas.fieldNames()) {
                boolean clash = schemas.containsKey(name) && !schemas.getJsonObject(name).equals(rewrittenSchemas.getJsonObject(name));
                schemas.put(clash ? service + "." + name : name, rewrittenSchemas.getJsonObject(name));
            }
            rewritten.getJsonObject("paths", new JsonObject()).forEach(p -> paths.put(p.getKey(), p.getValue()));
            securitySchemes.mergeIn(rewritten.getJsonObject("components", new JsonObject()).getJsonObject("securitySchemes", new JsonObject()));
            rewritten.getJsonArray("tags", new JsonArray()).forEach(t -> {
                if (!tags.contains(t)) {
                    tags.add(t);
                }
            });
        }
        JsonObject components = new JsonObject().put("schemas", schemas);
        if (!securitySchemes.isEmpty()) {
            components.put("securitySchemes", securitySchemes);
        }
        JsonObject merged = new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", info)
                .put("servers", new JsonArray().add(new JsonObject().put("url", serverUrl)))
                .put("tags", tags)
                .put("paths", paths)
                .put("components", components);
        if (securitySchemes.containsKey("bearer")) {
            merged.put("security", new JsonArray().add(new JsonObject().put("bearer", new JsonArray())));
        }
        return merged;
    }
}
