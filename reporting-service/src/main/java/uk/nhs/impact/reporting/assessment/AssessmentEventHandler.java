package uk.nhs.impact.reporting.assessment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.assessment.AssessmentChanged;
import uk.nhs.impact.contracts.assessment.AssessmentReviewed;
import uk.nhs.impact.contracts.assessment.AssessmentSubmitted;
import uk.nhs.impact.reporting.ingest.EventFields;
import uk.nhs.impact.reporting.ingest.EventHandler;
import uk.nhs.impact.reporting.ingest.EventRoute;

/**
 * Self-assessments as their organisations share them. {@code assessment_record} holds a row only for a submitted assessment
 * whose answers are currently shared (ICB, REGION or NATIONAL), with {@code sharing} its current level, and only the answers
 * shared at that level. Private data is not filtered out later: it is never stored, and a retraction deletes it.
 * <ul>
 *   <li>{@code submitted}: shared → the row with its answers; private → no row (a private submission carries no answers;
 *   one from before data minimisation that still does is not stored either).</li>
 *   <li>{@code sharing-changed}: to PRIVATE, or while the assessment is not submitted → the row is deleted (the retraction);
 *   to a shared level with the answers → the row is replaced at the new level; to a shared level without answers (events
 *   from before data minimisation) → the stored row, if any, takes the new level.</li>
 *   <li>{@code reopened}, {@code withdrawn} → the row is deleted until the assessment is submitted and shared again.</li>
 *   <li>{@code reviewed} (an ICB's review; never answers) → checked and recorded as applied, no read model changes: no report
 *   here is built from reviews, and it is not a change of the assessment's content, so it does not move
 *   {@code assessment_last_event}.</li>
 * </ul>
 * Events of one organisation arrive in order (its ODS code is the record key). Each assessment's last applied event is kept
 * in {@code assessment_last_event} (no answers), so an event older than it, by the assessment's change sequence or, for
 * events without one, by revision, changes nothing: a rebuild replaying while live events arrive never brings deleted
 * answers back.
 */
@ApplicationScoped
public class AssessmentEventHandler implements EventHandler {

    @Override
    public List<EventRoute<?>> routes() {
        return List.of(EventRoute.of(EventTypes.ASSESSMENT_SUBMITTED, AssessmentSubmitted.class, e -> apply(AssessmentChange.of(e))),
                changed(EventTypes.ASSESSMENT_REOPENED), changed(EventTypes.ASSESSMENT_WITHDRAWN),
                changed(EventTypes.ASSESSMENT_SHARING_CHANGED),
                EventRoute.of(EventTypes.ASSESSMENT_REVIEWED, AssessmentReviewed.class, e -> {
                    EventFields.required(e.assessmentId(), "assessmentId");
                    EventFields.required(e.outcome(), "outcome");
                    return Uni.createFrom().voidItem();
                }));
    }

    private EventRoute<AssessmentChanged> changed(String type) {
        return EventRoute.of(type, AssessmentChanged.class, e -> apply(AssessmentChange.of(type, e)));
    }

    private Uni<Void> apply(AssessmentChange change) {
        String id = change.assessmentId();
        return latest(id, change.revision(), change.sequence()).chain(latest -> {
            if (!latest) {
                return Uni.createFrom().voidItem();
            }
            return switch (change.action()) {
                case STORE -> store(change.row());
                case RELEVEL -> execute("update assessment_record set sharing = :sharing, revision = greatest(revision, :revision) "
                        + "where assessment_id = :id", id, change.revision(), change.sharing());
                case REMOVE -> execute("delete from assessment_record where assessment_id = :id", id, null, null);
            };
        });
    }

    /**
     * Records this event as the assessment's latest and answers true, or answers false (and records nothing) when an event
     * at least as new was applied before. The row lock this takes orders concurrent events of one assessment.
     */
    private Uni<Boolean> latest(String id, int revision, Long sequence) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into assessment_last_event(assessment_id, revision, sequence) values (:id, :revision, :sequence)
                on conflict (assessment_id) do update set revision = excluded.revision, sequence = excluded.sequence
                where case when excluded.sequence is not null and assessment_last_event.sequence is not null
                           then excluded.sequence > assessment_last_event.sequence
                           else excluded.revision >= assessment_last_event.revision end""")
                .setParameter("id", id).setParameter("revision", revision).setParameter("sequence", sequence)
                .executeUpdate()).map(rows -> rows > 0);
    }

    private Uni<Void> store(AssessmentChange.Row row) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into assessment_record(assessment_id, ods_code, org_type, trust_type, icb_code, region_code, cycle,
                    reference_date, instrument_id, instrument_version, revision, status, sharing, answers, submitted_at)
                values (:id, :ods, :orgType, :trustType, :icb, :region, :cycle, :refDate, :instrument, :version, :revision,
                    'SUBMITTED', :sharing, cast(cast(:answers as text) as jsonb), :submittedAt)
                on conflict (assessment_id) do update set
                    ods_code = excluded.ods_code, org_type = excluded.org_type, trust_type = excluded.trust_type,
                    icb_code = excluded.icb_code, region_code = excluded.region_code, cycle = excluded.cycle,
                    reference_date = excluded.reference_date, instrument_id = excluded.instrument_id,
                    instrument_version = excluded.instrument_version, revision = excluded.revision, status = 'SUBMITTED',
                    sharing = excluded.sharing, answers = excluded.answers, submitted_at = excluded.submitted_at
                where assessment_record.revision <= excluded.revision""")
                .setParameter("id", row.assessmentId())
                .setParameter("ods", row.odsCode())
                .setParameter("orgType", row.orgType())
                .setParameter("trustType", row.trustType())
                .setParameter("icb", row.icbCode())
                .setParameter("region", row.regionCode())
                .setParameter("cycle", row.cycle())
                .setParameter("refDate", row.referenceDate())
                .setParameter("instrument", row.instrumentId())
                .setParameter("version", row.instrumentVersion())
                .setParameter("revision", row.revision())
                .setParameter("sharing", row.sharing())
                .setParameter("answers", row.answers())
                .setParameter("submittedAt", row.submittedAt())
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> execute(String sql, String id, Integer revision, String sharing) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql).setParameter("id", id);
            if (revision != null) {
                query.setParameter("revision", revision);
            }
            if (sharing != null) {
                query.setParameter("sharing", sharing);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
