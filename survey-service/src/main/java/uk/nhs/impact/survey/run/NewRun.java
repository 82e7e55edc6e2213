package uk.nhs.impact.survey.run;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A run to open: its id, the published survey version it collects, its window and who may respond. */
public record NewRun(
        @NotBlank @Size(max = 60) @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,59}", message = "must be 3 to 60 lower-case letters, digits or dashes") String id,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 60) String instrumentId,
        @NotNull @Min(1) @Max(1000) Integer instrumentVersion,
        @NotNull LocalDate referenceDate,
        @NotNull Instant opensAt,
        @NotNull Instant closesAt,
        @NotEmpty @Size(max = 4) List<@NotBlank @Size(max = 20) String> organisationTypes) {
}
