package uk.nhs.impact.platform.outbox;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Wakes the outbox relay when a request that appended an event answers. The answer is written after the request's
 * transaction has committed, so the relay finds the event at once instead of at its next timer tick.
 */
public class OutboxWake {
    private static final String APPENDED = "impact.outbox.appended";

    @Inject
    OutboxRelay relay;

    /** Notes, on the request's own context, that its transaction holds an outbox row. */
    static void appended() {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(APPENDED, Boolean.TRUE);
        }
    }

    @ServerResponseFilter
    public void afterCommit() {
        if (VertxContext.isOnDuplicatedContext() && ContextLocals.remove(APPENDED)) {
            relay.wake();
        }
    }
}
