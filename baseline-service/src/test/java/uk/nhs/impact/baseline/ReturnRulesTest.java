package uk.nhs.impact.baseline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** Every refusal over HTTP is problem+json naming what is wrong, and nothing is stored. The rules themselves: {@link AnswerValidatorTest}. */
@QuarkusTest
class ReturnRulesTest {
    private static final String PROBLEM = "application/problem+json";

    @Test
    void aTrustCannotFileTheIcbSet() {
        BaselineApi.openCollection("rules-type");
        BaselineApi.save("rules-type", "RHA", Map.of("questionSetId", "baseline-icb", "answers", Map.of()), null)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("questionSetId"));
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BaselineApi.path("rules-type", "RHA"))
                .then().statusCode(404);
    }

    @Test
    void unknownQuestionsOptionsAndTypesAreNamed() {
        BaselineApi.openCollection("rules-values");
        BaselineApi.save("rules-values", "RHA", Map.of("answers", Map.of("leadership_exec_responsibility", "maybe",
                "tools_methods_used", List.of("QSIR", "KAIZEN", "OTHER"), "favourite_colour", "red",
                "prioritisation_approach", "SIDEWAYS", "identify_capability", "x".repeat(4001))), null)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("answers.leadership_exec_responsibility", "answers.tools_methods_used[1]",
                        "answers.tools_methods_used_other_text", "answers.favourite_colour", "answers.prioritisation_approach",
                        "answers.identify_capability"))
                .body("errors", hasSize(6));
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BaselineApi.path("rules-values", "RHA"))
                .then().statusCode(404);
    }

    @Test
    void submittingNeedsEveryRequiredAnswer() {
        BaselineApi.openCollection("rules-required");
        String etag = BaselineApi.save("rules-required", "RX1", Map.of("answers", Map.of("leadership_exec_responsibility", true)), null)
                .then().statusCode(201).extract().header("ETag");
        BaselineApi.submit("rules-required", "RX1", etag).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("answers.tools_improvement_methods", "answers.governance_reporting",
                        "answers.capability_staff_training"))
                .body("errors", hasSize(3));
        given().header("Authorization", Tokens.bearer("RX1", "viewer")).when().get(BaselineApi.path("rules-required", "RX1"))
                .then().statusCode(200).body("status", equalTo("DRAFT")).body("revision", equalTo(0));
    }

    @Test
    void oneReturnPerOrganisationAmendedWithHistory() {
        BaselineApi.openCollection("rules-one");
        String etag = BaselineApi.file("rules-one", "RNA", BaselineApi.headline(true, true, false, false));
        BaselineApi.save("rules-one", "RNA", BaselineApi.headline(true, true, true, false), null)
                .then().statusCode(428).contentType(PROBLEM);
        BaselineApi.save("rules-one", "RNA", BaselineApi.headline(true, true, true, false), "\"999\"")
                .then().statusCode(412).contentType(PROBLEM);
        String draft = BaselineApi.save("rules-one", "RNA", BaselineApi.headline(true, true, true, false), etag)
                .then().statusCode(200).extract().header("ETag");
        BaselineApi.submit("rules-one", "RNA", draft).then().statusCode(200).body("revision", equalTo(2));
        given().header("Authorization", Tokens.bearer("RNA", "viewer")).when().get(BaselineApi.path("rules-one", "RNA") + "/history")
                .then().statusCode(200).body("revision", hasItems(1, 2))
                .body("[0].answers.governance_reporting", equalTo(false))
                .body("[1].answers.governance_reporting", equalTo(true));
    }

    @Test
    void closedCollectionIsReadOnly() {
        BaselineApi.openCollection("rules-closed");
        BaselineApi.file("rules-closed", "RXK", BaselineApi.headline(true, false, false, false));
        String etag = given().header("Authorization", BaselineApi.admin()).when().get("/api/v1/baseline-collections/rules-closed")
                .then().statusCode(200).extract().header("ETag");
        // instrument-admin counts only at NHS England (X24)
        given().header("Authorization", Tokens.bearer("RXK", "instrument-admin")).header("If-Match", etag)
                .when().post("/api/v1/baseline-collections/rules-closed/close").then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer("X24-DIR-MEDICAL", "instrument-admin")).header("If-Match", etag)
                .when().post("/api/v1/baseline-collections/rules-closed/close").then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", BaselineApi.admin()).header("If-Match", etag)
                .when().post("/api/v1/baseline-collections/rules-closed/close").then().statusCode(200).body("closed", equalTo(true));
        BaselineApi.save("rules-closed", "RHA", BaselineApi.headline(true, true, true, true), null)
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("closed"));
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BaselineApi.path("rules-closed", "RHA"))
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("RXK", "viewer")).when().get(BaselineApi.path("rules-closed", "RXK"))
                .then().statusCode(200).body("revision", equalTo(1));
    }

    @Test
    void malformedBodiesAndWrongContentTypesAreRefused() {
        BaselineApi.openCollection("rules-bad");
        given().header("Authorization", Tokens.bearer("RHA", "submitter")).contentType("application/json").body("""
                {"answers": {""")
                .when().put(BaselineApi.path("rules-bad", "RHA")).then().statusCode(400).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer("RHA", "submitter")).contentType("text/plain").body("yes")
                .when().put(BaselineApi.path("rules-bad", "RHA")).then().statusCode(415).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer("RHA", "submitter")).contentType("application/json").body(Map.of("answers", Map.of(), "extra", 1))
                .when().put(BaselineApi.path("rules-bad", "RHA")).then().statusCode(400).body("errors[0].field", equalTo("extra"));
        given().header("Authorization", BaselineApi.admin()).contentType("application/json")
                .body("""
                        {"id": "Bad Id", "name": "", "referenceDate": "2023-02-30",
                         "opensAt": "2023-01-01T00:00:00Z", "closesAt": "2024-01-01T00:00:00Z"}""")
                .when().post("/api/v1/baseline-collections").then().statusCode(400).contentType(PROBLEM);
    }
}
