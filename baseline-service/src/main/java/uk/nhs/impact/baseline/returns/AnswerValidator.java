package uk.nhs.impact.baseline.returns;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.impact.baseline.questionset.QuestionSet;
import uk.nhs.impact.platform.problem.FieldError;

/**
 * Checks answers against a question set, naming every failing field: unknown questions, wrong answer types, unknown
 * option codes, "other" without its text, over-long text, and (when submitting) required questions left unanswered.
 */
public final class AnswerValidator {
    public static final int DEFAULT_MAX_TEXT = 4000;

    private AnswerValidator() {
    }

    public static List<FieldError> check(QuestionSet set, JsonNode answers, boolean submitting) {
        List<FieldError> errors = new ArrayList<>();
        if (answers == null || !answers.isObject()) {
            errors.add(new FieldError("answers", "must be an object keyed by question code"));
            return errors;
        }
        Set<String> otherTexts = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String code = e.getKey();
            String field = "answers." + code;
            if (code.endsWith("_other_text")) {
                otherTexts.add(code);
                checkText(e.getValue(), field, DEFAULT_MAX_TEXT, errors);
                continue;
            }
            QuestionSet.Question q = set.question(code).orElse(null);
            if (q == null) {
                errors.add(new FieldError(field, "is not a question of " + set.id() + " v" + set.version()));
                continue;
            }
            JsonNode v = e.getValue();
            if (v == null || v.isNull()) {
                continue;
            }
            switch (q.type()) {
                case "yes_no" -> {
                    if (!v.isBoolean()) {
                        errors.add(new FieldError(field, "must be true or false"));
                    }
                }
                case "single_choice" -> {
                    if (!v.isTextual() || !hasOption(q, v.asText())) {
                        errors.add(new FieldError(field, "must be one of " + codes(q)));
                    }
                }
                case "multi_choice" -> {
                    if (!v.isArray()) {
                        errors.add(new FieldError(field, "must be an array of option codes"));
                        break;
                    }
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < v.size(); i++) {
                        JsonNode o = v.get(i);
                        if (!o.isTextual() || !hasOption(q, o.asText())) {
                            errors.add(new FieldError(field + "[" + i + "]", "must be one of " + codes(q)));
                        } else if (!seen.add(o.asText())) {
                            errors.add(new FieldError(field + "[" + i + "]", "is listed twice"));
                        }
                    }
                    if (q.otherOption() != null && seen.contains(q.otherOption())) {
                        JsonNode text = answers.get(code + "_other_text");
                        if (text == null || !text.isTextual() || text.asText().isBlank()) {
                            errors.add(new FieldError(field + "_other_text", "is required when " + q.otherOption() + " is chosen"));
                        }
                    }
                }
                default -> checkText(v, field, q.maxLength() == null ? DEFAULT_MAX_TEXT : q.maxLength(), errors);
            }
        }
        for (String other : otherTexts) {
            String question = other.substring(0, other.length() - "_other_text".length());
            if (set.question(question).map(QuestionSet.Question::otherOption).isEmpty()) {
                errors.add(new FieldError("answers." + other, "belongs to no question with an \"other\" option"));
            }
        }
        if (submitting) {
            for (QuestionSet.Question q : set.questions()) {
                JsonNode v = answers.get(q.code());
                if (q.required() && (v == null || v.isNull())) {
                    errors.add(new FieldError("answers." + q.code(), "is required"));
                }
            }
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field));
        return errors;
    }

    private static void checkText(JsonNode v, String field, int max, List<FieldError> errors) {
        if (!v.isTextual()) {
            errors.add(new FieldError(field, "must be text"));
        } else if (v.asText().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static boolean hasOption(QuestionSet.Question q, String code) {
        return q.options() != null && q.options().stream().anyMatch(o -> o.code().equals(code));
    }

    private static List<String> codes(QuestionSet.Question q) {
        return q.options() == null ? List.of() : q.options().stream().map(QuestionSet.Option::code).toList();
    }
}
