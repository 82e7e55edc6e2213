package uk.nhs.impact.assessment.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.platform.review.ReviewRecord;
import uk.nhs.impact.platform.review.Reviews;

/**
 * An assessment as the API shows it, with its completeness, and where it stands in its ICB's review: {@code reviewState}
 * (null until first submitted, then AWAITING_REVIEW, ACCEPTED or RETURNED) and the {@code reviews}, oldest first. Whoever
 * may read the assessment reads its reviews; narrowing the sharing below the ICB hides both from the ICB.
 */
public record AssessmentView(String id, String organisation, String orgType, String cycle, LocalDate referenceDate, String instrumentId,
        int instrumentVersion, String status, int revision, String sharing, Map<String, Answer> answers,
        SignOff signOff, Completeness completeness, Instant createdAt, Instant updatedAt,
        Instant submittedAt, long etag, String reviewState, List<Reviews.Review> reviews) {

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
            String status, int revision, String sharing, Instant submittedAt, String reviewState) {
        static Summary of(Assessment a) {
            return new Summary(a.id.toString(), a.odsCode, a.cycle, a.referenceDate, a.instrumentId, a.instrumentVersion, a.status.name(),
                    a.revision, a.sharing.name(), a.submittedAt, a.reviewState);
        }
    }

    public record RevisionView(int revision, String outcome, Map<String, Answer> answers, SignOff signOff, String sharing,
            Instant submittedAt, Instant closedAt, String closedBy, String closeReason) {
        static RevisionView of(AssessmentRevision r, AnswersJson stored) {
            return new RevisionView(r.revision, r.outcome, stored.answers(r.answers), stored.signOff(r.signOff), r.sharing,
                    r.submittedAt, r.closedAt, r.closedBy, r.closeReason);
        }

        /** The current revision while it has no row of its own: its outcome is the assessment's status. */
        static RevisionView current(Assessment a, AnswersJson stored) {
            return new RevisionView(a.revision, a.status.name(), stored.answers(a.answers), stored.signOff(a.signOff), a.sharing.name(),
                    a.submittedAt, null, null, null);
        }
    }

    public record SharingView(String level, List<SharingChangeView> history) {
        static SharingView of(Assessment a, List<SharingChange> changes) {
            return new SharingView(a.sharing.name(), changes.stream()
                    .map(c -> new SharingChangeView(c.fromLevel, c.toLevel, c.reason, c.changedBy, c.changedAt)).toList());
        }
    }

    public record SharingChangeView(String from, String to, String reason, String changedBy, Instant changedAt) {
    }

    static AssessmentView of(Loaded loaded, AnswersJson stored, List<AssessmentReview> reviews) {
        Assessment a = loaded.assessment();
        Map<String, Answer> answers = stored.answers(a.answers);
        return new AssessmentView(a.id.toString(), a.odsCode, a.orgType, a.cycle, a.referenceDate, a.instrumentId, a.instrumentVersion,
                a.status.name(), a.revision, a.sharing.name(), answers, stored.signOff(a.signOff),
                Completeness.of(loaded.definition(), answers), a.createdAt, a.updatedAt, a.submittedAt, a.version, a.reviewState,
                reviews.stream().map(ReviewRecord::view).toList());
    }
}
