package uk.nhs.impact.assessment.assessment;

import uk.nhs.impact.assessment.instrument.InstrumentDefinition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** An assessment as the API shows it, with its completeness. */
public record AssessmentView(String id, String organisation, String orgType, String cycle, LocalDate referenceDate, String instrumentId,
                             int instrumentVersion, String status, int revision, String sharing, Map<String, Answer> answers,
                             AssessmentService.SignOff signOff, Completeness completeness, Instant createdAt, Instant updatedAt,
                             Instant submittedAt, long etag) {

    /** Questions with a level out of all questions; {@code percent} to one decimal place, half up. */
    public record Completeness(int questions, int answered, BigDecimal percent, List<String> unansweredQuestions) {
        static Completeness of(InstrumentDefinition def, Map<String, Answer> answers) {
            List<String> missing = AnswerRules.unanswered(def, answers);
            int total = def.questions().size();
            int answered = total - missing.size();
            BigDecimal percent = BigDecimal.valueOf(answered * 100L).divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
            return new Completeness(total, answered, percent, missing);
        }
    }

    /** A line in a list of assessments. */
    public record Summary(String id, String organisation, String cycle, LocalDate referenceDate, String instrumentId, int instrumentVersion,
                          String status, int revision, String sharing, Instant submittedAt) {
        static Summary of(Assessment a) {
            return new Summary(a.id.toString(), a.odsCode, a.cycle, a.referenceDate, a.instrumentId, a.instrumentVersion, a.status.name(),
                    a.revision, a.sharing.name(), a.submittedAt);
        }
    }

    public record RevisionView(int revision, String outcome, Map<String, Answer> answers, AssessmentService.SignOff signOff, String sharing,
                               Instant submittedAt, Instant closedAt, String closedBy, String closeReason) {
    }

    static AssessmentView of(AssessmentService.Loaded loaded, AssessmentService service) {
        Assessment a = loaded.assessment();
        Map<String, Answer> answers = service.answers(a);
        return new AssessmentView(a.id.toString(), a.odsCode, a.orgType, a.cycle, a.referenceDate, a.instrumentId, a.instrumentVersion,
                a.status.name(), a.revision, a.sharing.name(), answers, service.signOff(a.signOff),
                Completeness.of(loaded.definition(), answers), a.createdAt, a.updatedAt, a.submittedAt, a.version);
    }
}
