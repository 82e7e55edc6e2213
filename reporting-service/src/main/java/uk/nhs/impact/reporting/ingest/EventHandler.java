package uk.nhs.impact.reporting.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

import java.util.Set;

/**
 * Applies one family's events to its read models. Runs inside the transaction that also records the event id, so an
 * event is applied once; handlers compare revisions so an older event arriving late never overwrites a newer one.
 */
public interface EventHandler {
    /** The CloudEvents types this handler applies. */
    Set<String> types();

    Uni<Void> apply(String type, String subject, JsonNode data);
}
