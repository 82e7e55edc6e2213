package uk.nhs.impact.platform.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemEnableWhenComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Type;
import uk.nhs.impact.platform.problem.FieldError;

/**
 * Checks a QuestionnaireResponse against the Questionnaire it claims to answer: every item is one of the Questionnaire's, in its
 * place, answered with a value of its type (a choice with one of its codings), no more often than it repeats, not answered while
 * its {@code enableWhen} is false, and, once the response is completed or amended, every required enabled item answered. Each
 * failure names the item by its linkId in a FHIRPath expression. The service's own rules (the same as for the REST API) run
 * after this, on the answers read from the response.
 */
public final class ResponseCheck {
    private final Questionnaire questionnaire;
    private final Map<String, QuestionnaireItemComponent> items = new HashMap<>();
    private final Map<String, String> parents = new HashMap<>();

    public ResponseCheck(Questionnaire questionnaire) {
        this.questionnaire = questionnaire;
        index(questionnaire.getItem(), null);
    }

    private void index(List<QuestionnaireItemComponent> list, String parent) {
        for (QuestionnaireItemComponent item : list) {
            items.put(item.getLinkId(), item);
            parents.put(item.getLinkId(), parent);
            index(item.getItem(), item.getLinkId());
        }
    }

    /** The FHIRPath of an item anywhere in a response. */
    public static String item(String linkId) {
        return "QuestionnaireResponse.repeat(item).where(linkId='" + linkId + "')";
    }

    public static String answer(String linkId, int index) {
        return item(linkId) + ".answer[" + index + "]";
    }

