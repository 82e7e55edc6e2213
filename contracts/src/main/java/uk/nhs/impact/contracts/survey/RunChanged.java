package uk.nhs.impact.contracts.survey;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Payload of {@code survey.run-opened.v1} and {@code survey.run-closed.v1}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunChanged(
        String runId,
        String name,
        String instrumentId,
        int instrumentVersion,
        LocalDate referenceDate,
        Instant opensAt,
        Instant closesAt,
        List<String> organisationTypes,
        boolean closed) {
}
