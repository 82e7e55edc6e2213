package uk.nhs.impact.baseline.returns;

import java.util.Map;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.review.Reviews;

/**
 * What of a baseline return an ICB may review (the rest is {@link Reviews}): only a submitted revision awaiting review (a
 * draft, or a revision already accepted or returned, is 409 naming its state).
 */
public final class ReviewRules {
    private ReviewRules() {
    }

    /** Passes for a submitted return whose current revision awaits review; 409 otherwise. */
    public static void requireAwaitingReview(BaselineReturn r) {
        if (r.status != BaselineReturn.Status.SUBMITTED) {
            throw ProblemException.conflict("The return of " + r.odsCode + " is a draft: only a submitted return can be reviewed",
                    Map.of("status", r.status.name(), "revision", r.revision));
        }
        Reviews.requireAwaiting(r.reviewState, r.revision, "the return of " + r.odsCode);
    }
}
