package uk.nhs.impact.assessment.assessment;

import java.util.Map;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.SharingLevel;

/**
 * The rules of an ICB review: comments are required to return an assessment, and only a submitted revision shared with the
 * ICB or wider and awaiting review can be reviewed (one already accepted or returned is 409 naming its state).
 */
public final class ReviewRules {
    public static final String ACCEPTED = "ACCEPTED";
    public static final String RETURNED = "RETURNED";
    public static final String AWAITING_REVIEW = "AWAITING_REVIEW";
    public static final int MAX_COMMENTS = 4000;

    private ReviewRules() {
    }

    /** An assessment sent back must say why; 400 naming {@code comments} otherwise. */
    public static void checkComments(String outcome, String comments) {
        if (RETURNED.equals(outcome) && (comments == null || comments.isBlank())) {
            throw ProblemException.validation("comments", "is required when the outcome is RETURNED");
        }
    }

    /** Passes for a submitted assessment, shared with the ICB or wider, whose revision awaits review; 409 otherwise. */
    public static void requireAwaitingReview(Assessment a) {
        LifecycleRules.require(a, "review", Assessment.Status.SUBMITTED);
        if (!a.sharing.reaches(SharingLevel.ICB)) {
            throw ProblemException.conflict("Assessment " + a.id + " is not shared with the ICB", Map.of("sharing", a.sharing.name()));
        }
        if (!AWAITING_REVIEW.equals(a.reviewState)) {
            throw ProblemException.conflict("Revision " + a.revision + " of assessment " + a.id + " is already " + a.reviewState
                    + ": the next review is of the organisation's next submission",
                    Map.of("reviewState", String.valueOf(a.reviewState), "revision", a.revision));
        }
    }
}
