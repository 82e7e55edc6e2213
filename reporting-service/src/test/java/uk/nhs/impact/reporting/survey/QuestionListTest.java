package uk.nhs.impact.reporting.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.survey.RunChanged;

class QuestionListTest {
    private static final List<RunChanged.Question> ASKED = List.of(
            new RunChanged.Question("Q1", "single_choice", List.of("yes", "no", "unsure")),
            new RunChanged.Question("Q2", "multi_choice", List.of("a", "b")),
            new RunChanged.Question("Q3", "likert", List.of("agree", "disagree")),
            new RunChanged.Question("Q4", "free_text", List.of()));

    @Test
    void optionsNobodyChoseAndQuestionsNobodyAnsweredAreAddedAsZero() {
        Map<String, Map<String, Long>> counts = new TreeMap<>(Map.of("Q1", new TreeMap<>(Map.of("yes", 4L))));
        Map<String, String> kinds = new TreeMap<>(Map.of("Q1", "single_choice"));

        QuestionList.addUnanswered(ASKED, counts, kinds);

        assertThat(counts.get("Q1")).containsExactly(Map.entry("no", 0L), Map.entry("unsure", 0L), Map.entry("yes", 4L));
        assertThat(counts.get("Q2")).containsExactly(Map.entry("a", 0L), Map.entry("b", 0L));
        assertThat(counts.get("Q3")).containsOnlyKeys("agree", "disagree");
        assertThat(counts).doesNotContainKey("Q4");
        assertThat(kinds).containsExactly(Map.entry("Q1", "single_choice"), Map.entry("Q2", "multi_choice"), Map.entry("Q3", "single_choice"),
                Map.entry("Q4", "free_text"));
    }

    @Test
    void aRunWhoseEventsListNoQuestionsKeepsWhatWasAnswered() {
        Map<String, Map<String, Long>> counts = new HashMap<>(Map.of("Q1", new TreeMap<>(Map.of("yes", 4L))));
        Map<String, String> kinds = new HashMap<>(Map.of("Q1", "single_choice"));

        QuestionList.addUnanswered(QuestionList.read(null), counts, kinds);

        assertThat(counts).containsOnlyKeys("Q1");
        assertThat(counts.get("Q1")).containsOnlyKeys("yes");
        assertThat(kinds).containsOnlyKeys("Q1");
    }

    @Test
    void theStoredListReadsBack() {
        String json = """
                [{"code": "Q1", "kind": "single_choice", "options": ["yes", "no"]}, {"code": "Q4", "kind": "free_text", "options": []}]""";
        assertThat(QuestionList.read(json)).containsExactly(new RunChanged.Question("Q1", "single_choice", List.of("yes", "no")),
                new RunChanged.Question("Q4", "free_text", List.of()));
    }
}
