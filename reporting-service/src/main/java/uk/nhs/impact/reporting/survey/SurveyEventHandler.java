package uk.nhs.impact.reporting.survey;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.reporting.ingest.EventHandler;
import uk.nhs.impact.reporting.ingest.Payloads;
import uk.nhs.impact.reporting.ingest.PoisonEventException;

import java.util.Set;


/** Survey runs and responses; an amended response replaces the respondent's earlier one. */
@ApplicationScoped
public class SurveyEventHandler implements EventHandler {

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.SURVEY_RESPONSE_SUBMITTED, EventTypes.SURVEY_RESPONSE_AMENDED,
                EventTypes.SURVEY_RUN_OPENED, EventTypes.SURVEY_RUN_CLOSED);
    }

    @Override
    public Uni<Void> apply(String type, String subject, JsonNode data) {
        if (type.equals(EventTypes.SURVEY_RUN_OPENED) || type.equals(EventTypes.SURVEY_RUN_CLOSED)) {
            return run(data, type.equals(EventTypes.SURVEY_RUN_CLOSED));
        }
        JsonNode org = Payloads.organisation(data);
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into survey_response(run_id, respondent_id, ods_code, trust_type, icb_code, region_code,
                            respondent_role, revision, answers)
                        values (:run, :respondent, :ods, :trustType, :icb, :region, :role, :revision,
                            cast(cast(:answers as text) as jsonb))
                        on conflict (run_id, respondent_id) do update set
                            ods_code = excluded.ods_code, trust_type = excluded.trust_type, icb_code = excluded.icb_code,
                            region_code = excluded.region_code, respondent_role = excluded.respondent_role,
                            revision = excluded.revision, answers = excluded.answers
                        where survey_response.revision <= excluded.revision""")
                .setParameter("run", PoisonEventException.required(data, "runId"))
                .setParameter("respondent", PoisonEventException.required(data, "respondentId"))
                .setParameter("ods", Payloads.text(org, "odsCode"))
                .setParameter("trustType", Payloads.text(org, "trustType"))
                .setParameter("icb", Payloads.text(org, "icbOdsCode", "icbCode"))
                .setParameter("region", Payloads.text(org, "regionOdsCode", "regionCode"))
                .setParameter("role", Payloads.text(data, "respondentRole", "role"))
                .setParameter("revision", Payloads.integer(data, 1, "revision"))
                .setParameter("answers", answers(data).toString())
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> run(JsonNode data, boolean closed) {
        JsonNode instrument = data.get("instrument");
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into survey_run(run_id, instrument_id, instrument_version, reference_date, opens_at, closes_at, closed)
                        values (:id, :instrument, :version, :refDate, :opens, :closes, :closed)
                        on conflict (run_id) do update set
                            instrument_id = coalesce(excluded.instrument_id, survey_run.instrument_id),
                            instrument_version = coalesce(excluded.instrument_version, survey_run.instrument_version),
                            reference_date = coalesce(excluded.reference_date, survey_run.reference_date),
                            opens_at = coalesce(excluded.opens_at, survey_run.opens_at),
                            closes_at = coalesce(excluded.closes_at, survey_run.closes_at),
                            closed = survey_run.closed or excluded.closed""")
                .setParameter("id", PoisonEventException.required(data, "runId"))
                .setParameter("instrument", Payloads.text(data, "instrumentId", "instrumentCode") != null
                        ? Payloads.text(data, "instrumentId", "instrumentCode") : Payloads.text(instrument, "id", "code"))
                .setParameter("version", Payloads.integer(data, Payloads.integer(instrument, 0, "version"), "instrumentVersion"))
                .setParameter("refDate", Payloads.date(Payloads.text(data, "referenceDate")))
                .setParameter("opens", Payloads.timestamp(Payloads.text(data, "opensAt", "openAt", "opens")))
                .setParameter("closes", Payloads.timestamp(Payloads.text(data, "closesAt", "closeAt", "closes")))
                .setParameter("closed", closed)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Answers reduced to plain values, except free text sent as {@code {"text": ...}}, which stays an object so that a
     * one-word comment is never mistaken for an option code.
     */
    static com.fasterxml.jackson.databind.node.ObjectNode answers(JsonNode data) {
        com.fasterxml.jackson.databind.node.ObjectNode out = Payloads.answersByQuestion(data);
        out.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            boolean freeText = v.isObject() && v.size() == 1 && v.has("text") && v.get("text").isTextual();
            e.setValue(freeText ? v : Payloads.canonical(v));
        });
        return out;
    }
}
