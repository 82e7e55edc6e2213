package uk.nhs.impact.baseline.collection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Which organisations of each type in an area have and have not submitted a return to a collection, and where the submitted
 * ones stand in their ICB's review ({@code reviewState} AWAITING_REVIEW, ACCEPTED or RETURNED; null when not submitted).
 */
public record Completeness(String collectionId, String area, LocalDate referenceDate, List<TypeCount> byOrgType,
        List<OrganisationStatus> organisations, ReviewCounts reviews) {

    /** How many of the submitted returns in the area await review, were accepted, or were returned for revision. */
    public record ReviewCounts(long awaitingReview, long accepted, long returned) {
    }

    public record TypeCount(String orgType, long submitted, long expected) {
    }

    public record OrganisationStatus(String odsCode, String name, String orgType, String icbOdsCode, String regionOdsCode,
            boolean submitted, Instant submittedAt, String reviewState) {
    }
}
