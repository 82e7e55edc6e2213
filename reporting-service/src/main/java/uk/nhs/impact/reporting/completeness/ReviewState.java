package uk.nhs.impact.reporting.completeness;

import uk.nhs.impact.platform.review.Reviews;

/**
 * Where a submitted baseline return stands in its ICB's review: the outcome of the latest review when that review is of the
 * return's latest submission (or of a later one whose event has not been applied yet), else {@code AWAITING_REVIEW}, since
 * every submission, a resubmission after a return included, goes to the ICB again.
 */
public final class ReviewState {
    private ReviewState() {
    }

    /**
     * @param submittedRevision the revision of the latest submission applied
     * @param reviewedRevision the revision the latest review applied was of, null when none
     * @param outcome that review's outcome ({@code ACCEPTED} or {@code RETURNED}), null when none
     */
    public static String of(int submittedRevision, Integer reviewedRevision, String outcome) {
        if (reviewedRevision == null || outcome == null || reviewedRevision < submittedRevision) {
            return Reviews.AWAITING_REVIEW;
        }
        return outcome;
    }
}
