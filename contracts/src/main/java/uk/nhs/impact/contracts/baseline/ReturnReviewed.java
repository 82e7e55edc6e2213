package uk.nhs.impact.contracts.baseline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import uk.nhs.impact.contracts.OrganisationRef;

/**
 * Payload of {@code baseline.return-reviewed.v1}: the organisation's ICB accepted ({@code ACCEPTED}) or returned
 * ({@code RETURNED}) one submitted revision of a return. {@code comments} is required when returned and optional when
 * accepted (left out when none). {@code reviewer} is the ICB, as at the collection's reference date. A returned return is
 * revised and resubmitted as a {@code return-amended} event, which makes it await review again.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnReviewed(
        String returnId,
        String collectionId,
        OrganisationRef organisation,
        int revision,
        String outcome,
        String comments,
        OrganisationRef reviewer,
        Instant reviewedAt) {
}
