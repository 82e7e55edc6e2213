package uk.nhs.impact.contracts.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.nhs.impact.contracts.OrganisationRef;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Payload of {@code assessment.submitted.v1}: the whole answered assessment as the board signed it off, the sharing
 * level the organisation chose, and the organisation's attributes at the reference date.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssessmentSubmitted(
        String assessmentId,
        String instrumentId,
        int instrumentVersion,
        String cycle,
        LocalDate referenceDate,
        OrganisationRef organisation,
        int revision,
        String sharing,
        Instant submittedAt,
        SignOff signOff,
        List<AnsweredQuestion> answers) {

    /** The board's approval of this revision. */
    public record SignOff(String approverName, String approverRole, LocalDate boardMeetingDate, String minuteReference) {
    }

    /** One question's answer; {@code levelOrdinal} is the level's place in that instrument version's scale, lowest = 1. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnsweredQuestion(String questionCode, int questionNumber, String componentCode, String levelCode, String levelName,
                                   int levelOrdinal, String evidence, List<Action> actions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String description, String owner, LocalDate dueDate) {
    }
}
