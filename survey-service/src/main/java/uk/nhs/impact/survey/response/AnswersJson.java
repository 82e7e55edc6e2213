package uk.nhs.impact.survey.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.TreeMap;

/** Answers as the database keeps them: one JSON object keyed by question code, in code order. */
@ApplicationScoped
public class AnswersJson {
    private static final TypeReference<TreeMap<String, SurveyAnswer>> ANSWERS = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    public TreeMap<String, SurveyAnswer> read(String stored) {
        try {
            return stored == null ? new TreeMap<>() : json.readValue(stored, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers are not readable", e);
        }
    }

    public String write(TreeMap<String, SurveyAnswer> answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
