package uk.nhs.impact.assessment.fhir;

import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.instrument.VersionedInstruments.Entry;

/**
 * A published self-assessment version as a FHIR Questionnaire, generated from the definition the service validates answers
 * against. Its items:
 * <ul>
 * <li>{@value #RETURN}: {@value #CYCLE} and {@value #REFERENCE_DATE}, which a new assessment needs;</li>
 * <li>a group per component (linkId = the component's code) holding, per question, the level (a {@code choice}, linkId = the
 * question's code, answered with a coding of the version's scale from its CodeSystem), then {@code <code>-evidence} and the
 * repeating group {@code <code>-actions} ({@code -description}, {@code -owner}, {@code -due});</li>
 * <li>{@value #SIGN_OFF}: the board's approval, required to complete (submit) the return;</li>
 * <li>{@value #AMENDMENT_REASON}: why a submitted return is amended.</li>
 * </ul>
 */
public final class AssessmentQuestionnaires {
    public static final String PREFIX = "assessment-";
    public static final String RETURN = "return";
    public static final String CYCLE = "cycle";
    public static final String REFERENCE_DATE = "reference-date";
    public static final String SIGN_OFF = "board-sign-off";
    public static final String APPROVER_NAME = "approver-name";
    public static final String APPROVER_ROLE = "approver-role";
    public static final String BOARD_MEETING_DATE = "board-meeting-date";
    public static final String MINUTE_REFERENCE = "minute-reference";
    public static final String AMENDMENT_REASON = "amendment-reason";

    private AssessmentQuestionnaires() {
    }

    public record Version(String instrumentId, int number) {
    }

    public static String id(String instrumentId, int version) {
        return PREFIX + instrumentId + "-v" + version;
    }

    /** The instrument and version a Questionnaire id names, when it is one of this service's. */
    public static Optional<Version> version(String id) {
        if (id == null || !id.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int v = id.lastIndexOf("-v");
        if (v <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Version(id.substring(PREFIX.length(), v), Integer.parseInt(id.substring(v + 2))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static String evidence(String question) {
        return question + "-evidence";
    }

    public static String actions(String question) {
        return question + "-actions";
    }

    public static String actionDescription(String question) {
        return question + "-action-description";
    }

    public static String actionOwner(String question) {
        return question + "-action-owner";
    }

    public static String actionDue(String question) {
        return question + "-action-due";
    }

    public static Questionnaire of(Entry<InstrumentDefinition> entry) {
        InstrumentDefinition def = entry.definition();
        String id = id(entry.instrumentId(), entry.number());
        Questionnaire q = new Questionnaire();
        q.setId(id);
        q.setMeta(new Meta().setVersionId(Long.toString(entry.etag())).setLastUpdated(entry.publishedAt() == null ? null : Date.from(entry.publishedAt())));
        q.setUrl(Fhir.questionnaireUrl(id)).setVersion(Integer.toString(entry.number())).setName(name(entry.instrumentId()))
                .setTitle(def.label()).setStatus(Enumerations.PublicationStatus.ACTIVE).setPublisher("NHS England")
                .setDescription(def.notes()).addSubjectType("Organization");
        if (entry.publishedAt() != null) {
            q.setDate(Date.from(entry.publishedAt()));
        }
        String system = Fhir.codeSystemUrl(id);
        CodeSystem levels = new CodeSystem();
        levels.setId("levels");
        levels.setUrl(system).setVersion(Integer.toString(entry.number())).setName("MaturityLevels").setTitle(def.label() + ": maturity levels")
                .setStatus(Enumerations.PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.COMPLETE)
                .setHierarchyMeaning(null);
        for (InstrumentDefinition.Level level : def.levels()) {
            levels.addConcept().setCode(level.code()).setDisplay(level.name()).setDefinition(level.meaning());
        }
        q.addContained(levels);

        QuestionnaireItemComponent about = q.addItem().setLinkId(RETURN).setText("The return").setType(QuestionnaireItemType.GROUP).setRequired(true);
        about.addItem().setLinkId(CYCLE).setText("Assessment cycle, e.g. 2023-24").setType(QuestionnaireItemType.STRING).setRequired(true).setMaxLength(40);
        about.addItem().setLinkId(REFERENCE_DATE).setText("The date the assessment describes").setType(QuestionnaireItemType.DATE).setRequired(true);
        about.addItem().setLinkId(AMENDMENT_REASON).setText("Why a submitted assessment is amended").setType(QuestionnaireItemType.STRING)
                .setMaxLength(1000);

        for (InstrumentDefinition.Component component : def.components()) {
            QuestionnaireItemComponent group = q.addItem().setLinkId(component.code()).setText(component.name()).setType(QuestionnaireItemType.GROUP)
                    .setRequired(true);
            for (InstrumentDefinition.Question question : def.questions()) {
                if (!question.componentCode().equals(component.code())) {
                    continue;
                }
                QuestionnaireItemComponent item = group.addItem().setLinkId(question.code()).setPrefix(Integer.toString(question.number()))
                        .setText(question.title()).setType(QuestionnaireItemType.CHOICE).setRequired(true);
                for (InstrumentDefinition.Level level : def.levels()) {
                    item.addAnswerOption().setValue(new Coding(system, level.code(), level.name()));
                }
                group.addItem().setLinkId(evidence(question.code())).setText("Evidence for the level").setType(QuestionnaireItemType.TEXT)
                        .setMaxLength(4000);
                QuestionnaireItemComponent actions = group.addItem().setLinkId(actions(question.code())).setText("Actions planned")
                        .setType(QuestionnaireItemType.GROUP).setRepeats(true);
                actions.addItem().setLinkId(actionDescription(question.code())).setText("Action").setType(QuestionnaireItemType.STRING)
                        .setRequired(true).setMaxLength(1000);
                actions.addItem().setLinkId(actionOwner(question.code())).setText("Owner").setType(QuestionnaireItemType.STRING).setMaxLength(200);
                actions.addItem().setLinkId(actionDue(question.code())).setText("Due date").setType(QuestionnaireItemType.DATE);
            }
        }

        QuestionnaireItemComponent signOff = q.addItem().setLinkId(SIGN_OFF).setText("The board's sign-off (required to submit)")
                .setType(QuestionnaireItemType.GROUP).setRequired(true);
        signOff.addItem().setLinkId(APPROVER_NAME).setText("Approver's name").setType(QuestionnaireItemType.STRING).setRequired(true).setMaxLength(200);
        signOff.addItem().setLinkId(APPROVER_ROLE).setText("Approver's role").setType(QuestionnaireItemType.STRING).setRequired(true).setMaxLength(200);
        signOff.addItem().setLinkId(BOARD_MEETING_DATE).setText("Board meeting date").setType(QuestionnaireItemType.DATE).setRequired(true);
        signOff.addItem().setLinkId(MINUTE_REFERENCE).setText("Minute reference").setType(QuestionnaireItemType.STRING).setRequired(true)
                .setMaxLength(100);
        return q;
    }

    /** A computer-friendly name: {@code nhs-impact-self-assessment} becomes {@code NhsImpactSelfAssessment}. */
    static String name(String instrumentId) {
        StringBuilder b = new StringBuilder();
        for (String part : instrumentId.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
