package uk.nhs.impact.reporting.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.impact.contracts.survey.RunChanged;

/** The questions a run asks, as its events list them: what the results show even when nobody chose it. */
final class QuestionList {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QuestionList() {
    }

    /** The stored list, or none when the run's events did not carry it. */
    static List<RunChanged.Question> read(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<RunChanged.Question>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("survey_run.questions is not a question list", e);
        }
    }

    /**
     * Adds every asked question nobody answered, and every offered option nobody chose, with a count of 0. A question's
     * kind as answered wins over its kind as asked; Likert answers are single choices.
     */
    static void addUnanswered(List<RunChanged.Question> asked, Map<String, Map<String, Long>> counts, Map<String, String> kinds) {
        for (RunChanged.Question q : asked) {
            String kind = switch (String.valueOf(q.kind())) {
                case "free_text" -> "free_text";
                case "multi_choice" -> "multi_choice";
                default -> "single_choice";
            };
            kinds.putIfAbsent(q.code(), kind);
            if (!"free_text".equals(kinds.get(q.code())) && q.options() != null) {
                Map<String, Long> options = counts.computeIfAbsent(q.code(), k -> new TreeMap<>());
                q.options().forEach(o -> options.putIfAbsent(o, 0L));
            }
        }
    }
}
