package uk.nhs.impact.contracts.baseline;

import uk.nhs.impact.contracts.OrganisationRef;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Payload of {@code baseline.return-submitted.v1} and {@code baseline.return-amended.v1}: the whole return.
 * {@code answers} maps question code to its answer: true/false for yes/no, a list of option codes for multi choice
 * (with {@code <code>_other_text} for "other"), a string for free text and single choice.
 */
public record ReturnSubmitted(
        String collectionId,
        String questionSetId,
        int questionSetVersion,
        OrganisationRef organisation,
        LocalDate referenceDate,
        int revision,
        Instant submittedAt,
        Map<String, Object> answers) {
}
