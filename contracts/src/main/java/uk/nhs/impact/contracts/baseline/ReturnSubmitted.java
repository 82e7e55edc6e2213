package uk.nhs.impact.contracts.baseline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.contracts.OrganisationRef;

/**
 * Payload of {@code baseline.return-submitted.v1} and {@code baseline.return-amended.v1}: the whole return.
 * {@code answers} maps question code to its answer: true/false for yes/no, a list of option codes for multi choice
 * (with {@code <code>_other_text} for "other"), a string for free text and single choice. A question saved without an
 * answer travels as {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReturnSubmitted(
        String collectionId,
        String questionSetId,
        int questionSetVersion,
        OrganisationRef organisation,
        LocalDate referenceDate,
        int revision,
        Instant submittedAt,
        Map<String, Answer> answers) {

    /** One answer, written on the wire as a bare boolean, a list of option codes or a string. */
    public sealed interface Answer permits YesNo, Options, Text {

        /** Reads the plain JSON value of an answer: a boolean, a list of strings or a string. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Answer of(Object value) {
            if (value instanceof Boolean yes) {
                return new YesNo(yes);
            }
            if (value instanceof String text) {
                return new Text(text);
            }
            if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                return new Options(list.stream().map(String.class::cast).toList());
            }
            throw new IllegalArgumentException("a baseline answer is true/false, a list of option codes or a string, not " + value);
        }
    }

    /** A yes/no question: true for yes. */
    public record YesNo(@JsonValue boolean yes) implements Answer {
    }

    /** Multi choice: the chosen options' codes, in the order given. */
    public record Options(@JsonValue List<String> codes) implements Answer {
    }

    /** Free text, a single choice's option code, or the text given with an "other" option. */
    public record Text(@JsonValue String text) implements Answer {
    }
}
