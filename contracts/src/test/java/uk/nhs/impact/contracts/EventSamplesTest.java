package uk.nhs.impact.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire format: every event type's sample reads into its record and writes back as the same JSON, and a reader
 * ignores fields it does not know, even with a mapper that otherwise fails on them (as the services' REST mapper does).
 */
class EventSamplesTest {
    /** As the services configure theirs for request bodies: unknown properties fail. */
    private static final ObjectMapper STRICT = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Set<String> types() {
        return EventTypes.all();
    }

    @ParameterizedTest
    @MethodSource("types")
    void sampleReadsIntoItsRecordAndWritesBackTheSameJson(String type) throws Exception {
        JsonNode sample = EventSamples.json(type);
        Object payload = STRICT.treeToValue(sample, EventTypes.payloadOf(type));

        assertThat(payload).isInstanceOf(EventTypes.payloadOf(type)).isEqualTo(EventSamples.payload(type));
        assertThat(STRICT.readTree(STRICT.writeValueAsString(payload))).isEqualTo(sample);
    }

    @ParameterizedTest
    @MethodSource("types")
    void unknownFieldsAreIgnoredAtEveryLevel(String type) throws Exception {
        ObjectNode newer = EventSamples.json(type).deepCopy();
        newer.put("addedInALaterRelease", "ignored");
        newer.putObject("anotherBlock").put("nested", 1);
        if (newer.get("organisation") instanceof ObjectNode org) {
            org.put("postcode", "NG3 6AA");
        }

        assertThat(STRICT.treeToValue(newer, EventTypes.payloadOf(type))).isEqualTo(EventSamples.payload(type));
    }

    @ParameterizedTest
    @MethodSource("types")
    void sampleHasTheShapeOfItself(String type) {
        assertThat(EventSamples.compare(type, EventSamples.text(type)).same()).isTrue();
    }

    @Test
    void pathsOfOptionalFieldsAreTheFieldsAndEverythingBelowThem() {
        assertThat(EventSamples.paths(EventTypes.ASSESSMENT_SUBMITTED, "signOff", "sequence")).containsExactly("sequence", "signOff",
                "signOff.approverName", "signOff.approverRole", "signOff.boardMeetingDate", "signOff.minuteReference");
        assertThat(EventSamples.paths(EventTypes.ASSESSMENT_SUBMITTED, "answers")).contains("answers", "answers[]",
                "answers[].levelOrdinal", "answers[].actions[]", "answers[].actions[].dueDate").noneMatch(p -> p.startsWith("signOff"));
        assertThat(EventSamples.paths(EventTypes.SURVEY_RESPONSE_SUBMITTED, "answers"))
                .containsExactly("answers", "answers.*", "answers.*.text", "answers.*[]");
    }

    @Test
    void typesOfAnAggregateAreItsTypesOnly() {
        assertThat(EventSamples.typesOf("baseline")).containsExactlyInAnyOrder(EventTypes.BASELINE_RETURN_SUBMITTED,
                EventTypes.BASELINE_RETURN_AMENDED, EventTypes.BASELINE_COLLECTION_OPENED, EventTypes.BASELINE_COLLECTION_CLOSED,
                EventTypes.BASELINE_RETURN_REVIEWED);
        assertThat(EventSamples.typesOf("assessment")).hasSize(5).allMatch(t -> t.startsWith("uk.nhs.impact.assessment."));
    }
}
