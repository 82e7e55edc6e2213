package uk.nhs.impact.contracts.assessment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import uk.nhs.impact.contracts.OrganisationRef;

/**
 * Payload of {@code assessment.reviewed.v1}: the organisation's ICB accepted ({@code ACCEPTED}) or returned
 * ({@code RETURNED}) one submitted revision of a self-assessment the organisation shares with it ({@code sharing} ICB,
 * REGION or NATIONAL when reviewed). {@code comments} is required when returned and optional when accepted (left out when
 * none). Never carries answers. {@code sequence} grows with every change of the assessment, as on the other assessment
 * events.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssessmentReviewed(
        String assessmentId,
        String cycle,
        LocalDate referenceDate,
        OrganisationRef organisation,
        int revision,
        String sharing,
        String outcome,
        String comments,
        OrganisationRef reviewer,
        Instant reviewedAt,
        Long sequence) {
}
