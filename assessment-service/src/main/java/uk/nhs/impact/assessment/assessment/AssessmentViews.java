package uk.nhs.impact.assessment.assessment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Builds the API's view of an assessment the caller may read, with its reviews. */
@ApplicationScoped
public class AssessmentViews {
    @Inject
    AnswersJson stored;

    public Uni<AssessmentView> of(Loaded l) {
        return Panache.withSession(() -> AssessmentReview.of(l.assessment().id)).map(reviews -> AssessmentView.of(l, stored, reviews));
    }
}
