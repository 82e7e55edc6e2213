package uk.nhs.impact.reporting.feed;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wakes callers waiting for new feed entries (long-poll, SSE) once a transaction that added entries has committed. Waiters
 * also look again after at most their own timeout, so an entry is never missed when a signal is (another instance wrote it).
 */
@ApplicationScoped
public class FeedSignal {
    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());

    /** New entries are visible. */
    public void changed() {
        next.getAndSet(new CompletableFuture<>()).complete(null);
    }

    /** Completes at the next {@link #changed()} or after {@code atMost}, whichever comes first. */
    public Uni<Void> await(Duration atMost) {
        // a stage of its own per waiter: a waiter that times out cancels only its stage, never the one the others wait on
        return Uni.createFrom().completionStage(next.get().thenApply(v -> v)).ifNoItem().after(atMost).recoverWithItem((Void) null)
                .replaceWithVoid();
    }
}