    /** Every failure of the response's items against the Questionnaire; empty when it conforms. */
    public List<FieldError> check(QuestionnaireResponse response) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, List<Type>> answers = new HashMap<>();
        collect(response.getItem(), answers);
        walk(response.getItem(), null, answers, errors);
        QuestionnaireResponseStatus status = response.getStatus();
        if (status == QuestionnaireResponseStatus.COMPLETED || status == QuestionnaireResponseStatus.AMENDED) {
            required(questionnaire.getItem(), response.getItem(), answers, errors);
        }
        return errors;
    }

    private static void collect(List<QuestionnaireResponseItemComponent> list, Map<String, List<Type>> answers) {
        for (QuestionnaireResponseItemComponent item : list) {
            for (QuestionnaireResponseItemAnswerComponent a : item.getAnswer()) {
                if (a.hasValue()) {
                    answers.computeIfAbsent(item.getLinkId(), k -> new ArrayList<>()).add(a.getValue());
                }
            }
            collect(item.getItem(), answers);
        }
    }

    private void walk(List<QuestionnaireResponseItemComponent> list, String parent, Map<String, List<Type>> answers, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (QuestionnaireResponseItemComponent given : list) {
            String linkId = given.getLinkId();
            if (linkId == null || linkId.isBlank()) {
                errors.add(new FieldError("QuestionnaireResponse.repeat(item).linkId", "every item needs a linkId"));
                continue;
            }
            QuestionnaireItemComponent def = items.get(linkId);
            if (def == null) {
                errors.add(new FieldError(item(linkId), linkId + " is not an item of " + questionnaire.getUrl() + "|" + questionnaire.getVersion()));
                continue;
            }
            String expected = parents.get(linkId);
            if (!java.util.Objects.equals(expected, parent)) {
                errors.add(new FieldError(item(linkId), linkId + " belongs " + (expected == null ? "at the top level" : "under " + expected)));
                continue;
            }
            if (!seen.add(linkId) && !def.getRepeats()) {
                errors.add(new FieldError(item(linkId), linkId + " appears more than once and does not repeat"));
            }
            if (!enabled(def, answers) && (given.hasAnswer() || given.hasItem())) {
                errors.add(new FieldError(item(linkId), linkId + " is not enabled by the answers given (" + condition(def) + ")"));
                continue;
            }
            if (def.getType() == QuestionnaireItemType.GROUP || def.getType() == QuestionnaireItemType.DISPLAY) {
                if (given.hasAnswer()) {
                    errors.add(new FieldError(item(linkId), linkId + " is a " + def.getType().toCode() + " and takes no answer"));
                }
                walk(given.getItem(), linkId, answers, errors);
                continue;
            }
            if (given.hasItem()) {
                errors.add(new FieldError(item(linkId), linkId + " is a question: its items belong beside it, not inside it"));
            }
            List<QuestionnaireResponseItemAnswerComponent> values = given.getAnswer();
            if (values.size() > 1 && !def.getRepeats()) {
                errors.add(new FieldError(item(linkId), linkId + " takes one answer, not " + values.size()));
            }
            for (int i = 0; i < values.size(); i++) {
                value(def, values.get(i), i, errors);
            }
        }
    }

    private static void value(QuestionnaireItemComponent def, QuestionnaireResponseItemAnswerComponent answer, int index, List<FieldError> errors) {
        String linkId = def.getLinkId();
        String at = answer(linkId, index);
        if (answer.hasItem()) {
            errors.add(new FieldError(at, linkId + ": answers here carry no nested items"));
        }
        Type v = answer.getValue();
        if (v == null || v.isEmpty()) {
            errors.add(new FieldError(at, linkId + ": an answer needs a value"));
            return;
        }
        switch (def.getType()) {
            case CHOICE, OPENCHOICE -> {
                if (v instanceof Coding c) {
                    if (def.getAnswerOption().stream().noneMatch(o -> o.hasValueCoding() && same(o.getValueCoding(), c))) {
                        errors.add(new FieldError(at, linkId + ": " + c.getSystem() + "|" + c.getCode() + " is not one of its answer options"));
                    }
                } else if (!(def.getType() == QuestionnaireItemType.OPENCHOICE && v instanceof org.hl7.fhir.r4.model.StringType s && !s.getValue().isBlank())) {
                    errors.add(new FieldError(at, linkId + " is answered with a valueCoding from its answer options"
                            + (def.getType() == QuestionnaireItemType.OPENCHOICE ? ", or a valueString" : "")));
                }
            }
            case STRING, TEXT -> {
                if (!(v instanceof org.hl7.fhir.r4.model.StringType s) || s.getValue() == null || s.getValue().isBlank()) {
                    errors.add(new FieldError(at, linkId + " is answered with a non-blank valueString"));
                } else if (def.hasMaxLength() && s.getValue().length() > def.getMaxLength()) {
                    errors.add(new FieldError(at, linkId + " is at most " + def.getMaxLength() + " characters"));
                }
            }
            case DATE -> {
                if (!(v instanceof org.hl7.fhir.r4.model.DateType d) || d.getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
                    errors.add(new FieldError(at, linkId + " is answered with a full valueDate (YYYY-MM-DD)"));
                }
            }
            case INTEGER -> {
                if (!(v instanceof org.hl7.fhir.r4.model.IntegerType)) {
                    errors.add(new FieldError(at, linkId + " is answered with a valueInteger"));
                }
            }
            case BOOLEAN -> {
                if (!(v instanceof org.hl7.fhir.r4.model.BooleanType)) {
                    errors.add(new FieldError(at, linkId + " is answered with a valueBoolean"));
                }
            }
            default -> errors.add(new FieldError(at, linkId + " is of type " + def.getType().toCode() + ", which this server does not take answers for"));
        }
    }

    private void required(List<QuestionnaireItemComponent> defs, List<QuestionnaireResponseItemComponent> given, Map<String, List<Type>> answers,
            List<FieldError> errors) {
        for (QuestionnaireItemComponent def : defs) {
            List<QuestionnaireResponseItemComponent> present = given.stream().filter(i -> def.getLinkId().equals(i.getLinkId())).toList();
            if (def.getRequired() && enabled(def, answers)) {
                boolean answered = def.getType() == QuestionnaireItemType.GROUP
                        ? !present.isEmpty()
                        : present.stream().anyMatch(i -> i.getAnswer().stream().anyMatch(QuestionnaireResponseItemAnswerComponent::hasValue));
                if (!answered) {
                    errors.add(new FieldError(item(def.getLinkId()), def.getLinkId() + " is required in a " + "completed response"));
                }
            }
            if (def.getType() == QuestionnaireItemType.GROUP) {
                for (QuestionnaireResponseItemComponent instance : present) {
                    required(def.getItem(), instance.getItem(), answers, errors);
                }
            }
        }
    }

    /** Whether the item's enableWhen conditions hold for the answers given (any one of them, unless enableBehavior is all). */
    static boolean enabled(QuestionnaireItemComponent def, Map<String, List<Type>> answers) {
        if (!def.hasEnableWhen()) {
            return true;
        }
        boolean all = def.getEnableBehavior() == Questionnaire.EnableWhenBehavior.ALL;
        for (QuestionnaireItemEnableWhenComponent when : def.getEnableWhen()) {
            boolean holds = holds(when, answers.getOrDefault(when.getQuestion(), List.of()));
            if (holds && !all) {
                return true;
            }
            if (!holds && all) {
                return false;
            }
        }
        return all;
    }

    private static boolean holds(QuestionnaireItemEnableWhenComponent when, List<Type> given) {
        return switch (when.getOperator()) {
            case EXISTS -> when.getAnswerBooleanType().booleanValue() != given.isEmpty();
            case EQUAL -> given.stream().anyMatch(v -> equal(v, when.getAnswer()));
            case NOT_EQUAL -> !given.isEmpty() && given.stream().noneMatch(v -> equal(v, when.getAnswer()));
            default -> false;
        };
    }

    private static boolean equal(Type given, Type expected) {
        if (given instanceof Coding g && expected instanceof Coding e) {
            return same(g, e);
        }
        return given.equalsDeep(expected);
    }

    private static boolean same(Coding a, Coding b) {
        return java.util.Objects.equals(a.getSystem(), b.getSystem()) && java.util.Objects.equals(a.getCode(), b.getCode());
    }

    private static String condition(QuestionnaireItemComponent def) {
        List<String> parts = new ArrayList<>();
        for (QuestionnaireItemEnableWhenComponent when : def.getEnableWhen()) {
            Type a = when.getAnswer();
            String value = a instanceof Coding c ? c.getCode() : a == null ? "" : a.primitiveValue();
            parts.add(when.getQuestion() + " " + when.getOperator().toCode() + " " + value);
        }
        return String.join(def.getEnableBehavior() == Questionnaire.EnableWhenBehavior.ALL ? " and " : " or ", parts);
    }
}
