package uk.nhs.impact.reporting.ingest;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Applies one family's events to its read models. Runs inside the transaction that also records the events' ids, so an
 * event is applied once; handlers compare revisions so an older event arriving late never overwrites a newer one.
 */
public interface EventHandler {
    /** The event types this handler applies, each with the contract record its payload is read as. */
    List<EventRoute<?>> routes();

    /**
     * Inside the caller's transaction: applies the changes its routes read from a batch's new events, given in event order,
     * set-wise, leaving the read models exactly as applying them one at a time in that order would.
     */
    Uni<Void> applyAll(List<Object> changes);
}
