package uk.nhs.impact.reporting.survey;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.survey.ResponseSubmitted;
import uk.nhs.impact.contracts.survey.RunChanged;
import uk.nhs.impact.reporting.ingest.Collapse;
import uk.nhs.impact.reporting.ingest.EventFields;

/**
 * The rows survey events write, read from their contract records without touching the database. Answers are stored as the
 * event sends them; free text stays {@code {"text": ...}}, so that a one-word comment is never mistaken for an option code.
 */
final class SurveyRows {
    private SurveyRows() {
    }

    record Response(String runId, String respondentId, String odsCode, String trustType, String icbCode, String regionCode,
            String respondentRole, int revision, String answers) {
    }

    /** {@code questions}: the run's questions and options as JSON, or null when the event does not list them. */
    record Run(String runId, String instrumentId, int instrumentVersion, LocalDate referenceDate, OffsetDateTime opensAt,
            OffsetDateTime closesAt, boolean closed, String questions) {
    }

    static Response response(ResponseSubmitted e) {
        OrganisationRef org = EventFields.organisation(e.organisation());
        return new Response(EventFields.required(e.runId(), "runId"), EventFields.required(e.respondentId(), "respondentId"),
                org.odsCode(), org.trustType(), org.icbOdsCode(), org.regionOdsCode(), e.respondentRole(), e.revision(),
                EventFields.json(EventFields.required(e.answers(), "answers")));
    }

    /** Opened or {@code closed}: the type says which, whatever the payload's own flag. */
    static Run run(RunChanged e, boolean closed) {
        return new Run(EventFields.required(e.runId(), "runId"), e.instrumentId(), e.instrumentVersion(), e.referenceDate(),
                EventFields.timestamp(e.opensAt()), EventFields.timestamp(e.closesAt()), closed,
                e.questions() == null ? null : EventFields.json(e.questions()));
    }

    /** A batch's responses, one per respondent: the highest revision, the later of equal ones. */
    static List<Response> newestResponses(List<Response> responses) {
        return Collapse.newest(responses, r -> List.of(r.runId(), r.respondentId()), Response::revision);
    }

    /** A batch's run events, one per run: each field the latest given, closed once any closed it. */
    static List<Run> mergedRuns(List<Run> runs) {
        return Collapse.merged(runs, Run::runId, (earlier, later) -> new Run(later.runId(),
                Collapse.given(later.instrumentId(), earlier.instrumentId()), later.instrumentVersion(),
                Collapse.given(later.referenceDate(), earlier.referenceDate()), Collapse.given(later.opensAt(), earlier.opensAt()),
                Collapse.given(later.closesAt(), earlier.closesAt()), earlier.closed() || later.closed(),
                Collapse.given(later.questions(), earlier.questions())));
    }
}
