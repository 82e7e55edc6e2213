package uk.nhs.impact.reporting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.impact.contracts.EventSamples;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.baseline.ReturnSubmitted;

/** The consumer side of the contract: every pinned sample reads as its record, newer fields are ignored, the rest is poison. */
class EventReaderTest {
    /** As the service's mapper is configured for request bodies: unknown properties fail there, never here. */
    private static final EventReader READER = new EventReader(new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    static Set<String> types() {
        return EventTypes.all();
    }

    @ParameterizedTest
    @MethodSource("types")
    void everySampleReadsAsItsRecord(String type) {
        assertThat(READER.read(EventSamples.text(type), EventTypes.payloadOf(type))).isEqualTo(EventSamples.payload(type));
    }

    @ParameterizedTest
    @MethodSource("types")
    void fieldsAddedByANewerProducerAreIgnored(String type) {
        ObjectNode newer = EventSamples.json(type).deepCopy();
        newer.put("addedLater", true);
        if (newer.get("organisation") instanceof ObjectNode org) {
            org.put("postcode", "NG3 6AA");
        }

        assertThat(READER.read(newer.toString(), EventTypes.payloadOf(type))).isEqualTo(EventSamples.payload(type));
    }

    @Test
    void aPayloadThatIsNotJsonOrNotAnObjectOrNotTheRecordIsPoison() {
        assertThatThrownBy(() -> READER.read("this is not json", ReturnSubmitted.class))
                .isInstanceOf(PoisonEventException.class).hasMessageStartingWith("payload is not JSON");
        assertThatThrownBy(() -> READER.read("[1, 2]", ReturnSubmitted.class))
                .isInstanceOf(PoisonEventException.class).hasMessage("payload is not a JSON object");
        assertThatThrownBy(() -> READER.read(null, ReturnSubmitted.class))
                .isInstanceOf(PoisonEventException.class).hasMessage("payload is not a JSON object");
        assertThatThrownBy(() -> READER.read("""
                {"collectionId": "c", "revision": "second"}""", ReturnSubmitted.class))
                .isInstanceOf(PoisonEventException.class).hasMessageStartingWith("payload is not a ReturnSubmitted");
        assertThatThrownBy(() -> READER.read("""
                {"collectionId": "c", "answers": {"q": 3}}""", ReturnSubmitted.class))
                .isInstanceOf(PoisonEventException.class).hasMessageStartingWith("payload is not a ReturnSubmitted");
    }
}
