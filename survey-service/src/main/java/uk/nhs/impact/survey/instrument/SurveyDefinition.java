package uk.nhs.impact.survey.instrument;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Optional;

/**
 * One version of a survey: its questions, each single choice (ordinal or not, optionally with an "other" option that takes
 * text), multi choice (optionally with a maximum), Likert (an ordered scale) or free text; asked at trust or provider
 * collaborative level; required or optional. Options not confirmed by a published source are flagged {@code provisional}.
 */
public record SurveyDefinition(
        @NotBlank @Size(max = 300) String label,
        @Size(max = 2000) String notes,
        @NotNull @Size(min = 1, max = 200) List<@Valid @NotNull Question> questions) {

    public static final String QUESTION_CODE = "[A-Za-z][A-Za-z0-9_]{0,63}";
    public static final String OPTION_CODE = "[a-z0-9][a-z0-9_]{0,63}";

    public enum Type {
        SINGLE_CHOICE, MULTI_CHOICE, LIKERT, FREE_TEXT
    }

    public enum Level {
        TRUST, PROVIDER_COLLABORATIVE
    }

    public record Option(@NotBlank @Size(max = 64) @Pattern(regexp = OPTION_CODE, message = "must be lower-case letters, digits or _") String code,
            @NotBlank @Size(max = 500) String text,
            boolean provisional) {
    }

    public record Question(@NotBlank @Size(max = 64) @Pattern(regexp = QUESTION_CODE, message = "must be a letter then letters, digits or _") String code,
            @NotBlank @Size(max = 1000) String text,
            @NotNull Type type,
            @NotNull Level level,
            boolean required,
            boolean ordinal,
            @Size(max = 50) List<@Valid @NotNull Option> options,
            @Size(max = 64) String otherOptionCode,
            @Min(1) @Max(50) Integer maxChoices,
            @Min(1) @Max(20000) Integer maxLength) {

        public boolean hasOption(String code) {
            return options != null && options.stream().anyMatch(o -> o.code().equals(code));
        }

        @JsonIgnore
        public boolean isChoice() {
            return type != Type.FREE_TEXT;
        }

        /** Free text limit: the question's own, or 4,000 characters. */
        public int textLimit() {
            return maxLength == null ? 4000 : maxLength;
        }
    }

    public Optional<Question> question(String code) {
        return questions.stream().filter(q -> q.code().equals(code)).findFirst();
    }
}
