package uk.nhs.impact.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.baseline.ReturnSubmitted;
import uk.nhs.impact.contracts.survey.ResponseSubmitted;

/** The typed answers keep the plain JSON of version 1, and the shape comparison finds renamed and missing fields. */
class EventShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void surveyAnswersAreWrittenAsPlainValues() throws Exception {
        Map<String, ResponseSubmitted.Answer> answers = new LinkedHashMap<>();
        answers.put("Q1", new ResponseSubmitted.Option("fully"));
        answers.put("Q2", new ResponseSubmitted.Options(List.of("a", "b")));
        answers.put("Q3", new ResponseSubmitted.Text("none"));
        answers.put("Q4", null);

        assertThat(JSON.readTree(JSON.writeValueAsString(answers))).isEqualTo(JSON.readTree("""
                {"Q1": "fully", "Q2": ["a", "b"], "Q3": {"text": "none"}, "Q4": null}"""));
        assertThat(ResponseSubmitted.Answer.of(Map.of("text", "none"))).isEqualTo(new ResponseSubmitted.Text("none"));
        assertThat(ResponseSubmitted.Answer.of("none")).isEqualTo(new ResponseSubmitted.Option("none"));
        assertThatThrownBy(() -> ResponseSubmitted.Answer.of(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseSubmitted.Answer.of(List.of(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void baselineAnswersAreWrittenAsPlainValues() throws Exception {
        Map<String, ReturnSubmitted.Answer> answers = new LinkedHashMap<>();
        answers.put("yes", new ReturnSubmitted.YesNo(true));
        answers.put("methods", new ReturnSubmitted.Options(List.of("QSIR")));
        answers.put("role", new ReturnSubmitted.Text("Chief nurse"));

        assertThat(JSON.readTree(JSON.writeValueAsString(answers))).isEqualTo(JSON.readTree("""
                {"yes": true, "methods": ["QSIR"], "role": "Chief nurse"}"""));
        assertThat(JSON.readValue("""
                {"answers": {"no": false, "role": "yes"}}""", ReturnSubmitted.class).answers())
                .containsEntry("no", new ReturnSubmitted.YesNo(false)).containsEntry("role", new ReturnSubmitted.Text("yes"));
        assertThatThrownBy(() -> ReturnSubmitted.Answer.of(Map.of("text", "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparisonNamesRenamedAndMissingFields() {
        ObjectNode event = EventSamples.json(EventTypes.BASELINE_RETURN_SUBMITTED).deepCopy();
        ObjectNode org = (ObjectNode) event.get("organisation");
        org.set("icbCode", org.remove("icbOdsCode"));
        event.remove("submittedAt");

        EventSamples.Shape shape = EventSamples.compare(EventTypes.BASELINE_RETURN_SUBMITTED, event);

        assertThat(shape.unexpected()).containsExactly("organisation.icbCode");
        assertThat(shape.absent()).containsExactly("organisation.icbOdsCode", "submittedAt");
        assertThat(shape.same()).isFalse();
    }

    @Test
    void pathsCountAnswersByShapeNotByQuestion() {
        assertThat(EventSamples.fieldPaths(EventSamples.json(EventTypes.SURVEY_RESPONSE_SUBMITTED)))
                .contains("answers", "answers.*", "answers.*[]", "answers.*.text", "organisation.odsCode")
                .noneMatch(p -> p.contains("Q1_"));
        assertThat(EventSamples.fieldPaths(EventSamples.json(EventTypes.ASSESSMENT_SUBMITTED)))
                .contains("answers[]", "answers[].levelOrdinal", "answers[].actions[].dueDate", "signOff.minuteReference");
    }
}
