package uk.nhs.impact.survey.response;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.survey.instrument.SurveyDefinition;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Question;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Type;

/** Answers checked against the survey version of the run; every failing field is reported, not just the first. */
public final class ResponseRules {
    private ResponseRules() {
    }

    /** Problems with the given answers; when {@code submitting}, also every required question left unanswered. */
    public static List<FieldError> check(SurveyDefinition def, Map<String, SurveyAnswer> answers, boolean submitting) {
        List<FieldError> errors = new ArrayList<>();
        answers.forEach((code, answer) -> {
            String at = "answers." + code;
            Question q = def.question(code).orElse(null);
            if (q == null) {
                errors.add(new FieldError(at, "is not a question of this survey"));
            } else if (answer != null) {
                checkOne(q, answer, at, errors);
            }
        });
        if (submitting) {
            for (Question q : def.questions()) {
                SurveyAnswer a = answers.get(q.code());
                if (q.required() && (a == null || a.isEmpty())) {
                    errors.add(new FieldError("answers." + q.code(), "is required"));
                }
            }
        }
        return errors;
    }

    private static void checkOne(Question q, SurveyAnswer a, String at, List<FieldError> errors) {
        if (a.isEmpty()) {
            errors.add(new FieldError(at, "is empty: send null to clear an answer"));
            return;
        }
        List<String> chosen = new ArrayList<>();
        switch (q.type()) {
            case SINGLE_CHOICE, LIKERT -> {
                if (a.options() != null) {
                    errors.add(new FieldError(at + ".options", "a single choice question takes one answer: use option"));
                }
                if (a.text() != null) {
                    errors.add(new FieldError(at + ".text", "only for free text questions"));
                }
                if (a.option() == null) {
                    errors.add(new FieldError(at + ".option", "is required"));
                } else if (!q.hasOption(a.option())) {
                    errors.add(new FieldError(at + ".option", "must be one of " + codes(q)));
                } else {
                    chosen.add(a.option());
                }
            }
            case MULTI_CHOICE -> {
                if (a.option() != null) {
                    errors.add(new FieldError(at + ".option", "a multi choice question takes a list: use options"));
                }
                if (a.text() != null) {
                    errors.add(new FieldError(at + ".text", "only for free text questions"));
                }
                List<String> options = a.options() == null ? List.of() : a.options();
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < options.size(); i++) {
                    String o = options.get(i);
                    if (!q.hasOption(o)) {
                        errors.add(new FieldError(at + ".options[" + i + "]", "must be one of " + codes(q)));
                    } else if (!seen.add(o)) {
                        errors.add(new FieldError(at + ".options[" + i + "]", o + " is chosen twice"));
                    } else {
                        chosen.add(o);
                    }
                }
                if (q.maxChoices() != null && options.size() > q.maxChoices()) {
                    errors.add(new FieldError(at + ".options", "at most " + q.maxChoices() + " may be chosen"));
                }
            }
            case FREE_TEXT -> {
                if (a.option() != null || a.options() != null || a.otherText() != null) {
                    errors.add(new FieldError(at, "a free text question takes text only"));
                }
                if (a.text() != null && a.text().length() > q.textLimit()) {
                    errors.add(new FieldError(at + ".text", "must be at most " + q.textLimit() + " characters"));
                }
            }
        }
        if (a.otherText() != null && q.type() != Type.FREE_TEXT && (q.otherOptionCode() == null || !chosen.contains(q.otherOptionCode()))) {
            errors.add(new FieldError(at + ".otherText", "only with the option " + (q.otherOptionCode() == null ? "other (none here)" : q.otherOptionCode())));
        }
    }

    private static List<String> codes(Question q) {
        return q.options().stream().map(SurveyDefinition.Option::code).toList();
    }

    /** Answers as events carry them: option code, list of codes, or {"text": ...}; "other" text under {@code <code>_other_text}. */
    public static Map<String, Object> forEvent(SurveyDefinition def, Map<String, SurveyAnswer> answers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Question q : def.questions()) {
            SurveyAnswer a = answers.get(q.code());
            if (a == null || a.isEmpty()) {
                continue;
            }
            switch (q.type()) {
                case SINGLE_CHOICE, LIKERT -> out.put(q.code(), a.option());
                case MULTI_CHOICE -> out.put(q.code(), a.options());
                case FREE_TEXT -> out.put(q.code(), Map.of("text", a.text()));
            }
            if (a.otherText() != null && !a.otherText().isBlank()) {
                out.put(q.code() + "_other_text", Map.of("text", a.otherText()));
            }
        }
        return out;
    }
}
