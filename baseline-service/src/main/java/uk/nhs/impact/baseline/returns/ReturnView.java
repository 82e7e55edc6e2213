package uk.nhs.impact.baseline.returns;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import uk.nhs.impact.platform.review.Reviews;

/**
 * A return as the API shows it, to the organisation and to those it is shared with: {@code reviewState} is null until it is
 * first submitted, then AWAITING_REVIEW, ACCEPTED or RETURNED; {@code reviews} are the ICB's reviews, oldest first.
 */
public record ReturnView(String collectionId, String odsCode, String orgType, String questionSetId, int questionSetVersion,
        String status, int revision, JsonNode answers, Instant updatedAt, Instant submittedAt, long version, String reviewState,
        List<Reviews.Review> reviews) {
}
