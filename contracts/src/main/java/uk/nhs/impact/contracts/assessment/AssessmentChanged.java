package uk.nhs.impact.contracts.assessment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import uk.nhs.impact.contracts.OrganisationRef;

/**
 * Payload of {@code assessment.reopened.v1}, {@code assessment.withdrawn.v1} and {@code assessment.sharing-changed.v1}.
 * {@code revision} is the assessment's revision after the change; {@code sequence} (optional, added within v1) grows with
 * every change of the assessment, so consumers ignore a change older than the last one they applied.
 * <p>
 * Reopened and withdrawn events never carry answers: the submitted answers are no longer current, and consumers remove
 * them. A sharing change is also the retraction: narrowed to {@code PRIVATE}, or while the assessment is not
 * {@code SUBMITTED}, it carries no answers, and consumers delete what they hold of the assessment's answers. Widened or
 * narrowed to ICB, REGION or NATIONAL while submitted, it carries the submitted content ({@code answers}, {@code signOff},
 * instrument and submission time) shared at that level, and consumers replace what they hold with it at the new level.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
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
        Instant changedAt,
        Long sequence,
        String instrumentId,
        Integer instrumentVersion,
        Instant submittedAt,
        AssessmentSubmitted.SignOff signOff,
        List<AssessmentSubmitted.AnsweredQuestion> answers) {
}
