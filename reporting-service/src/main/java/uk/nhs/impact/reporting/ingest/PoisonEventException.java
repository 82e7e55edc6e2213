package uk.nhs.impact.reporting.ingest;

/** An event of a known type that cannot be applied (missing or invalid fields): it goes to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String reason) {
        super(reason, null, false, false);
    }

    /** Reads a required text field or fails as poison naming it. */
    public static String required(com.fasterxml.jackson.databind.JsonNode node, String field) {
        com.fasterxml.jackson.databind.JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new PoisonEventException("missing field " + field);
        }
        return v.asText();
    }
}
