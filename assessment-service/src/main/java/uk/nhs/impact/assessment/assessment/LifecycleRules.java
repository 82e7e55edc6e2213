package uk.nhs.impact.assessment.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * The steps an assessment may take: DRAFT → SIGNED_OFF → SUBMITTED, reopen from signed off or submitted, withdraw from any
 * live state, sharing changed until withdrawn. A step the state does not allow is 409 naming the state and what to do instead.
 */
public final class LifecycleRules {
    private LifecycleRules() {
    }

    /** Passes when the assessment is in one of {@code allowed}; otherwise 409 for {@code action}. */
    public static void require(Assessment a, String action, Assessment.Status... allowed) {
        for (Assessment.Status s : allowed) {
            if (a.status == s) {
                return;
            }
        }
        throw illegal(a, action);
    }

    /** Answers change only in a draft, and only to questions and levels of the assessment's instrument version. */
    public static void checkAnswers(Assessment a, InstrumentDefinition def, Map<String, Answer> changes) {
        require(a, "change answers", Assessment.Status.DRAFT);
        List<FieldError> errors = AnswerRules.check(def, changes);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    /** The board signs off a draft only when every question has a level, and only at a meeting that has taken place. */
    public static void checkSignOff(Assessment a, InstrumentDefinition def, Map<String, Answer> answers, LocalDate boardMeetingDate,
            LocalDate today) {
        require(a, "sign off", Assessment.Status.DRAFT);
        List<String> missing = AnswerRules.unanswered(def, answers);
        if (!missing.isEmpty()) {
            throw ProblemException.conflict("Cannot sign off: " + missing.size() + " question(s) have no level",
                    Map.of("unansweredQuestions", missing));
        }
        if (boardMeetingDate.isAfter(today)) {
            throw ProblemException.validation("boardMeetingDate", "must not be in the future");
        }
    }

    /** Sharing may change in any state but withdrawn. */
    public static void checkSharing(Assessment a) {
        if (a.status == Assessment.Status.WITHDRAWN) {
            throw illegal(a, "change sharing of");
        }
    }

    /** Progress compares two submitted assessments of one organisation on one instrument, the earlier version first. */
    public static void checkComparable(Assessment from, Assessment to) {
        if (!from.odsCode.equals(to.odsCode) || !from.instrumentId.equals(to.instrumentId)) {
            throw ProblemException.conflict("Progress compares assessments of one organisation on one instrument");
        }
        if (from.status != Assessment.Status.SUBMITTED || to.status != Assessment.Status.SUBMITTED) {
            throw ProblemException.conflict("Progress compares submitted assessments only");
        }
        if (from.instrumentVersion > to.instrumentVersion) {
            throw ProblemException.conflict("since uses a later instrument version than this assessment; swap them");
        }
    }

    static ProblemException illegal(Assessment a, String action) {
        String hint = switch (a.status) {
            case DRAFT -> "a draft must be complete and signed off by the board before it is submitted";
            case SIGNED_OFF -> "it is signed off: submit it, or reopen it to change answers";
            case SUBMITTED -> "it is submitted: reopen it to start a new revision";
            case WITHDRAWN -> "it is withdrawn, which is final: create a new assessment for the cycle";
        };
        return ProblemException.conflict("Cannot " + action + " assessment " + a.id + " while it is " + a.status + ": " + hint,
                Map.of("status", a.status.name(), "revision", a.revision));
    }
}
