package uk.nhs.impact.reporting.survey;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.survey.ResponseSubmitted;
import uk.nhs.impact.contracts.survey.RunChanged;
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
}
