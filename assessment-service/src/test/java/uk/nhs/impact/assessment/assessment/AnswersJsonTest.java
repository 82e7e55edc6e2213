package uk.nhs.impact.assessment.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswersJsonTest {
    /** Configured as the service's mapper is: Java time as ISO text. */
    private final AnswersJson stored = new AnswersJson(JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());

    private static final Answer Q01 = new Answer("STARTING", "Vision drafted",
            List.of(new Answer.Action("Co-design the vision", null, LocalDate.parse("2024-03-31"))));

    @Test
    void answersAreStoredByQuestionCodeInCodeOrderWithoutEmptyParts() {
        String text = stored.answers(Map.of("Q02", new Answer("DEVELOPING", null, null), "Q01", Q01));
        assertThat(text).isEqualTo("""
                {"Q01":{"levelCode":"STARTING","evidence":"Vision drafted","actions":[{"description":"Co-design the vision",\
                "dueDate":"2024-03-31"}]},"Q02":{"levelCode":"DEVELOPING"}}""");
        assertThat(stored.answers(text)).containsExactly(Map.entry("Q01", Q01), Map.entry("Q02", new Answer("DEVELOPING", null, null)));
    }

    @Test
    void aNewAssessmentHasNoAnswers() {
        assertThat(stored.answers(AnswersJson.NONE)).isEmpty();
    }

    @Test
    void theSignOffRoundTripsAndIsAbsentUntilSignedOff() {
        SignOff signOff = new SignOff("Dr A Chair", "Chair of the Board", LocalDate.parse("2023-09-28"), "BM/23/114",
                Instant.parse("2023-09-29T09:30:00Z"), "trust.lead");
        String text = stored.signOff(signOff);
        assertThat(text).isEqualTo("""
                {"approverName":"Dr A Chair","approverRole":"Chair of the Board","boardMeetingDate":"2023-09-28",\
                "minuteReference":"BM/23/114","signedOffAt":"2023-09-29T09:30:00Z","signedOffBy":"trust.lead"}""");
        assertThat(stored.signOff(text)).isEqualTo(signOff);
        assertThat(stored.signOff((String) null)).isNull();
    }

    @Test
    void storedTextThatDoesNotReadBackIsAServerFault() {
        assertThatThrownBy(() -> stored.answers("not json")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Stored answers are not readable");
        assertThatThrownBy(() -> stored.signOff("[1, 2]")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Stored sign-off is not readable");
    }
}
