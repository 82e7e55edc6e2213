package uk.nhs.impact.reporting.rebuild;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The tables built from events (not the reference data), emptied before a rebuild together with the consumer log. */
@ApplicationScoped
public class ReadModels {
    static final String TABLES = "baseline_collection, baseline_return, survey_run, survey_response, assessment_record, assessment_last_event";

    /** Inside the caller's transaction. */
    public Uni<Void> clear() {
        return Panache.getSession().chain(s -> s.createNativeQuery("truncate " + TABLES).executeUpdate()
                .chain(() -> s.createNativeQuery("delete from processed_event where consumer = 'reporting'").executeUpdate()))
                .replaceWithVoid();
    }
}
