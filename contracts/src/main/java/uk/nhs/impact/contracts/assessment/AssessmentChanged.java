package uk.nhs.impact.contracts.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.nhs.impact.contracts.OrganisationRef;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Payload of {@code assessment.reopened.v1}, {@code assessment.withdrawn.v1} and {@code assessment.sharing-changed.v1}.
 * {@code revision} is the assessment's revision after the change: consumers ignore a change older than what they hold.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssessmentChanged(
        String assessmentId,
        String cycle,
        LocalDate referenceDate,
        OrganisationRef organisation,
        int revision,
        String status,
        String sharing,
        String previousSharing,
        String reason,
        Instant changedAt) {
}
