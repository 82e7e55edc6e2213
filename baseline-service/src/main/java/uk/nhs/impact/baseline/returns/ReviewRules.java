package uk.nhs.impact.baseline.returns;

import java.util.Map;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * The rules of an ICB review: comments are required to return a return, and only a submitted revision awaiting review can be
 * reviewed (a draft, or a revision already accepted or returned, is 409 naming its state).
 */
public final class ReviewRules {
    public static final String ACCEPTED = "ACCEPTED";
    public static final String RETURNED = "RETURNED";
    public static final String AWAITING_REVIEW = "AWAITING_REVIEW";
    public static final int MAX_COMMENTS = 4000;

    private ReviewRules() {
    }

    /** A return sent back must say why; 400 naming {@code comments} otherwise. */
    public static void checkComments(String outcome, String comments) {
        if (RETURNED.equals(outcome) && (comments == null || comments.isBlank())) {
            throw ProblemException.validation("comments", "is required when the outcome is RETURNED");
        }
    }

    /** Passes for a submitted return whose current revision awaits review; 409 otherwise. */
    public static void requireAwaitingReview(BaselineReturn r) {
        if (r.status != BaselineReturn.Status.SUBMITTED) {
            throw ProblemException.conflict("The return of " + r.odsCode + " is a draft: only a submitted return can be reviewed",
                    Map.of("status", r.status.name(), "revision", r.revision));
        }
        if (!AWAITING_REVIEW.equals(r.reviewState)) {
            throw ProblemException.conflict("Revision " + r.revision + " of the return of " + r.odsCode + " is already "
                    + r.reviewState + ": the next review is of the organisation's next submission",
                    Map.of("reviewState", String.valueOf(r.reviewState), "revision", r.revision));
        }
    }
}
