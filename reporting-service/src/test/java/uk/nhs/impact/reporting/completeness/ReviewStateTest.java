package uk.nhs.impact.reporting.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReviewStateTest {

    @Test
    void aSubmissionNobodyHasReviewedAwaitsReview() {
        assertThat(ReviewState.of(1, null, null)).isEqualTo("AWAITING_REVIEW");
    }

    @Test
    void aReviewOfTheLatestSubmissionGivesItsOutcome() {
        assertThat(ReviewState.of(1, 1, "ACCEPTED")).isEqualTo("ACCEPTED");
        assertThat(ReviewState.of(3, 3, "RETURNED")).isEqualTo("RETURNED");
    }

    @Test
    void aResubmissionAfterAReviewAwaitsReviewAgain() {
        assertThat(ReviewState.of(2, 1, "RETURNED")).isEqualTo("AWAITING_REVIEW");
        assertThat(ReviewState.of(4, 1, "ACCEPTED")).isEqualTo("AWAITING_REVIEW");
    }

    @Test
    void aReviewOfALaterSubmissionThanTheOneAppliedAlreadyCounts() {
        assertThat(ReviewState.of(1, 2, "ACCEPTED")).isEqualTo("ACCEPTED");
    }
}
