package uk.nhs.impact.reporting.survey;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.survey.ResponseSubmitted;
import uk.nhs.impact.contracts.survey.RunChanged;
import uk.nhs.impact.reporting.ingest.EventHandler;
import uk.nhs.impact.reporting.ingest.EventRoute;
import uk.nhs.impact.reporting.ingest.RowSet;

/** Survey runs and responses; an amended response replaces the respondent's earlier one. */
@ApplicationScoped
public class SurveyEventHandler implements EventHandler {

    @Override
    public List<EventRoute<?>> routes() {
        return List.of(
                EventRoute.of(EventTypes.SURVEY_RESPONSE_SUBMITTED, ResponseSubmitted.class, SurveyRows::response),
                EventRoute.of(EventTypes.SURVEY_RESPONSE_AMENDED, ResponseSubmitted.class, SurveyRows::response),
                EventRoute.of(EventTypes.SURVEY_RUN_OPENED, RunChanged.class, e -> SurveyRows.run(e, false)),
                EventRoute.of(EventTypes.SURVEY_RUN_CLOSED, RunChanged.class, e -> SurveyRows.run(e, true)));
    }

    /** Responses and runs, each table written with one statement for the batch. */
    @Override
    public Uni<Void> applyAll(List<Object> changes) {
        List<SurveyRows.Response> responses = new ArrayList<>();
        List<SurveyRows.Run> runs = new ArrayList<>();
        for (Object change : changes) {
            if (change instanceof SurveyRows.Response r) {
                responses.add(r);
            } else {
                runs.add((SurveyRows.Run) change);
            }
        }
        return responses(SurveyRows.newestResponses(responses)).chain(() -> runs(SurveyRows.mergedRuns(runs)));
    }

    private Uni<Void> responses(List<SurveyRows.Response> responses) {
        RowSet rows = new RowSet();
        responses.forEach(row -> rows.add().put("run_id", row.runId()).put("respondent_id", row.respondentId())
                .put("ods_code", row.odsCode()).put("trust_type", row.trustType()).put("icb_code", row.icbCode())
                .put("region_code", row.regionCode()).put("respondent_role", row.respondentRole()).put("revision", row.revision())
                .putJson("answers", row.answers()));
        return rows.execute("""
                insert into survey_response(run_id, respondent_id, ods_code, trust_type, icb_code, region_code,
                    respondent_role, revision, answers)
                select run_id, respondent_id, ods_code, trust_type, icb_code, region_code, respondent_role, revision, answers
                from %s
                on conflict (run_id, respondent_id) do update set
                    ods_code = excluded.ods_code, trust_type = excluded.trust_type, icb_code = excluded.icb_code,
                    region_code = excluded.region_code, respondent_role = excluded.respondent_role,
                    revision = excluded.revision, answers = excluded.answers
                where survey_response.revision <= excluded.revision""".formatted(RowSet.rowsOf("survey_response"))).replaceWithVoid();
    }

    private Uni<Void> runs(List<SurveyRows.Run> runs) {
        RowSet rows = new RowSet();
        runs.forEach(row -> rows.add().put("run_id", row.runId()).put("instrument_id", row.instrumentId())
                .put("instrument_version", row.instrumentVersion()).put("reference_date", row.referenceDate())
                .put("opens_at", row.opensAt()).put("closes_at", row.closesAt()).put("closed", row.closed())
                .putJson("questions", row.questions()));
        return rows.execute("""
                insert into survey_run(run_id, instrument_id, instrument_version, reference_date, opens_at, closes_at, closed, questions)
                select run_id, instrument_id, instrument_version, reference_date, opens_at, closes_at, closed, questions from %s
                on conflict (run_id) do update set
                    instrument_id = coalesce(excluded.instrument_id, survey_run.instrument_id),
                    instrument_version = coalesce(excluded.instrument_version, survey_run.instrument_version),
                    reference_date = coalesce(excluded.reference_date, survey_run.reference_date),
                    opens_at = coalesce(excluded.opens_at, survey_run.opens_at),
                    closes_at = coalesce(excluded.closes_at, survey_run.closes_at),
                    closed = survey_run.closed or excluded.closed,
                    questions = coalesce(excluded.questions, survey_run.questions)""".formatted(RowSet.rowsOf("survey_run")))
                .replaceWithVoid();
    }
}
