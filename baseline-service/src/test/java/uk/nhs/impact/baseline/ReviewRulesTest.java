package uk.nhs.impact.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.nhs.impact.baseline.returns.BaselineReturn;
import uk.nhs.impact.baseline.returns.ReviewRules;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.review.Reviews;

class ReviewRulesTest {
    @Test
    void returningNeedsComments() {
        assertThatThrownBy(() -> Reviews.checkComments("RETURNED", null)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.errors()).extracting(e -> e.field()).containsExactly("comments"));
        assertThatThrownBy(() -> Reviews.checkComments("RETURNED", " \n")).isInstanceOf(ProblemException.class);
        assertThatCode(() -> Reviews.checkComments("RETURNED", "Please check C2")).doesNotThrowAnyException();
        assertThatCode(() -> Reviews.checkComments("ACCEPTED", null)).doesNotThrowAnyException();
    }

    @Test
    void onlyASubmittedRevisionAwaitingReviewIsReviewed() {
        BaselineReturn r = new BaselineReturn();
        r.odsCode = "RHA";
        r.status = BaselineReturn.Status.DRAFT;
        assertThatThrownBy(() -> ReviewRules.requireAwaitingReview(r)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.status()).isEqualTo(409));
        r.status = BaselineReturn.Status.SUBMITTED;
        r.revision = 1;
        r.reviewState = Reviews.AWAITING_REVIEW;
        assertThatCode(() -> ReviewRules.requireAwaitingReview(r)).doesNotThrowAnyException();
        for (String done : new String[]{Reviews.ACCEPTED, Reviews.RETURNED}) {
            r.reviewState = done;
            assertThatThrownBy(() -> ReviewRules.requireAwaitingReview(r)).isInstanceOfSatisfying(ProblemException.class,
                    p -> assertThat(p.status()).isEqualTo(409));
        }
    }
}
