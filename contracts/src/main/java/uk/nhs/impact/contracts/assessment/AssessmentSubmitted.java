package uk.nhs.impact.contracts.assessment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import uk.nhs.impact.contracts.OrganisationRef;

/**
 * Payload of {@code assessment.submitted.v1}: the submission, the sharing level the organisation chose, and the
 * organisation's attributes at the reference date.
 * <p>
 * Data minimisation: {@code answers} and {@code signOff} (the whole answered assessment as the board signed it off) are
 * present only when {@code sharing} is ICB, REGION or NATIONAL. A private assessment's submission carries neither: it says
 * who submitted what cycle, never what they answered. Answers shared later travel on {@code assessment.sharing-changed.v1}.
 * <p>
 * {@code sequence} (optional, added within v1) grows with every change of the assessment: a consumer applies an assessment
 * event only when its sequence is higher than that of the last one it applied for the assessment.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
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
        List<AnsweredQuestion> answers,
        Long sequence) {

    /** The board's approval of this revision. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignOff(String approverName, String approverRole, LocalDate boardMeetingDate, String minuteReference) {
    }

    /** One question's answer; {@code levelOrdinal} is the level's place in that instrument version's scale, lowest = 1. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnsweredQuestion(String questionCode, int questionNumber, String componentCode, String levelCode, String levelName,
            int levelOrdinal, String evidence, List<Action> actions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String description, String owner, LocalDate dueDate) {
    }
}
