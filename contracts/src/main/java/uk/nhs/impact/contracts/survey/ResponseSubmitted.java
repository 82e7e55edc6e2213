package uk.nhs.impact.contracts.survey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.contracts.OrganisationRef;

/**
 * Payload of {@code survey.response-submitted.v1} and {@code survey.response-amended.v1}: the whole response.
 * {@code respondentId} is stable per respondent and run and reveals nobody's identity. {@code answers} maps question code to
 * an option code (single choice, Likert), a list of option codes (multi choice) or {@code {"text": ...}} (free text); the
 * text given with an "other" option travels as {@code <question>_other_text: {"text": ...}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponseSubmitted(
        String runId,
        String instrumentId,
        int instrumentVersion,
        LocalDate referenceDate,
        String respondentId,
        String respondentRole,
        OrganisationRef organisation,
        int revision,
        Instant submittedAt,
        Map<String, Answer> answers) {

    /** One answer, written on the wire as a bare option code, a list of option codes or {@code {"text": ...}}. */
    public sealed interface Answer permits Option, Options, Text {

        /** Reads the plain JSON value of an answer: a string, a list of strings, or an object with a {@code text} string. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Answer of(Object value) {
            if (value instanceof String code) {
                return new Option(code);
            }
            if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                return new Options(list.stream().map(String.class::cast).toList());
            }
            if (value instanceof Map<?, ?> map && map.get("text") instanceof String text) {
                return new Text(text);
            }
            throw new IllegalArgumentException("a survey answer is an option code, a list of option codes or {\"text\": ...}, not "
                    + value);
        }
    }

    /** Single choice or Likert: the chosen option's code. */
    public record Option(@JsonValue String code) implements Answer {
    }

    /** Multi choice: the chosen options' codes, in the order given. */
    public record Options(@JsonValue List<String> codes) implements Answer {
    }

    /** Free text, and the text given with an "other" option. */
    public record Text(String text) implements Answer {
        @JsonValue
        Map<String, String> json() {
            return Map.of("text", text);
        }
    }
}
