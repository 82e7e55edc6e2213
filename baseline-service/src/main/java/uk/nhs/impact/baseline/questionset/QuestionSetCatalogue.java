package uk.nhs.impact.baseline.questionset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The question sets shipped with the service (reference data, one file per version). */
@ApplicationScoped
public class QuestionSetCatalogue {
    private final List<QuestionSet> sets;

    public QuestionSetCatalogue() {
        this.sets = load("question-sets/baseline-v1.json");
    }

    record File(List<QuestionSet> questionSets) {
    }

    static List<QuestionSet> load(String resource) {
        try (InputStream in = QuestionSetCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            return List.copyOf(json.readValue(in, File.class).questionSets());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<QuestionSet> all() {
        return sets;
    }

    /** The latest published set for an organisation type (trust, icb, region, directorate). */
    public Optional<QuestionSet> current(String orgType) {
        return sets.stream().filter(s -> s.orgType().equals(orgType) && "PUBLISHED".equals(s.status()))
                .max(Comparator.comparingInt(QuestionSet::version));
    }

    public Optional<QuestionSet> find(String orgType, int version) {
        return sets.stream().filter(s -> s.orgType().equals(orgType) && s.version() == version).findFirst();
    }
}
