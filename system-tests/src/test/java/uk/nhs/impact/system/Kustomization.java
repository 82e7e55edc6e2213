package uk.nhs.impact.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a Kustomize directory as {@code kubectl apply -k} would, for the parts of Kustomize the manifests use: resources
 * (files, and directories with their own kustomization), {@code namespace}, {@code images} (new tag or name),
 * {@code replicas}, and {@code patches} of JSON Patch operations on targets chosen by kind and name. Any other field fails
 * the render, so a manifest that uses more of Kustomize is not validated by guesswork.
 */
final class Kustomization {
    static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "images", "replicas", "patches");
    /** Kinds whose replicas Kustomize's {@code replicas} field sets. */
    private static final Set<String> SCALABLE = Set.of("Deployment", "ReplicaSet", "StatefulSet", "ReplicationController");
    /** Kinds that live outside any namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomization() {
    }

    /** Every document the directory renders to. */
    static List<ObjectNode> render(Path dir) throws IOException {
        ObjectNode k = (ObjectNode) YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        for (Iterator<String> names = k.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalStateException(dir + "/kustomization.yaml uses " + name + ", which this renderer does not know");
            }
        }
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode resource : k.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                docs.addAll(render(path));
            } else {
                docs.addAll(read(path));
            }
        }
        if (k.has("namespace")) {
            docs.stream().filter(d -> !CLUSTER_SCOPED.contains(d.path("kind").asText()))
                    .forEach(d -> ((ObjectNode) d.path("metadata")).put("namespace", k.get("namespace").asText()));
        }
        for (JsonNode image : k.path("images")) {
            String name = image.get("name").asText();
            int used = 0;
            for (ObjectNode doc : docs) {
                for (JsonNode container : doc.path("spec").path("template").path("spec").path("containers")) {
                    String current = container.path("image").asText();
                    if (current.equals(name) || current.startsWith(name + ":")) {
                        String newName = image.path("newName").asText(name);
                        String tag = image.has("newTag") ? image.get("newTag").asText() : current.substring(Math.min(current.length(), name.length() + 1));
                        ((ObjectNode) container).put("image", tag.isEmpty() ? newName : newName + ":" + tag);
                        used++;
                    }
                }
            }
            require(used > 0, dir + ": image " + name + " is used by no container");
        }
        for (JsonNode replicas : k.path("replicas")) {
            List<ObjectNode> targets = select(docs, null, replicas.get("name").asText()).stream()
                    .filter(d -> SCALABLE.contains(d.path("kind").asText())).toList();
            require(!targets.isEmpty(), dir + ": replicas for " + replicas.get("name").asText() + ", which is not there");
            targets.forEach(t -> ((ObjectNode) t.get("spec")).put("replicas", replicas.get("count").asInt()));
        }
        for (JsonNode patch : k.path("patches")) {
            JsonNode target = patch.get("target");
            List<ObjectNode> targets = select(docs, target.path("kind").asText(null), target.path("name").asText(null));
            require(!targets.isEmpty(), dir + ": a patch targets nothing: " + target);
            ArrayNode ops = (ArrayNode) YAML.readTree(patch.get("patch").asText());
            for (ObjectNode doc : targets) {
                for (JsonNode op : ops) {
                    apply(doc, op, dir);
                }
            }
        }
        return docs;
    }

    /** The documents of one YAML file. */
    static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (var parser = YAML.createParser(file.toFile())) {
            YAML.readValues(parser, ObjectNode.class).forEachRemaining(d -> {
                if (d != null && !d.isEmpty()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    private static List<ObjectNode> select(List<ObjectNode> docs, String kind, String name) {
        return docs.stream().filter(d -> kind == null || kind.equals(d.path("kind").asText()))
                .filter(d -> name == null || name.equals(d.path("metadata").path("name").asText())).toList();
    }

    /** One JSON Patch (RFC 6902) operation: replace, add or remove. */
    private static void apply(ObjectNode doc, JsonNode op, Path dir) {
        String path = op.get("path").asText();
        String[] tokens = path.substring(1).split("/");
        JsonNode parent = doc;
        for (int i = 0; i < tokens.length - 1; i++) {
            parent = child(parent, unescape(tokens[i]));
            require(parent != null && !parent.isMissingNode(), dir + ": patch path " + path + " is not in " + name(doc));
        }
        String last = unescape(tokens[tokens.length - 1]);
        String kind = op.get("op").asText();
        JsonNode value = op.get("value");
        if (parent instanceof ArrayNode array) {
            int index = last.equals("-") ? array.size() : Integer.parseInt(last);
            switch (kind) {
                case "replace" -> {
                    require(index < array.size(), dir + ": patch path " + path + " is not in " + name(doc));
                    array.set(index, value);
                }
                case "add" -> array.insert(index, value);
                case "remove" -> array.remove(index);
                default -> throw new IllegalStateException(dir + ": patch operation " + kind + " is not supported here");
            }
        } else {
            ObjectNode object = (ObjectNode) parent;
            switch (kind) {
                case "replace" -> {
                    require(object.has(last), dir + ": patch path " + path + " is not in " + name(doc));
                    object.set(last, value);
                }
                case "add" -> object.set(last, value);
                case "remove" -> object.remove(last);
                default -> throw new IllegalStateException(dir + ": patch operation " + kind + " is not supported here");
            }
        }
    }

    private static JsonNode child(JsonNode node, String token) {
        return node.isArray() ? node.get(Integer.parseInt(token)) : node.get(token);
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    static String name(JsonNode doc) {
        return doc.path("kind").asText() + " " + doc.path("metadata").path("name").asText();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
