package uk.nhs.impact.assessment.instrument;

import static uk.nhs.impact.platform.instrument.DefinitionChecks.uniqueCodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.impact.platform.problem.FieldError;

/** Consistency of an instrument definition beyond single fields: unique codes and references that resolve. */
public final class InstrumentRules {
    private InstrumentRules() {
    }

    /** Every inconsistency, each naming its field; {@code previous} is the version before it (null for the first). */
    public static List<FieldError> check(InstrumentDefinition def, InstrumentDefinition previous) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> levels = uniqueCodes(def.levels().stream().map(InstrumentDefinition.Level::code).toList(), "levels", errors);
        Set<String> components = uniqueCodes(def.components().stream().map(InstrumentDefinition.Component::code).toList(), "components", errors);
        Set<String> questions = uniqueCodes(def.questions().stream().map(InstrumentDefinition.Question::code).toList(), "questions", errors);
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < def.questions().size(); i++) {
            InstrumentDefinition.Question q = def.questions().get(i);
            if (!numbers.add(q.number())) {
                errors.add(new FieldError("questions[" + i + "].number", "number " + q.number() + " is used twice"));
            }
            if (!components.contains(q.componentCode())) {
                errors.add(new FieldError("questions[" + i + "].componentCode", "is not one of this version's components"));
            }
            if (q.descriptors() != null) {
                for (String level : q.descriptors().keySet()) {
                    if (!levels.contains(level)) {
                        errors.add(new FieldError("questions[" + i + "].descriptors." + level, "is not one of this version's levels"));
                    }
                }
            }
        }
        for (String component : components) {
            if (def.questions().stream().noneMatch(q -> q.componentCode().equals(component))) {
                errors.add(new FieldError("components", "component " + component + " has no questions"));
            }
        }
        Map<String, String> map = def.questionMapOrEmpty();
        if (!map.isEmpty() && previous == null) {
            errors.add(new FieldError("questionMap", "the first version of an instrument has nothing to map from"));
        }
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (previous != null && previous.question(e.getKey()).isEmpty()) {
                errors.add(new FieldError("questionMap." + e.getKey(), "is not a question of the previous version"));
            }
            if (!questions.contains(e.getValue())) {
                errors.add(new FieldError("questionMap." + e.getKey(), e.getValue() + " is not a question of this version"));
            }
        }
        return errors;
    }
}
