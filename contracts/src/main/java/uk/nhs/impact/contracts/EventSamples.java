package uk.nhs.impact.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pinned JSON of every event type, one sample per type and version ({@code samples/<type>.json} beside this class), and
 * the comparison producers' and consumers' tests make with it: the field paths an event has that its sample has not, and
 * the reverse. Objects keyed by data (the question codes of {@code answers}) count as one field, {@code *}; array
 * elements as {@code []}, so {@code answers[].levelOrdinal} or {@code answers.*.text}.
 */
public final class EventSamples {
    /** Fields whose object is keyed by data (question codes), not by field names. */
    private static final Set<String> KEYED_BY_DATA = Set.of("answers");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventSamples() {
    }

    /** The sample of {@code type} as text, exactly as stored. */
    public static String text(String type) {
        String name = "samples/" + type + ".json";
        try (InputStream in = EventSamples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample for event type " + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample of {@code type} as a JSON tree. */
    public static JsonNode json(String type) {
        return parse(text(type));
    }

    /** The sample of {@code type} read as its contract record. */
    public static Record payload(String type) {
        try {
            return JSON.treeToValue(json(type), EventTypes.payloadOf(type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sample of " + type + " does not read as its record", e);
        }
    }

    /** How {@code event} differs in shape from the sample of {@code type}. */
    public static Shape compare(String type, JsonNode event) {
        Set<String> sample = fieldPaths(json(type));
        Set<String> actual = fieldPaths(event);
        Set<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(sample);
        Set<String> absent = new TreeSet<>(sample);
        absent.removeAll(actual);
        return new Shape(unexpected, absent);
    }

    /** {@link #compare(String, JsonNode)} for an event as text, e.g. an outbox row's payload. */
    public static Shape compare(String type, String event) {
        return compare(type, parse(event));
    }

    /**
     * The sample's paths of the top-level {@code fields} and of everything below them, e.g. {@code signOff} and
     * {@code signOff.minuteReference}: what a producer's event leaves out when it omits those optional fields.
     */
    public static Set<String> paths(String type, String... fields) {
        Set<String> out = new TreeSet<>();
        for (String path : fieldPaths(json(type))) {
            for (String field : fields) {
                if (path.equals(field) || path.startsWith(field + ".") || path.startsWith(field + "[]")) {
                    out.add(path);
                }
            }
        }
        return out;
    }

    /** The event types of one aggregate, e.g. {@code survey} for every {@code uk.nhs.impact.survey.*} type. */
    public static Set<String> typesOf(String aggregate) {
        Set<String> out = new TreeSet<>();
        for (String type : EventTypes.all()) {
            if (type.startsWith(EventTypes.PREFIX + aggregate + ".")) {
                out.add(type);
            }
        }
        return out;
    }

    /** Every field path of {@code node}, e.g. {@code organisation.odsCode}, {@code answers[].levelOrdinal}, {@code answers.*}. */
    public static Set<String> fieldPaths(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, "", false, out);
        return out;
    }

    private static void collect(JsonNode node, String path, boolean keyedByData, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = (path.isEmpty() ? "" : path + ".") + (keyedByData ? "*" : field.getKey());
                out.add(child);
                collect(field.getValue(), child, !keyedByData && KEYED_BY_DATA.contains(field.getKey()), out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                out.add(path + "[]");
                collect(element, path + "[]", false, out);
            }
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The difference in shape: {@code unexpected} are paths the event has and the sample has not (a field the contract does
     * not define, or a renamed one); {@code absent} are paths the sample has and the event has not (optional fields left out).
     */
    public record Shape(Set<String> unexpected, Set<String> absent) {
        public boolean same() {
            return unexpected.isEmpty() && absent.isEmpty();
        }
    }
}
