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
 * Self-assessments as their organisations share them. Only a submitted assessment counts; reopening or withdrawing it
 * takes it out of every aggregate until it is submitted again, and narrowing its sharing takes it out of the wider views.
 */
@ApplicationScoped
public class AssessmentEventHandler implements EventHandler {

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.ASSESSMENT_SUBMITTED, EventTypes.ASSESSMENT_REOPENED, EventTypes.ASSESSMENT_WITHDRAWN,
                EventTypes.ASSESSMENT_SHARING_CHANGED);
    }

    @Override
    public Uni<Void> apply(String type, String subject, JsonNode data) {
        String id = PoisonEventException.required(data, "assessmentId");
        int revision = Payloads.integer(data, 1, "revision", "sequence");
        if (type.equals(EventTypes.ASSESSMENT_SUBMITTED)) {
            return submitted(id, revision, data);
        }
        if (type.equals(EventTypes.ASSESSMENT_SHARING_CHANGED)) {
            return update("update assessment_record set sharing = :value, revision = :revision where assessment_id = :id and revision <= :revision",
                    id, revision, sharing(data));
        }
        String status = type.equals(EventTypes.ASSESSMENT_WITHDRAWN) ? "WITHDRAWN" : "REOPENED";
        return update("update assessment_record set status = :value, revision = :revision where assessment_id = :id and revision <= :revision",
                id, revision, status);
    }

    private Uni<Void> submitted(String id, int revision, JsonNode data) {
        JsonNode org = Payloads.organisation(data);
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        Payloads.answersByQuestion(data).fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            int level = Payloads.integer(a, -1, "levelOrdinal", "ordinal", "level");
            if (level < 1) {
                throw new PoisonEventException("answer " + e.getKey() + " has no level ordinal");
            }
            answers.set(e.getKey(), JsonNodeFactory.instance.objectNode()
                    .put("component", Payloads.text(a, "componentCode", "component"))
                    .put("level", level)
                    .put("levelCode", Payloads.text(a, "levelCode", "levelName")));
        });
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
                .setParameter("cycle", PoisonEventException.required(data, "cycle"))
                .setParameter("refDate", Payloads.date(Payloads.text(data, "referenceDate")))
                .setParameter("instrument", Payloads.text(data, "instrumentId", "instrumentCode"))
                .setParameter("version", Payloads.integer(data, 0, "instrumentVersion"))
                .setParameter("revision", revision)
                .setParameter("sharing", sharing(data))
                .setParameter("answers", answers.toString())
                .setParameter("submittedAt", Payloads.timestamp(Payloads.text(data, "submittedAt")))
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> update(String sql, String id, int revision, String value) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).setParameter("id", id).setParameter("revision", revision)
                .setParameter("value", value).executeUpdate()).replaceWithVoid();
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
