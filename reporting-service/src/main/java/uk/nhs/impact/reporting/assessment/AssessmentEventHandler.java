package uk.nhs.impact.reporting.assessment;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.assessment.AssessmentChanged;
import uk.nhs.impact.contracts.assessment.AssessmentReviewed;
import uk.nhs.impact.contracts.assessment.AssessmentSubmitted;
import uk.nhs.impact.reporting.ingest.Collapse;
import uk.nhs.impact.reporting.ingest.EventFields;
import uk.nhs.impact.reporting.ingest.EventHandler;
import uk.nhs.impact.reporting.ingest.EventRoute;
import uk.nhs.impact.reporting.ingest.RowSet;

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
        return List.of(EventRoute.of(EventTypes.ASSESSMENT_SUBMITTED, AssessmentSubmitted.class, AssessmentChange::of),
                changed(EventTypes.ASSESSMENT_REOPENED), changed(EventTypes.ASSESSMENT_WITHDRAWN),
                changed(EventTypes.ASSESSMENT_SHARING_CHANGED),
                EventRoute.of(EventTypes.ASSESSMENT_REVIEWED, AssessmentReviewed.class, e -> {
                    EventFields.required(e.assessmentId(), "assessmentId");
                    EventFields.required(e.outcome(), "outcome");
                    return null;
                }));
    }

    private EventRoute<AssessmentChanged> changed(String type) {
        return EventRoute.of(type, AssessmentChanged.class, e -> AssessmentChange.of(type, e));
    }

    /**
     * What a change does depends on the changes of its assessment before it (a new sharing level moves the row an earlier
     * submission stored), so a batch is applied in rounds, each taking every assessment's next change, set-wise.
     */
    @Override
    public Uni<Void> applyAll(List<Object> changes) {
        List<AssessmentChange> all = changes.stream().map(AssessmentChange.class::cast).toList();
        Uni<Void> work = Uni.createFrom().voidItem();
        for (List<AssessmentChange> round : Collapse.rounds(all, AssessmentChange::assessmentId)) {
            work = work.chain(() -> applyRound(round));
        }
        return work;
    }

    /** Changes of distinct assessments: those newer than their assessment's last applied event are applied. */
    private Uni<Void> applyRound(List<AssessmentChange> round) {
        return latest(round).chain(latest -> {
            RowSet stored = new RowSet();
            RowSet relevelled = new RowSet();
            RowSet removed = new RowSet();
            for (AssessmentChange change : round) {
                if (!latest.contains(change.assessmentId())) {
                    continue;
                }
                switch (change.action()) {
                    case STORE -> store(stored, change.row());
                    case RELEVEL -> relevelled.add().put("assessment_id", change.assessmentId()).put("revision", change.revision())
                            .put("sharing", change.sharing());
                    case REMOVE -> removed.add().put("assessment_id", change.assessmentId());
                }
            }
            return stored.execute(STORE).chain(() -> relevelled.execute("""
                    update assessment_record r set sharing = x.sharing, revision = greatest(r.revision, x.revision)
                    from %s where r.assessment_id = x.assessment_id""".formatted(RowSet.rowsOf("assessment_record"))))
                    .chain(() -> removed.execute("""
                            delete from assessment_record r using %s
                            where r.assessment_id = x.assessment_id""".formatted(RowSet.rowsOf("assessment_record"))))
                    .replaceWithVoid();
        });
    }

    /**
     * Records each change of the round as its assessment's latest and answers the assessments it did so for, leaving out (and
     * recording nothing for) those where an event at least as new was applied before. The row locks this takes order
     * concurrent events of one assessment.
     */
    private Uni<Set<String>> latest(List<AssessmentChange> round) {
        RowSet rows = new RowSet();
        round.forEach(c -> rows.add().put("assessment_id", c.assessmentId()).put("revision", c.revision()).put("sequence", c.sequence()));
        return rows.returning("""
                insert into assessment_last_event(assessment_id, revision, sequence)
                select assessment_id, revision, sequence from %s
                on conflict (assessment_id) do update set revision = excluded.revision, sequence = excluded.sequence
                where case when excluded.sequence is not null and assessment_last_event.sequence is not null
                           then excluded.sequence > assessment_last_event.sequence
                           else excluded.revision >= assessment_last_event.revision end
                returning assessment_id""".formatted(RowSet.rowsOf("assessment_last_event"))).map(Set::copyOf);
    }

    private static final String STORE = """
            insert into assessment_record(assessment_id, ods_code, org_type, trust_type, icb_code, region_code, cycle,
                reference_date, instrument_id, instrument_version, revision, status, sharing, answers, submitted_at)
            select assessment_id, ods_code, org_type, trust_type, icb_code, region_code, cycle, reference_date, instrument_id,
                instrument_version, revision, 'SUBMITTED', sharing, answers, submitted_at
            from %s
            on conflict (assessment_id) do update set
                ods_code = excluded.ods_code, org_type = excluded.org_type, trust_type = excluded.trust_type,
                icb_code = excluded.icb_code, region_code = excluded.region_code, cycle = excluded.cycle,
                reference_date = excluded.reference_date, instrument_id = excluded.instrument_id,
                instrument_version = excluded.instrument_version, revision = excluded.revision, status = 'SUBMITTED',
                sharing = excluded.sharing, answers = excluded.answers, submitted_at = excluded.submitted_at
            where assessment_record.revision <= excluded.revision""".formatted(RowSet.rowsOf("assessment_record"));

    private static void store(RowSet rows, AssessmentChange.Row row) {
        rows.add().put("assessment_id", row.assessmentId()).put("ods_code", row.odsCode()).put("org_type", row.orgType())
                .put("trust_type", row.trustType()).put("icb_code", row.icbCode()).put("region_code", row.regionCode())
                .put("cycle", row.cycle()).put("reference_date", row.referenceDate()).put("instrument_id", row.instrumentId())
                .put("instrument_version", row.instrumentVersion()).put("revision", row.revision()).put("sharing", row.sharing())
                .putJson("answers", row.answers()).put("submitted_at", row.submittedAt());
    }
}
