package uk.nhs.impact.reporting.rebuild;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.impact.platform.db.SessionSql;
import uk.nhs.impact.reporting.trend.BaselineTrendTally;

/**
 * The tables built from events (not the reference data), emptied before a rebuild together with the consumer log. The
 * change feed is not emptied: the replay finds each event's entry already there (by event id) and leaves it with its
 * position, so every cursor callers hold stays valid; an event missing from it is appended. The assessments' current
 * sharing, which decides who reads their entries, is rebuilt from the replay like the read models (until it is, their
 * entries reach only their own organisation).
 */
@ApplicationScoped
public class ReadModels {
    static final String TABLES = "baseline_collection, baseline_return, baseline_return_review, baseline_trend_tally, survey_run, survey_response, assessment_record, assessment_last_event, feed_assessment_sharing";

    /** Inside the caller's transaction. */
    public Uni<Void> clear() {
        return Panache.getSession().chain(s -> s.createNativeQuery("truncate " + TABLES).executeUpdate()
                .chain(() -> s.createNativeQuery("delete from processed_event where consumer = 'reporting'").executeUpdate()))
                .replaceWithVoid();
    }

    /** What a replay leaves to its end, inside the caller's transaction: the baseline trend's tallies, recounted once. */
    public Uni<Void> completeReplay() {
        return Panache.getSession().chain(s -> SessionSql.rows(s, BaselineTrendTally.RECOUNT_ALL))
                .replaceWithVoid();
    }
}
