package uk.nhs.impact.platform.problem;

/** One failing field of a request: its JSON path (e.g. {@code answers[3].level}) and what is wrong. */
public record FieldError(String field, String message) {
}
