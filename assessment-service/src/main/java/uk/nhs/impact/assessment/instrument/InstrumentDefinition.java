package uk.nhs.impact.assessment.instrument;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of a self-assessment instrument: its ordered maturity scale (lowest first), components and questions.
 * The scale is data: each version carries its own levels, and levels not confirmed by a published source are flagged
 * {@code provisional}. {@code questionMap} maps the previous version's question codes to this version's, so progress can be
 * measured across versions.
 */
public record InstrumentDefinition(
        @NotBlank @Size(max = 300) String label,
        @Size(max = 2000) String notes,
        @NotNull @Size(min = 2, max = 10) List<@Valid @NotNull Level> levels,
        @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull Component> components,
        @NotNull @Size(min = 1, max = 200) List<@Valid @NotNull Question> questions,
        @Size(max = 200) Map<@NotBlank @Size(max = 30) String, @NotBlank @Size(max = 30) String> questionMap) {

    public static final String CODE = "[A-Z][A-Z0-9_]{0,29}";

    public record Level(@NotBlank @Size(max = 30) @Pattern(regexp = CODE, message = "must be 1 to 30 upper-case letters, digits or _") String code,
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String meaning,
            boolean provisional) {
    }

    public record Component(@NotBlank @Size(max = 30) @Pattern(regexp = CODE, message = "must be 1 to 30 upper-case letters, digits or _") String code,
            @NotBlank @Size(max = 200) String name) {
    }

    public record Question(@NotBlank @Size(max = 30) @Pattern(regexp = CODE, message = "must be 1 to 30 upper-case letters, digits or _") String code,
            @Min(1) @Max(200) int number,
            @NotBlank @Size(max = 30) String componentCode,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 10) Map<@NotBlank @Size(max = 30) String, @NotBlank @Size(max = 4000) String> descriptors) {
    }

    public Optional<Question> question(String code) {
        return questions.stream().filter(q -> q.code().equals(code)).findFirst();
    }

    /** The level's place in the scale, lowest = 1; 0 when the code is not in this version's scale. */
    public int ordinalOf(String levelCode) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).code().equals(levelCode)) {
                return i + 1;
            }
        }
        return 0;
    }

    public Map<String, String> questionMapOrEmpty() {
        return questionMap == null ? Map.of() : questionMap;
    }
}
