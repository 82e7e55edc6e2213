package uk.nhs.impact.reporting.assessment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.assessment.AssessmentChanged;
import uk.nhs.impact.contracts.assessment.AssessmentSubmitted;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.ingest.EventFields;
import uk.nhs.impact.reporting.ingest.PoisonEventException;

/**
 * What one assessment event does to {@code assessment_record}, read from its contract record without touching the
 * database: store the shared answers, move the stored row to a new sharing level, or remove it (see
 * {@link AssessmentEventHandler} for the rules). The answers are read at once, so a poison event fails before any write.
 */
public record AssessmentChange(String assessmentId, int revision, Long sequence, Action action, String sharing, String answers,
        Content content) {

    public enum Action {
        STORE, RELEVEL, REMOVE
    }

    /** What a STORE writes besides the answers, read only when the row is written. */
    public record Content(String cycle, LocalDate referenceDate, OrganisationRef organisation, String instrumentId,
            Integer instrumentVersion, Instant submittedAt) {
    }

    /** The row a STORE writes; poison when the organisation or cycle is missing. */
    public record Row(String assessmentId, String odsCode, String orgType, String trustType, String icbCode, String regionCode,
            String cycle, LocalDate referenceDate, String instrumentId, int instrumentVersion, int revision, String sharing,
            String answers, OffsetDateTime submittedAt) {
    }

    public static AssessmentChange of(AssessmentSubmitted e) {
        String id = EventFields.required(e.assessmentId(), "assessmentId");
        String sharing = sharing(e.sharing());
        Action action = shared(sharing) ? Action.STORE : Action.REMOVE;
        return new AssessmentChange(id, e.revision(), e.sequence(), action, sharing, action == Action.STORE ? answers(e.answers()) : null,
                new Content(e.cycle(), e.referenceDate(), e.organisation(), e.instrumentId(), e.instrumentVersion(), e.submittedAt()));
    }

    /** A reopened, withdrawn or sharing-changed event ({@code type}). */
    public static AssessmentChange of(String type, AssessmentChanged e) {
        String id = EventFields.required(e.assessmentId(), "assessmentId");
        String sharing = sharing(e.sharing());
        Action action = Action.REMOVE;
        if (type.equals(EventTypes.ASSESSMENT_SHARING_CHANGED) && shared(sharing)
                && (e.status() == null || e.status().trim().equalsIgnoreCase("SUBMITTED"))) {
            action = e.answers() != null ? Action.STORE : Action.RELEVEL;
        }
        return new AssessmentChange(id, e.revision(), e.sequence(), action, sharing, action == Action.STORE ? answers(e.answers()) : null,
                new Content(e.cycle(), e.referenceDate(), e.organisation(), e.instrumentId(), e.instrumentVersion(), e.submittedAt()));
    }

    public Row row() {
        OrganisationRef org = EventFields.organisation(content.organisation());
        String cycle = EventFields.required(content.cycle(), "cycle");
        return new Row(assessmentId, org.odsCode(), org.orgType(), org.trustType(), org.icbOdsCode(), org.regionOdsCode(), cycle,
                content.referenceDate(), content.instrumentId(), content.instrumentVersion() == null ? 0 : content.instrumentVersion(),
                revision, sharing, answers, EventFields.timestamp(content.submittedAt()));
    }

    /** Only what the views count, keyed by question code: never the evidence or the actions. */
    static String answers(List<AssessmentSubmitted.AnsweredQuestion> answered) {
        EventFields.required(answered, "answers");
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        for (AssessmentSubmitted.AnsweredQuestion a : answered) {
            if (a == null || a.questionCode() == null || a.questionCode().isBlank()) {
                throw new PoisonEventException("an answer has no question code");
            }
            if (a.levelOrdinal() < 1) {
                throw new PoisonEventException("answer " + a.questionCode() + " has no level ordinal");
            }
            answers.set(a.questionCode(), JsonNodeFactory.instance.objectNode()
                    .put("component", a.componentCode())
                    .put("level", a.levelOrdinal())
                    .put("levelCode", a.levelCode()));
        }
        return answers.toString();
    }

    private static boolean shared(String sharing) {
        return !sharing.equals(SharingLevel.PRIVATE.name());
    }

    private static String sharing(String raw) {
        if (raw == null || raw.isBlank()) {
            return SharingLevel.PRIVATE.name();
        }
        try {
            return SharingLevel.valueOf(raw.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("unknown sharing level " + raw);
        }
    }
}
