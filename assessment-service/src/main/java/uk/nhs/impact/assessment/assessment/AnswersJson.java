package uk.nhs.impact.assessment.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.TreeMap;

/**
 * Answers and the board sign-off as the assessment tables hold them: JSON text, the answers keyed by question code. Text the
 * service wrote and cannot read back is a fault of the service, never of the caller, so it fails as a server error.
 */
@Singleton
public class AnswersJson {
    private static final TypeReference<TreeMap<String, Answer>> ANSWERS = new TypeReference<>() {
    };

    /** What a new assessment starts with. */
    public static final String NONE = "{}";

    private final ObjectMapper json;

    public AnswersJson(ObjectMapper json) {
        this.json = json;
    }

    /** The stored answers in question-code order. */
    public TreeMap<String, Answer> answers(String stored) {
        try {
            return json.readValue(stored, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers are not readable", e);
        }
    }

    /** The answers as stored: in question-code order, whatever map they come in. */
    public String answers(Map<String, Answer> answers) {
        return write(new TreeMap<>(answers));
    }

    /** The stored sign-off; null while the revision is not signed off. */
    public SignOff signOff(String stored) {
        try {
            return stored == null ? null : json.readValue(stored, SignOff.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored sign-off is not readable", e);
        }
    }

    public String signOff(SignOff signOff) {
        return write(signOff);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
