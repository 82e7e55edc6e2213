package uk.nhs.impact.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The published schemas in {@code deploy/kubernetes/schemas} (see its README), made strict: an object that lists its
 * properties allows no others (as {@code kubectl apply --validate=strict} and the API server's field validation refuse
 * unknown fields), unless it says it keeps unknown fields. Validated with networknt's JSON Schema validator (draft 4,
 * which the Kubernetes OpenAPI and CRD schemas follow).
 */
final class ManifestSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CORE_PACKAGES = Map.of("v1", "core.v1", "apps/v1", "apps.v1", "policy/v1", "policy.v1",
            "autoscaling/v2", "autoscaling.v2", "networking.k8s.io/v1", "networking.v1");

    private final Path dir;
    private final JsonNode definitions;
    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    ManifestSchemas(Path dir) throws IOException {
        this.dir = dir;
        ObjectNode defs = (ObjectNode) JSON.readTree(dir.resolve("kubernetes.json").toFile()).get("definitions");
        // an int-or-string is written as either in a manifest; the OpenAPI document says only "format: int-or-string"
        defs.set("io.k8s.apimachinery.pkg.util.intstr.IntOrString", JSON.readTree("{\"type\":[\"integer\",\"string\"]}"));
        strict(defs);
        this.definitions = defs;
    }

    /** What is wrong with {@code doc} against its kind's schema; empty when it is valid. */
    Set<ValidationMessage> validate(JsonNode doc) throws IOException {
        return schema(doc.path("apiVersion").asText(), doc.path("kind").asText()).validate(doc);
    }

    private JsonSchema schema(String apiVersion, String kind) throws IOException {
        String key = apiVersion + " " + kind;
        JsonSchema known = schemas.get(key);
        if (known != null) {
            return known;
        }
        JsonNode schema;
        String core = CORE_PACKAGES.get(apiVersion);
        if (core != null) {
            String name = "io.k8s.api." + core + "." + kind;
            if (!definitions.has(name)) {
                throw new IllegalArgumentException("no schema for " + key + " in kubernetes.json");
            }
            ObjectNode root = JSON.createObjectNode();
            root.set("definitions", definitions);
            root.put("$ref", "#/definitions/" + name);
            schema = root;
        } else {
            String[] groupVersion = apiVersion.split("/");
            Path file = dir.resolve(groupVersion[0] + "_" + kind.toLowerCase(Locale.ROOT) + "s_" + groupVersion[1] + ".json");
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("no schema for " + key + ": " + file.getFileName() + " is missing");
            }
            ObjectNode crd = (ObjectNode) JSON.readTree(file.toFile());
            ObjectNode properties = (ObjectNode) crd.get("properties");
            // a CRD's schema may leave out the fields every object has
            properties.putIfAbsent("apiVersion", JSON.readTree("{\"type\":\"string\"}"));
            properties.putIfAbsent("kind", JSON.readTree("{\"type\":\"string\"}"));
            properties.putIfAbsent("metadata", JSON.readTree("{\"type\":\"object\"}"));
            strict(crd);
            schema = crd;
        }
        JsonSchema made = factory.getSchema(schema);
        schemas.put(key, made);
        return made;
    }

    /** Objects that list their properties get no others, unless marked to keep unknown fields. */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && object.get("properties").isObject() && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            List.copyOf(object.properties()).forEach(e -> strict(e.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(ManifestSchemas::strict);
        }
    }
}
