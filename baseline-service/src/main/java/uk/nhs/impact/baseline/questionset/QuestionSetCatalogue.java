package uk.nhs.impact.baseline.questionset;

import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Synchronous reads of the shipped question sets, kept for callers that still read them outside a reactive pipeline.
 * The question sets themselves are {@link QuestionSets}; new code reads them there ({@code current}, {@code version},
 * {@code published}), which also sees versions stored in the database.
 */
@ApplicationScoped
public class QuestionSetCatalogue {
    @Inject
    QuestionSets sets;

    public List<QuestionSet> all() {
        return sets.shippedSets();
    }

    /** The latest published set for an organisation type (trust, icb, region, directorate). */
    public Optional<QuestionSet> current(String orgType) {
        return all().stream().filter(s -> s.orgType().equals(orgType) && "PUBLISHED".equals(s.status()))
                .max(Comparator.comparingInt(QuestionSet::version));
    }

    public Optional<QuestionSet> find(String orgType, int version) {
        return all().stream().filter(s -> s.orgType().equals(orgType) && s.version() == version).findFirst();
    }
}
