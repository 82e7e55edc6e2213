package uk.nhs.impact.reporting.ingest;

/** An event of a known type that cannot be applied (missing or invalid fields): it goes to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String reason) {
        super(reason, null, false, false);
    }
}
