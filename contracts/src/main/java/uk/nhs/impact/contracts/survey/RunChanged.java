package uk.nhs.impact.contracts.survey;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Payload of {@code survey.run-opened.v1} and {@code survey.run-closed.v1}. {@code questions} (optional; absent from events
 * published before it was added) lists every question the run asks and every option it offers, so a report can show what
 * nobody chose as 0.
 */
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
        boolean closed,
        List<Question> questions) {

    /** A question of the run: its code, kind (single_choice, multi_choice, likert, free_text) and option codes in order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Question(String code, String kind, List<String> options) {
    }
}
