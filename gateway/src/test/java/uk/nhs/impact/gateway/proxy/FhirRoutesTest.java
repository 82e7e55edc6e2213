package uk.nhs.impact.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

class FhirRoutesTest {
    private static final String Q = "https%3A%2F%2Fimpact.nhs.uk%2Ffhir%2FQuestionnaire%2F";

    @Test
    void aResourceGoesToTheServiceItsIdNames() {
        assertThat(FhirRoutes.serviceFor("/api/v1/fhir/QuestionnaireResponse/survey-0b4e", null)).isEqualTo("survey");
        assertThat(FhirRoutes.serviceFor("/api/v1/fhir/QuestionnaireResponse/baseline-1.RHA/_history/3", null)).isEqualTo("baseline");
        assertThat(FhirRoutes.serviceFor("/api/v1/fhir/Questionnaire/assessment-nhs-impact-self-assessment-v1", null)).isEqualTo("assessment");
        // an id of no kind is the default service's to answer (404)
        assertThat(FhirRoutes.serviceFor("/api/v1/fhir/QuestionnaireResponse/unknown-1", null)).isEqualTo("assessment");
    }

    @Test
    void aSearchGoesToTheServiceItsQuestionnaireNames() {
        assertThat(FhirRoutes.serviceFor("/api/v1/fhir/QuestionnaireResponse", "status=completed&questionnaire=" + Q + "survey-x-v1%7C1"))
                .isEqualTo("survey");
        assertThat(FhirRoutes.serviceFor("/api/v1/fhir/Questionnaire", "url=" + Q + "baseline-provider-v1")).isEqualTo("baseline");
        assertThat(FhirRoutes.serviceFor("/api/v1/fhir/QuestionnaireResponse", "status=completed")).isEqualTo("assessment");
        assertThat(FhirRoutes.serviceFor("/api/v1/fhir/metadata", null)).isEqualTo("assessment");
        assertThat(FhirRoutes.serviceFor("/api/v1/fhir/QuestionnaireResponse", "questionnaire=https%3A%2F%2Felsewhere%2Fsurvey-x")).isEqualTo("assessment");
    }

    @Test
    void aCreateGoesToTheServiceItsBodysQuestionnaireNames() {
        assertThat(FhirRoutes.routedByBody(HttpMethod.POST, "/api/v1/fhir/QuestionnaireResponse")).isTrue();
        assertThat(FhirRoutes.routedByBody(HttpMethod.PUT, "/api/v1/fhir/QuestionnaireResponse/survey-1")).isFalse();
        assertThat(FhirRoutes.serviceForBody(Buffer.buffer("""
                {"resourceType": "QuestionnaireResponse", "questionnaire": "https://impact.nhs.uk/fhir/Questionnaire/baseline-icb-v2|2"}""")))
                .isEqualTo("baseline");
        assertThat(FhirRoutes.serviceForBody(Buffer.buffer("{\"questionnaire\": 3}"))).isEqualTo("assessment");
        assertThat(FhirRoutes.serviceForBody(Buffer.buffer("not json"))).isEqualTo("assessment");
    }
}
