package uk.nhs.impact.assessment.assessment;

import java.util.Map;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.platform.security.SharingLevel;

/**
 * What of an assessment an ICB may review (the rest is {@link Reviews}): only a submitted revision shared with the ICB or
 * wider and awaiting review (one already accepted or returned is 409 naming its state).
 */
public final class ReviewRules {
    private ReviewRules() {
    }

    /** Passes for a submitted assessment, shared with the ICB or wider, whose revision awaits review; 409 otherwise. */
    public static void requireAwaitingReview(Assessment a) {
        LifecycleRules.require(a, "review", Assessment.Status.SUBMITTED);
        if (!a.sharing.reaches(SharingLevel.ICB)) {
            throw ProblemException.conflict("Assessment " + a.id + " is not shared with the ICB", Map.of("sharing", a.sharing.name()));
        }
        Reviews.requireAwaiting(a.reviewState, a.revision, "assessment " + a.id);
    }
}
