package uk.nhs.impact.reporting.ingest;

import java.util.List;

/**
 * Applies one family's events to its read models. Runs inside the transaction that also records the event id, so an
 * event is applied once; handlers compare revisions so an older event arriving late never overwrites a newer one.
 */
public interface EventHandler {
    /** The event types this handler applies, each with the contract record its payload is read as. */
    List<EventRoute<?>> routes();
}
