package uk.nhs.impact.reporting.survey;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.survey.ResponseSubmitted;
import uk.nhs.impact.contracts.survey.RunChanged;
import uk.nhs.impact.reporting.ingest.EventHandler;
import uk.nhs.impact.reporting.ingest.EventRoute;

/** Survey runs and responses; an amended response replaces the respondent's earlier one. */
@ApplicationScoped
public class SurveyEventHandler implements EventHandler {

    @Override
    public List<EventRoute<?>> routes() {
        return List.of(
                EventRoute.of(EventTypes.SURVEY_RESPONSE_SUBMITTED, ResponseSubmitted.class, e -> response(SurveyRows.response(e))),
                EventRoute.of(EventTypes.SURVEY_RESPONSE_AMENDED, ResponseSubmitted.class, e -> response(SurveyRows.response(e))),
                EventRoute.of(EventTypes.SURVEY_RUN_OPENED, RunChanged.class, e -> run(SurveyRows.run(e, false))),
                EventRoute.of(EventTypes.SURVEY_RUN_CLOSED, RunChanged.class, e -> run(SurveyRows.run(e, true))));
    }

    private Uni<Void> response(SurveyRows.Response row) {
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
                .setParameter("run", row.runId())
                .setParameter("respondent", row.respondentId())
                .setParameter("ods", row.odsCode())
                .setParameter("trustType", row.trustType())
                .setParameter("icb", row.icbCode())
                .setParameter("region", row.regionCode())
                .setParameter("role", row.respondentRole())
                .setParameter("revision", row.revision())
                .setParameter("answers", row.answers())
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> run(SurveyRows.Run row) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into survey_run(run_id, instrument_id, instrument_version, reference_date, opens_at, closes_at, closed, questions)
                values (:id, :instrument, :version, :refDate, :opens, :closes, :closed, cast(cast(:questions as text) as jsonb))
                on conflict (run_id) do update set
                    instrument_id = coalesce(excluded.instrument_id, survey_run.instrument_id),
                    instrument_version = coalesce(excluded.instrument_version, survey_run.instrument_version),
                    reference_date = coalesce(excluded.reference_date, survey_run.reference_date),
                    opens_at = coalesce(excluded.opens_at, survey_run.opens_at),
                    closes_at = coalesce(excluded.closes_at, survey_run.closes_at),
                    closed = survey_run.closed or excluded.closed,
                    questions = coalesce(excluded.questions, survey_run.questions)""")
                .setParameter("id", row.runId())
                .setParameter("instrument", row.instrumentId())
                .setParameter("version", row.instrumentVersion())
                .setParameter("refDate", row.referenceDate())
                .setParameter("opens", row.opensAt())
                .setParameter("closes", row.closesAt())
                .setParameter("closed", row.closed())
                .setParameter("questions", row.questions())
                .executeUpdate()).replaceWithVoid();
    }
}
