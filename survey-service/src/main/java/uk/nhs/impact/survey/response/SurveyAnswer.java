package uk.nhs.impact.survey.response;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * One answer: {@code option} for single choice and Likert, {@code options} for multi choice, {@code text} for free text, and
 * {@code otherText} with the question's "other" option.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SurveyAnswer(@Size(max = 64) String option,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> options,
        @Size(max = 1000) String otherText,
        @Size(max = 20000) String text) {

    @JsonIgnore
    public boolean isEmpty() {
        return option == null && (options == null || options.isEmpty()) && otherText == null && (text == null || text.isBlank());
    }
}
