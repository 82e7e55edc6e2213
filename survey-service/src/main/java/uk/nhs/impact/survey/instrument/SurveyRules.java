package uk.nhs.impact.survey.instrument;

import static uk.nhs.impact.platform.instrument.DefinitionChecks.uniqueCodes;

import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.platform.problem.FieldError;

/** Consistency of a survey definition: unique codes, options only where they belong, limits that can be met. */
public final class SurveyRules {
    private SurveyRules() {
    }

    public static List<FieldError> check(SurveyDefinition def) {
        List<FieldError> errors = new ArrayList<>();
        uniqueCodes(def.questions().stream().map(SurveyDefinition.Question::code).toList(), "questions", errors);
        for (int i = 0; i < def.questions().size(); i++) {
            SurveyDefinition.Question q = def.questions().get(i);
            String at = "questions[" + i + "]";
            List<SurveyDefinition.Option> options = q.options() == null ? List.of() : q.options();
            if (q.isChoice() && options.size() < 2) {
                errors.add(new FieldError(at + ".options", "a " + q.type() + " question needs at least two options"));
            }
            if (!q.isChoice() && !options.isEmpty()) {
                errors.add(new FieldError(at + ".options", "free text questions have no options"));
            }
            uniqueCodes(options.stream().map(SurveyDefinition.Option::code).toList(), at + ".options", errors);
            if (q.maxChoices() != null && (q.type() != SurveyDefinition.Type.MULTI_CHOICE || q.maxChoices() > options.size())) {
                errors.add(new FieldError(at + ".maxChoices", "only for multi choice, and at most the number of options"));
            }
            if (q.otherOptionCode() != null && (!q.isChoice() || q.type() == SurveyDefinition.Type.LIKERT || !q.hasOption(q.otherOptionCode()))) {
                errors.add(new FieldError(at + ".otherOptionCode", "must be one of this choice question's options"));
            }
            if (q.type() == SurveyDefinition.Type.LIKERT && !q.ordinal()) {
                errors.add(new FieldError(at + ".ordinal", "a Likert scale is ordered"));
            }
            if (q.maxLength() != null && q.type() != SurveyDefinition.Type.FREE_TEXT) {
                errors.add(new FieldError(at + ".maxLength", "only for free text"));
            }
        }
        return errors;
    }
}
