package uk.nhs.impact.reporting.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventSamples;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.survey.ResponseSubmitted;
import uk.nhs.impact.contracts.survey.RunChanged;
import uk.nhs.impact.reporting.ingest.PoisonEventException;

class SurveyRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResponseSubmitted RESPONSE = (ResponseSubmitted) EventSamples.payload(EventTypes.SURVEY_RESPONSE_SUBMITTED);

    @Test
    void aResponseKeepsItsAnswersAsSentWithFreeTextAsAnObject() throws Exception {
        SurveyRows.Response row = SurveyRows.response(RESPONSE);

        assertThat(row).usingRecursiveComparison().ignoringFields("answers").isEqualTo(new SurveyRows.Response(
                "nhsp-improvement-survey-2023", "9f3c2a71-4d0b-4b55-8e0a-2f6d1c7b8e44", "RHA", "mental_health", "QT1", "Y60",
                "chief_executive", 1, null));
        assertThat(JSON.readTree(row.answers())).isEqualTo(EventSamples.json(EventTypes.SURVEY_RESPONSE_SUBMITTED).get("answers"));
        assertThat(JSON.readTree(row.answers()).get("Q14_free_text").isObject()).isTrue();
    }

    @Test
    void runsTakeOpenOrClosedFromTheEventType() throws Exception {
        RunChanged opened = (RunChanged) EventSamples.payload(EventTypes.SURVEY_RUN_OPENED);

        assertThat(SurveyRows.run(opened, false)).isEqualTo(new SurveyRows.Run("nhsp-improvement-survey-2023", "nhsp-improvement-survey", 1,
                opened.referenceDate(), OffsetDateTime.parse("2023-08-01T00:00:00Z"), OffsetDateTime.parse("2023-08-31T23:59:59Z"), false,
                SurveyRows.run(opened, false).questions()));
        assertThat(SurveyRows.run(opened, true).closed()).isTrue();
        assertThat(JSON.readTree(SurveyRows.run(opened, false).questions())).isEqualTo(EventSamples.json(EventTypes.SURVEY_RUN_OPENED).get("questions"));
        assertThat(SurveyRows.run(new RunChanged("r", null, null, 1, null, null, null, null, false, null), false).questions())
                .as("events from before questions were listed").isNull();
    }

    @Test
    void missingIdentifiersArePoison() {
        ResponseSubmitted r = RESPONSE;
        assertThatThrownBy(() -> SurveyRows.response(new ResponseSubmitted(null, null, 1, null, "x", null, r.organisation(), 1, null, r.answers())))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field runId");
        assertThatThrownBy(() -> SurveyRows.response(new ResponseSubmitted("run", null, 1, null, "", null, r.organisation(), 1, null, r.answers())))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field respondentId");
        assertThatThrownBy(() -> SurveyRows.response(new ResponseSubmitted("run", null, 1, null, "x", null, null, 1, null, r.answers())))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field organisation.odsCode");
        assertThatThrownBy(() -> SurveyRows.response(new ResponseSubmitted("run", null, 1, null, "x", null, r.organisation(), 1, null, null)))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field answers");
        assertThatThrownBy(() -> SurveyRows.run(new RunChanged(null, null, null, 1, null, null, null, null, false, null), false))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field runId");
    }

    @Test
    void aBatchKeepsPerRespondentTheHighestRevisionTheLaterOfEqualOnes() {
        SurveyRows.Response first = SurveyRows.response(RESPONSE);
        SurveyRows.Response amended = new SurveyRows.Response(first.runId(), first.respondentId(), first.odsCode(), first.trustType(),
                first.icbCode(), first.regionCode(), first.respondentRole(), 2, "{}");
        SurveyRows.Response amendedAgain = new SurveyRows.Response(first.runId(), first.respondentId(), first.odsCode(), null, null, null,
                null, 2, "{\"again\": 1}");
        SurveyRows.Response otherRespondent = new SurveyRows.Response(first.runId(), "other", "RX1", null, null, null, null, 1, "{}");

        assertThat(SurveyRows.newestResponses(java.util.List.of(amended, otherRespondent, first, amendedAgain)))
                .containsExactly(amendedAgain, otherRespondent);
    }

    @Test
    void aBatchMergesARunsEventsFieldByFieldAndKeepsItClosedOnceClosed() {
        OffsetDateTime opens = OffsetDateTime.parse("2023-08-01T00:00:00Z");
        SurveyRows.Run opened = new SurveyRows.Run("r", "instrument", 1, null, opens, null, false, "[1]");
        SurveyRows.Run closed = new SurveyRows.Run("r", null, 2, java.time.LocalDate.of(2023, 8, 31), null, null, true, null);
        SurveyRows.Run other = new SurveyRows.Run("s", null, 1, null, null, null, false, null);

        assertThat(SurveyRows.mergedRuns(java.util.List.of(opened, other, closed))).containsExactly(
                new SurveyRows.Run("r", "instrument", 2, java.time.LocalDate.of(2023, 8, 31), opens, null, true, "[1]"), other);
    }
}
