package uk.nhs.impact.reporting.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.ingest.EventHandler;
import uk.nhs.impact.reporting.ingest.Payloads;
import uk.nhs.impact.reporting.ingest.PoisonEventException;

import java.util.Locale;
import java.util.Set;

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
 * </ul>
 * Events of one organisation arrive in order (its ODS code is the record key). Each assessment's last applied event is kept
 * in {@code assessment_last_event} (no answers), so an event older than it, by the assessment's change sequence or, for
 * events without one, by revision, changes nothing: a rebuild replaying while live events arrive never brings deleted
 * answers back.
 */
@ApplicationScoped
public class AssessmentEventHandler implements EventHandler {

    private enum Action { STORE, RELEVEL, REMOVE }

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.ASSESSMENT_SUBMITTED, EventTypes.ASSESSMENT_REOPENED, EventTypes.ASSESSMENT_WITHDRAWN,
                EventTypes.ASSESSMENT_SHARING_CHANGED);
    }

    @Override
    public Uni<Void> apply(String type, String subject, JsonNode data) {
        String id = PoisonEventException.required(data, "assessmentId");
        int revision = Payloads.integer(data, 1, "revision");
        Long sequence = Payloads.optionalLong(data, "sequence");
        String sharing = sharing(data);
        Action action = action(type, data, sharing);
        // read everything the change needs before writing, so a poison event fails before it touches anything
        ObjectNode answers = action == Action.STORE ? answers(data) : null;
        return latest(id, revision, sequence).chain(latest -> {
            if (!latest) {
                return Uni.createFrom().voidItem();
            }
            return switch (action) {
                case STORE -> store(id, revision, sharing, answers, data);
                case RELEVEL -> execute("update assessment_record set sharing = :sharing, revision = greatest(revision, :revision) "
                        + "where assessment_id = :id", id, revision, sharing);
                case REMOVE -> execute("delete from assessment_record where assessment_id = :id", id, null, null);
            };
        });
    }

    private static Action action(String type, JsonNode data, String sharing) {
        boolean shared = !sharing.equals(SharingLevel.PRIVATE.name());
        if (type.equals(EventTypes.ASSESSMENT_SUBMITTED)) {
            return shared ? Action.STORE : Action.REMOVE;
        }
        if (type.equals(EventTypes.ASSESSMENT_SHARING_CHANGED)) {
            String status = Payloads.text(data, "status");
            if (!shared || (status != null && !status.trim().equalsIgnoreCase("SUBMITTED"))) {
                return Action.REMOVE;
            }
            return Payloads.present(data, "answers") ? Action.STORE : Action.RELEVEL;
        }
        return Action.REMOVE;
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

    private static ObjectNode answers(JsonNode data) {
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        Payloads.answersByQuestion(data).fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            int level = Payloads.integer(a, -1, "levelOrdinal", "ordinal", "level");
            if (level < 1) {
                throw new PoisonEventException("answer " + e.getKey() + " has no level ordinal");
            }
            // only what the views count: never the evidence or the actions
            answers.set(e.getKey(), JsonNodeFactory.instance.objectNode()
                    .put("component", Payloads.text(a, "componentCode", "component"))
                    .put("level", level)
                    .put("levelCode", Payloads.text(a, "levelCode", "levelName")));
        });
        return answers;
    }

    private Uni<Void> store(String id, int revision, String sharing, ObjectNode answers, JsonNode data) {
        JsonNode org = Payloads.organisation(data);
        String cycle = PoisonEventException.required(data, "cycle");
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
                .setParameter("id", id)
                .setParameter("ods", Payloads.text(org, "odsCode"))
                .setParameter("orgType", Payloads.text(org, "orgType"))
                .setParameter("trustType", Payloads.text(org, "trustType"))
                .setParameter("icb", Payloads.text(org, "icbOdsCode", "icbCode"))
                .setParameter("region", Payloads.text(org, "regionOdsCode", "regionCode"))
                .setParameter("cycle", cycle)
                .setParameter("refDate", Payloads.date(Payloads.text(data, "referenceDate")))
                .setParameter("instrument", Payloads.text(data, "instrumentId", "instrumentCode"))
                .setParameter("version", Payloads.integer(data, 0, "instrumentVersion"))
                .setParameter("revision", revision)
                .setParameter("sharing", sharing)
                .setParameter("answers", answers.toString())
                .setParameter("submittedAt", Payloads.timestamp(Payloads.text(data, "submittedAt")))
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

    private static String sharing(JsonNode data) {
        String raw = Payloads.text(data, "sharing", "sharingLevel", "sharedWith");
        if (raw == null) {
            return SharingLevel.PRIVATE.name();
        }
        try {
            return SharingLevel.valueOf(raw.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("unknown sharing level " + raw);
        }
    }
}
