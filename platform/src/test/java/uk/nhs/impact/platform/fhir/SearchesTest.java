package uk.nhs.impact.platform.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.Problem;
import uk.nhs.impact.platform.problem.ProblemException;

class SearchesTest {

    @Test
    void authoredRangesFollowFhirDatePrefixes() {
        Searches.DateRange march = Searches.DateRange.of(List.of("ge2024-03-01", "lt2024-04-01"), "authored");
        assertThat(march.contains(Instant.parse("2024-03-01T00:00:00Z"))).isTrue();
        assertThat(march.contains(Instant.parse("2024-03-31T23:59:59Z"))).isTrue();
        assertThat(march.contains(Instant.parse("2024-04-01T00:00:00Z"))).isFalse();
        assertThat(march.contains(Instant.parse("2024-02-29T23:59:59Z"))).isFalse();
        Searches.DateRange day = Searches.DateRange.of(List.of("2024-03-31"), "authored");
        assertThat(day.contains(Instant.parse("2024-03-31T12:00:00Z"))).isTrue();
        assertThat(day.contains(Instant.parse("2024-04-01T00:00:00Z"))).isFalse();
        assertThat(Searches.DateRange.of(List.of("gt2024-03-31"), "authored").contains(Instant.parse("2024-03-31T23:00:00Z"))).isFalse();
        assertThat(Searches.DateRange.of(List.of("le2024-03-31"), "authored").contains(Instant.parse("2024-03-31T23:00:00Z"))).isTrue();
        assertThat(Searches.DateRange.ANY.contains(null)).isTrue();
        assertThatThrownBy(() -> Searches.DateRange.of(List.of("sa2024-03-31"), "authored")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Searches.DateRange.of(List.of("yesterday"), "authored")).isInstanceOf(ProblemException.class);
    }

    @Test
    void theNextPageIsTheQueryAsSentWithTheNewCursor() {
        String sent = "questionnaire=https%3A%2F%2Fimpact.nhs.uk%2Ffhir%2FQuestionnaire%2Fx%7C1&authored=ge2024-03-01&authored=lt2024-04-01"
                + "&_cursor=old&status=completed";
        assertThat(Searches.nextPage(sent, "MjAyNC0wMy0wMQ"))
                .isEqualTo("questionnaire=https%3A%2F%2Fimpact.nhs.uk%2Ffhir%2FQuestionnaire%2Fx%7C1&authored=ge2024-03-01&authored=lt2024-04-01"
                        + "&status=completed&_cursor=MjAyNC0wMy0wMQ");
        assertThat(Searches.nextPage(null, "c1")).isEqualTo("_cursor=c1");
        assertThat(Searches.nextPage("_cursor=a", "b")).isEqualTo("_cursor=b");
    }

    @Test
    void theSubjectIsAnOdsCode() {
        assertThat(Searches.subjectOds(Fhir.ODS_SYSTEM + "|rha")).isEqualTo("RHA");
        assertThat(Searches.subjectOds("QT1")).isEqualTo("QT1");
        assertThat(Searches.subjectOds(null)).isNull();
        assertThatThrownBy(() -> Searches.subjectOds("http://other|RHA")).isInstanceOf(ProblemException.class);
        assertThat(Searches.unescape("https://x/Q/a\\|1")).isEqualTo("https://x/Q/a|1");
        assertThat(Searches.unescape("a\\,b\\\\c")).isEqualTo("a,b\\c");
        assertThat(Searches.unescape(null)).isNull();
    }

    @Test
    void fhirVersionsAreTheRestApisVersions() {
        assertThat(Fhir.ifMatch("W/\"3\"")).isEqualTo("\"3\"");
        assertThat(Fhir.ifMatch("\"3\"")).isEqualTo("\"3\"");
        assertThat(Fhir.etag(3).toString()).isEqualTo("W/\"3\"");
        assertThat(Fhir.questionnaireId(Fhir.questionnaireUrl("survey-x-v1") + "|1")).contains("survey-x-v1");
        assertThat(Fhir.questionnaireId("https://elsewhere/Questionnaire/x")).isEmpty();
    }

    @Test
    void aProblemIsAnOperationOutcomeWithAnIssuePerField() {
        OperationOutcome o = OperationOutcomes.of(new Problem("t", "Request is not valid", 400, "2 fields are not valid", "/x", "c-1",
                List.of(new FieldError("QuestionnaireResponse.repeat(item).where(linkId='Q1')", "is required"),
                        new FieldError("QuestionnaireResponse.subject", "must be an Organization")),
                null));
        assertThat(o.getIssue()).extracting(i -> i.getCode().toCode() + " " + i.getExpression().get(0).getValue()).containsExactly(
                "invalid QuestionnaireResponse.repeat(item).where(linkId='Q1')", "invalid QuestionnaireResponse.subject");
        assertThat(o.getIdElement().getIdPart()).isEqualTo("c-1");
        OperationOutcome missing = OperationOutcomes.of(new Problem("t", "Not found", 404, "QuestionnaireResponse x was not found", "/x", null,
                null, null));
        assertThat(missing.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        assertThat(missing.getIssueFirstRep().getDiagnostics()).isEqualTo("QuestionnaireResponse x was not found");
        assertThat(OperationOutcomes.isFhir("/api/v1/fhir/metadata")).isTrue();
        assertThat(OperationOutcomes.isFhir("/api/v1/fhirx")).isFalse();
    }
}
