package uk.nhs.impact.assessment.assessment;

import java.util.List;

/**
 * Where the self-assessments of an ICB's trusts for a cycle stand in the ICB's review, as far as the ICB may know: a trust
 * whose assessment is submitted and shared with the ICB or wider is AWAITING_REVIEW, ACCEPTED or RETURNED (returned stays so
 * while the trust revises it); any other trust is NOT_SHARED, which says nothing about whether it has a private one.
 */
public record ReviewStatus(String icb, String cycle, Counts counts, List<Line> organisations) {
    public static final String NOT_SHARED = "NOT_SHARED";

    public record Counts(long awaitingReview, long accepted, long returned, long notShared) {
    }

    public record Line(String odsCode, String name, String assessmentId, Integer revision, String sharing, String reviewState) {
    }
}
