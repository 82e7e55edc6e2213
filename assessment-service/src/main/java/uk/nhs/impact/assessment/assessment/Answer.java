package uk.nhs.impact.assessment.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/**
 * One question's answer: the level that best describes the organisation now (a code from the instrument version's scale),
 * the evidence for it and the actions planned. Any part may be missing while the assessment is a draft.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(@Size(max = 30) String levelCode,
        @Size(max = 4000) String evidence,
        @Size(max = 20) List<@Valid @NotNull Action> actions) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(@NotBlank @Size(max = 1000) String description,
            @Size(max = 200) String owner,
            LocalDate dueDate) {
    }

    public boolean hasLevel() {
        return levelCode != null && !levelCode.isBlank();
    }
}
