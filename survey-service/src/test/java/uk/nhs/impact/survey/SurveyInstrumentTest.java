package uk.nhs.impact.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** The shipped survey version, and admin-written versions: draft, publish, immutable. */
@QuarkusTest
class SurveyInstrumentTest {
    private static final String TRIAL = "/api/v1/survey-instruments/trial-survey-" + System.nanoTime() + "/versions";

    @Test
    void theShippedSurveyHasEveryQuestionType() {
        JsonPath v1 = given().header("Authorization", Tokens.bearer("RHA", "viewer"))
                .when().get("/api/v1/survey-instruments/" + SurveyApi.SURVEY + "/versions/1").then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).extract().jsonPath();
        assertThat(v1.getList("questions")).hasSize(14);
        assertThat(v1.getList("questions.type", String.class)).contains("SINGLE_CHOICE", "MULTI_CHOICE", "LIKERT", "FREE_TEXT");
        assertThat(v1.getList("questions.level", String.class)).contains("TRUST", "PROVIDER_COLLABORATIVE");
        assertThat(v1.getList("questions.findAll { it.required }.code", String.class)).containsExactly("Q1_trust_progress");
        assertThat(v1.getString("questions.find { it.code == 'Q1_trust_progress' }.otherOptionCode")).isEqualTo("other");
        assertThat(v1.getInt("questions.find { it.code == 'Q11_support_formats' }.maxChoices")).isEqualTo(3);
        assertThat(v1.getBoolean("questions.find { it.code == 'Q2_trust_alignment' }.options.find { it.code == 'not_aligned' }.provisional")).isTrue();
    }

    @Test
    void adminsDraftAndPublishVersionsThatThenNeverChange() {
        String admin = Tokens.bearer("X24", "instrument-admin");
        var created = given().header("Authorization", admin).contentType("application/json").body(definition("Pulse survey"))
                .when().post(TRIAL).then().statusCode(201).body("status", equalTo("DRAFT")).extract();
        int number = created.path("version");
        String etag = given().header("Authorization", admin).header("If-Match", created.header("ETag"))
                .when().post(TRIAL + "/" + number + "/publish").then().statusCode(200).extract().header("ETag");
        given().header("Authorization", admin).header("If-Match", etag).contentType("application/json").body(definition("Changed"))
                .when().put(TRIAL + "/" + number).then().statusCode(409);
        given().header("Authorization", Tokens.bearer("RHA", "submitter")).contentType("application/json").body(definition("Mine"))
                .when().post(TRIAL).then().statusCode(403);
    }

    @Test
    void anInconsistentSurveyNamesEveryProblem() {
        Map<String, Object> body = definition("Broken");
        body.put("questions", List.of(
                Map.of("code", "q1", "text", "One option only", "type", "SINGLE_CHOICE", "level", "TRUST",
                        "options", List.of(Map.of("code", "yes", "text", "Yes"))),
                Map.of("code", "q1", "text", "Duplicate code, text with options", "type", "FREE_TEXT", "level", "TRUST",
                        "options", List.of(Map.of("code", "a", "text", "A"), Map.of("code", "b", "text", "B"))),
                Map.of("code", "q3", "text", "Max on a single choice", "type", "LIKERT", "level", "TRUST", "maxChoices", 2,
                        "options", List.of(Map.of("code", "a", "text", "A"), Map.of("code", "b", "text", "B")))));
        given().header("Authorization", Tokens.bearer("X24", "instrument-admin")).contentType("application/json").body(body)
                .when().post(TRIAL).then().statusCode(400)
                .body("errors.field", hasItems("questions[0].options", "questions[1].code", "questions[1].options",
                        "questions[2].maxChoices", "questions[2].ordinal"));
    }

    private static Map<String, Object> definition(String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("label", label);
        body.put("questions", List.of(Map.of("code", "q1", "text", "How are we doing?", "type", "LIKERT", "level", "TRUST", "ordinal", true,
                "required", true, "options", List.of(Map.of("code", "well", "text", "Well"), Map.of("code", "badly", "text", "Badly")))));
        return body;
    }
}
