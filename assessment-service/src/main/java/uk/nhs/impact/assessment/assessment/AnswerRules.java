package uk.nhs.impact.assessment.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.platform.problem.FieldError;

/** Answers checked against the instrument version the assessment uses. */
public final class AnswerRules {
    private AnswerRules() {
    }

    /** Each unknown question and each level outside the version's scale, named as {@code answers.<code>[.levelCode]}. */
    public static List<FieldError> check(InstrumentDefinition def, Map<String, Answer> answers) {
        List<FieldError> errors = new ArrayList<>();
        answers.forEach((code, answer) -> {
            if (def.question(code).isEmpty()) {
                errors.add(new FieldError("answers." + code, "is not a question of this instrument version"));
            } else if (answer != null && answer.hasLevel() && def.ordinalOf(answer.levelCode()) == 0) {
                errors.add(new FieldError("answers." + code + ".levelCode", "must be one of " + def.levels().stream()
                        .map(InstrumentDefinition.Level::code).toList()));
            }
        });
        return errors;
    }

    /** {@code current} with {@code changes} applied: each named question replaced, or removed when its answer is null. */
    public static TreeMap<String, Answer> merge(Map<String, Answer> current, Map<String, Answer> changes) {
        TreeMap<String, Answer> merged = new TreeMap<>(current);
        changes.forEach((code, answer) -> {
            if (answer == null) {
                merged.remove(code);
            } else {
                merged.put(code, answer);
            }
        });
        return merged;
    }

    /** The questions without a level, in question order. */
    public static List<String> unanswered(InstrumentDefinition def, Map<String, Answer> answers) {
        return def.questions().stream().map(InstrumentDefinition.Question::code)
                .filter(code -> answers.get(code) == null || !answers.get(code).hasLevel()).toList();
    }
}
