package uk.nhs.impact.baseline.questionset;

import static uk.nhs.impact.platform.instrument.DefinitionChecks.uniqueCodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import uk.nhs.impact.platform.problem.FieldError;

/** Consistency of a question set: known answer types, unique codes, options only on choice questions, limits where they apply. */
public final class QuestionSetRules {
    static final Set<String> CHOICE_TYPES = Set.of("single_choice", "multi_choice");
    static final Set<String> TYPES = Set.of("yes_no", "free_text", "single_choice", "multi_choice");

    private QuestionSetRules() {
    }

    public static List<FieldError> check(QuestionSetDefinition def) {
        List<FieldError> errors = new ArrayList<>();
        if (def.id() == null || def.id().isBlank()) {
            errors.add(new FieldError("id", "must name the question set"));
        }
        if (def.questions() == null || def.questions().isEmpty()) {
            errors.add(new FieldError("questions", "a question set has at least one question"));
            return errors;
        }
        uniqueCodes(def.questions().stream().map(QuestionSet.Question::code).toList(), "questions", errors);
        for (int i = 0; i < def.questions().size(); i++) {
            QuestionSet.Question q = def.questions().get(i);
            String at = "questions[" + i + "]";
            if (!TYPES.contains(q.type())) {
                errors.add(new FieldError(at + ".type", "must be one of " + TYPES.stream().sorted().toList()));
            }
            List<QuestionSet.Option> options = q.options() == null ? List.of() : q.options();
            boolean choice = CHOICE_TYPES.contains(q.type());
            if (choice && options.size() < 2) {
                errors.add(new FieldError(at + ".options", "a " + q.type() + " question needs at least two options"));
            }
            if (!choice && !options.isEmpty()) {
                errors.add(new FieldError(at + ".options", "only choice questions have options"));
            }
            Set<String> seen = uniqueCodes(options.stream().map(QuestionSet.Option::code).toList(), at + ".options", errors);
            if (q.otherOption() != null && !seen.contains(q.otherOption())) {
                errors.add(new FieldError(at + ".otherOption", "must be one of this question's options"));
            }
            if (q.maxLength() != null && (!"free_text".equals(q.type()) || q.maxLength() < 1)) {
                errors.add(new FieldError(at + ".maxLength", "only for free text, and at least 1"));
            }
        }
        return errors;
    }
}
