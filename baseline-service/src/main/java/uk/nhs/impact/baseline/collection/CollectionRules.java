package uk.nhs.impact.baseline.collection;

import java.time.Instant;
import java.util.Map;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * The rules of a collection's window: it runs forward, closing is final, and returns change only inside an open window
 * (a refusal gives the dates, so a caller knows whether to wait or give up).
 */
public final class CollectionRules {
    private CollectionRules() {
    }

    public static void checkNew(Instant opensAt, Instant closesAt) {
        if (!closesAt.isAfter(opensAt)) {
            throw ProblemException.validation("closesAt", "must be after opensAt");
        }
    }

    public static void requireNotClosed(Collection c) {
        if (c.closed) {
            throw ProblemException.conflict("Collection " + c.id + " is already closed");
        }
    }

    public static void requireAcceptingReturns(Collection c, Instant now) {
        if (!c.acceptsReturnsAt(now)) {
            throw ProblemException.conflict(c.closed
                    ? "Collection " + c.id + " is closed: returns are read only"
                    : "Collection " + c.id + " accepts returns only between its opening and closing times",
                    Map.of("opensAt", c.opensAt.toString(), "closesAt", c.closesAt.toString(), "closed", c.closed));
        }
    }
}
