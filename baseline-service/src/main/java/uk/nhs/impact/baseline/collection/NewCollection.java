package uk.nhs.impact.baseline.collection;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;

/** A collection to open: its id, name, the date the hierarchy is taken at, and its window. */
public record NewCollection(
        @NotBlank @Size(max = 60) @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,59}", message = "must be 3 to 60 lower-case letters, digits or dashes") String id,
        @NotBlank @Size(max = 200) String name, @NotNull LocalDate referenceDate,
        @NotNull Instant opensAt, @NotNull Instant closesAt) {
}
