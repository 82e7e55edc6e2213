package uk.nhs.impact.contracts.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.nhs.impact.contracts.OrganisationRef;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Payload of {@code survey.response-submitted.v1} and {@code survey.response-amended.v1}: the whole response.
 * {@code respondentId} is stable per respondent and run and reveals nobody's identity. {@code answers} maps question code to
 * an option code (single choice, Likert), a list of option codes (multi choice) or {@code {"text": ...}} (free text); the
 * text given with an "other" option travels as {@code <question>_other_text: {"text": ...}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseSubmitted(
        String runId,
        String instrumentId,
        int instrumentVersion,
        LocalDate referenceDate,
        String respondentId,
        String respondentRole,
        OrganisationRef organisation,
        int revision,
        Instant submittedAt,
        Map<String, Object> answers) {
}
