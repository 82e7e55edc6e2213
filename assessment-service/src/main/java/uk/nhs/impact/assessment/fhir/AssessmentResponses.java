package uk.nhs.impact.assessment.fhir;

import static uk.nhs.impact.assessment.fhir.AssessmentQuestionnaires.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import uk.nhs.impact.assessment.assessment.Answer;
import uk.nhs.impact.assessment.assessment.AssessmentView;
import uk.nhs.impact.assessment.assessment.SignOff;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.fhir.ResponseCheck;
import uk.nhs.impact.platform.fhir.Responses;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * An assessment as a QuestionnaireResponse, and the parts of a QuestionnaireResponse the assessment's lifecycle takes. Status:
 * a draft or signed-off assessment is {@code in-progress}, a submitted one {@code completed} (revision 1) or {@code amended}
 * (a later revision), a withdrawn one {@code entered-in-error}.
 */
public final class AssessmentResponses {
    private static final int MAX_ACTIONS = 20;

    private AssessmentResponses() {
    }

    public static String id(String assessmentId) {
        return PREFIX + assessmentId;
    }

    /** The assessment a response id names; empty for anything else (answered 404). */
    public static Optional<UUID> assessmentId(String id) {
        if (id == null || !id.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static QuestionnaireResponseStatus status(String status, int revision) {
        return switch (status) {
            case "SUBMITTED" -> revision > 1 ? QuestionnaireResponseStatus.AMENDED : QuestionnaireResponseStatus.COMPLETED;
            case "WITHDRAWN" -> QuestionnaireResponseStatus.ENTEREDINERROR;
            default -> QuestionnaireResponseStatus.INPROGRESS;
        };
    }

    public static QuestionnaireResponse of(AssessmentView a, InstrumentDefinition def) {
        String qid = AssessmentQuestionnaires.id(a.instrumentId(), a.instrumentVersion());
        QuestionnaireResponse r = new QuestionnaireResponse();
        r.setId(id(a.id()));
        r.setMeta(new Meta().setVersionId(Long.toString(a.etag())).setLastUpdated(Date.from(a.updatedAt())));
        r.setQuestionnaire(Fhir.questionnaireUrl(qid) + "|" + a.instrumentVersion());
        r.setStatus(status(a.status(), a.revision()));
        r.setSubject(Responses.organisation(a.organisation()));
        r.setAuthored(Date.from(a.submittedAt() != null ? a.submittedAt() : a.updatedAt()));

        QuestionnaireResponseItemComponent about = r.addItem().setLinkId(RETURN);
        about.addItem().setLinkId(CYCLE).addAnswer().setValue(new StringType(a.cycle()));
        about.addItem().setLinkId(REFERENCE_DATE).addAnswer().setValue(Responses.date(a.referenceDate()));

        String system = Fhir.codeSystemUrl(qid);
        Map<String, Answer> answers = a.answers() == null ? Map.of() : a.answers();
        for (InstrumentDefinition.Component component : def.components()) {
            QuestionnaireResponseItemComponent group = new QuestionnaireResponseItemComponent().setLinkId(component.code());
            for (InstrumentDefinition.Question question : def.questions()) {
                Answer answer = answers.get(question.code());
                if (!question.componentCode().equals(component.code()) || answer == null) {
                    continue;
                }
                if (answer.hasLevel()) {
                    String name = def.levels().stream().filter(l -> l.code().equals(answer.levelCode())).map(InstrumentDefinition.Level::name)
                            .findFirst().orElse(null);
                    group.addItem().setLinkId(question.code()).addAnswer().setValue(new Coding(system, answer.levelCode(), name));
                }
                if (answer.evidence() != null && !answer.evidence().isBlank()) {
                    group.addItem().setLinkId(evidence(question.code())).addAnswer().setValue(new StringType(answer.evidence()));
                }
                for (Answer.Action action : answer.actions() == null ? List.<Answer.Action>of() : answer.actions()) {
                    QuestionnaireResponseItemComponent item = group.addItem().setLinkId(actions(question.code()));
                    item.addItem().setLinkId(actionDescription(question.code())).addAnswer().setValue(new StringType(action.description()));
                    if (action.owner() != null) {
                        item.addItem().setLinkId(actionOwner(question.code())).addAnswer().setValue(new StringType(action.owner()));
                    }
                    if (action.dueDate() != null) {
                        item.addItem().setLinkId(actionDue(question.code())).addAnswer().setValue(Responses.date(action.dueDate()));
                    }
                }
            }
            if (group.hasItem()) {
                r.addItem(group);
            }
        }
        SignOff s = a.signOff();
        if (s != null) {
            QuestionnaireResponseItemComponent signOff = r.addItem().setLinkId(SIGN_OFF);
            signOff.addItem().setLinkId(APPROVER_NAME).addAnswer().setValue(new StringType(s.approverName()));
            signOff.addItem().setLinkId(APPROVER_ROLE).addAnswer().setValue(new StringType(s.approverRole()));
            signOff.addItem().setLinkId(BOARD_MEETING_DATE).addAnswer().setValue(Responses.date(s.boardMeetingDate()));
            signOff.addItem().setLinkId(MINUTE_REFERENCE).addAnswer().setValue(new StringType(s.minuteReference()));
        }
        return r;
    }

    /** What a response asks of the lifecycle, read from items already checked against the Questionnaire. */
    public record Filed(String odsCode, String cycle, LocalDate referenceDate, Map<String, Answer> answers, Optional<SignOffParts> signOff,
            Optional<String> amendmentReason) {
    }

    public record SignOffParts(String approverName, String approverRole, LocalDate boardMeetingDate, String minuteReference) {
        public SignOff signOff(String by) {
            return new SignOff(approverName, approverRole, boardMeetingDate, minuteReference, Instant.now(), by);
        }
    }

    /**
     * The response's parts. Every question of the version is in {@code answers}, null where the response has nothing for it: an
     * update replaces the whole return, so a question left out is cleared.
     */
    public static Filed read(QuestionnaireResponse r, InstrumentDefinition def) {
        List<QuestionnaireResponseItemComponent> items = r.getItem();
        List<FieldError> errors = new ArrayList<>();
        Optional<String> cycle = Responses.string(items, CYCLE);
        Optional<LocalDate> referenceDate = Responses.date(items, REFERENCE_DATE);
        if (cycle.isEmpty()) {
            errors.add(new FieldError(ResponseCheck.item(CYCLE), CYCLE + " is required"));
        }
        if (referenceDate.isEmpty()) {
            errors.add(new FieldError(ResponseCheck.item(REFERENCE_DATE), REFERENCE_DATE + " is required"));
        }
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (InstrumentDefinition.Question question : def.questions()) {
            String code = question.code();
            String level = Responses.code(items, code).orElse(null);
            String evidence = Responses.string(items, evidence(code)).orElse(null);
            List<Answer.Action> actions = new ArrayList<>();
            for (QuestionnaireResponseItemComponent action : Responses.items(items, actions(code))) {
                List<QuestionnaireResponseItemComponent> parts = action.getItem();
                actions.add(new Answer.Action(Responses.string(parts, actionDescription(code)).orElse(null),
                        Responses.string(parts, actionOwner(code)).orElse(null), Responses.date(parts, actionDue(code)).orElse(null)));
            }
            if (actions.size() > MAX_ACTIONS) {
                errors.add(new FieldError(ResponseCheck.item(actions(code)), "at most " + MAX_ACTIONS + " actions per question"));
            }
            if (actions.stream().anyMatch(a -> a.description() == null)) {
                errors.add(new FieldError(ResponseCheck.item(actionDescription(code)), "every action needs a description"));
            }
            answers.put(code, level == null && evidence == null && actions.isEmpty()
                    ? null
                    : new Answer(level, evidence, actions.isEmpty() ? null : actions));
        }
        Optional<SignOffParts> signOff = Optional.empty();
        if (!Responses.items(items, SIGN_OFF).isEmpty()) {
            Optional<String> name = Responses.string(items, APPROVER_NAME);
            Optional<String> role = Responses.string(items, APPROVER_ROLE);
            Optional<LocalDate> meeting = Responses.date(items, BOARD_MEETING_DATE);
            Optional<String> minute = Responses.string(items, MINUTE_REFERENCE);
            if (name.isPresent() && role.isPresent() && meeting.isPresent() && minute.isPresent()) {
                signOff = Optional.of(new SignOffParts(name.get(), role.get(), meeting.get(), minute.get()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Filed(Responses.odsCode(r), cycle.get(), referenceDate.get(), answers, signOff, Responses.string(items, AMENDMENT_REASON));
    }

    /** The REST API's field names in a failure, as the FHIRPath of the item they came from. */
    public static ProblemException asItems(ProblemException e) {
        if (e.errors().isEmpty()) {
            return e;
        }
        List<FieldError> mapped = e.errors().stream().map(AssessmentResponses::asItem).toList();
        return new ProblemException(e.status(), e.slug(), e.title(), e.getMessage(), mapped, e.context(), e.headers());
    }

    private static FieldError asItem(FieldError f) {
        String field = f.field();
        String item = switch (field) {
            case "cycle" -> ResponseCheck.item(CYCLE);
            case "referenceDate" -> ResponseCheck.item(REFERENCE_DATE);
            case "boardMeetingDate" -> ResponseCheck.item(BOARD_MEETING_DATE);
            case "approverName" -> ResponseCheck.item(APPROVER_NAME);
            case "approverRole" -> ResponseCheck.item(APPROVER_ROLE);
            case "minuteReference" -> ResponseCheck.item(MINUTE_REFERENCE);
            case "organisation" -> "QuestionnaireResponse.subject";
            case "instrumentVersion", "instrumentId" -> "QuestionnaireResponse.questionnaire";
            default -> null;
        };
        if (item == null && field.startsWith("answers.")) {
            String rest = field.substring("answers.".length());
            int dot = rest.indexOf('.');
            String code = dot < 0 ? rest : rest.substring(0, dot);
            String part = dot < 0 ? "" : rest.substring(dot + 1);
            item = ResponseCheck.item(part.startsWith("evidence") ? evidence(code) : part.startsWith("actions") ? actions(code) : code);
        }
        return item == null ? f : new FieldError(item, f.message());
    }
}
