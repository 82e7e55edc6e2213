package uk.nhs.impact.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** A response's start, saves and submissions each leave an audit entry; the chain verifies. */
@QuarkusTest
class AuditTest {
    @Test
    void theTrailOfAResponse() {
        String run = SurveyApi.openRunNow("audit-run");
        SurveyApi.Ref r = SurveyApi.respond(run, "RWV", "audited", """
                {"Q1_trust_progress": {"option": "just_underway"}}""");
        SurveyApi.as("RWV").queryParam("respondentReference", "audited").when().get(SurveyApi.responses(run) + "/" + r.id() + "/audit")
                .then().statusCode(200).body("action", contains("STARTED", "ANSWERS_SAVED", "SUBMITTED"));
        given().header("Authorization", Tokens.bearer("RX1", "viewer")).when().get(SurveyApi.responses(run) + "/" + r.id() + "/audit")
                .then().statusCode(404);
        given().header("Authorization", SurveyApi.admin()).when().get(SurveyApi.RUNS + "/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
        // instrument-admin counts only at NHS England (X24): elsewhere it opens no trail, not even the organisation's own
        for (String org : new String[]{"RWV", "RX1", "Y60", "X24-DIR-MEDICAL"}) {
            given().header("Authorization", Tokens.bearer(org, "instrument-admin")).when().get(SurveyApi.responses(run) + "/" + r.id() + "/audit")
                    .then().statusCode(403);
            given().header("Authorization", Tokens.bearer(org, "instrument-admin")).when().get(SurveyApi.RUNS + "/audit/verify").then().statusCode(403);
            given().header("Authorization", Tokens.bearer(org, "instrument-admin")).header("If-Match", "*").when().post(SurveyApi.RUNS + "/" + run + "/close")
                    .then().statusCode(403);
        }
    }
}
