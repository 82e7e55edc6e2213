package uk.nhs.impact.reporting.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads an event's payload as its contract record, once per event, as a tolerant reader: fields this release does not
 * know are ignored. A payload that is not a JSON object of the record's shape is a poison event, with the reason.
 */
public final class EventReader {
    private final ObjectMapper json;

    public EventReader(ObjectMapper mapper) {
        this.json = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public <T> T read(String data, Class<T> payload) {
        return readTree(tree(data), payload);
    }

    /** The payload as a JSON object; a poison event when it is not one. */
    public ObjectNode tree(String data) {
        JsonNode tree;
        try {
            tree = json.readTree(data == null ? "" : data);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("payload is not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new PoisonEventException("payload is not a JSON object");
        }
        return (ObjectNode) tree;
    }

    /** A payload already read as a JSON object, as its contract record. */
    public <T> T readTree(ObjectNode tree, Class<T> payload) {
        try {
            return json.treeToValue(tree, payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonEventException("payload is not a " + payload.getSimpleName() + ": " + e.getMessage());
        }
    }
}
