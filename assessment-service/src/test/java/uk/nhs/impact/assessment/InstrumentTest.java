package uk.nhs.impact.assessment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** Instruments are versioned data: the shipped version, drafts, publishing, and immutability once published. */
@QuarkusTest
class InstrumentTest {
    private static final String VERSIONS = "/api/v1/assessment-instruments/" + AssessmentApi.INSTRUMENT + "/versions";
    /** Drafts go to an instrument of their own so the shipped instrument's version line is left alone. */
    private static final String TRIAL = "trial-instrument-" + System.nanoTime();
    private static final String TRIAL_VERSIONS = "/api/v1/assessment-instruments/" + TRIAL + "/versions";

    private static String admin() {
        return Tokens.bearer("X24", "instrument-admin");
    }

    @Test
    void theShippedVersionHasFiveComponentsTwentyTwoQuestionsAndAFlaggedScale() {
        JsonPath v1 = given().header("Authorization", AssessmentApi.submitter("RHA")).when().get(VERSIONS + "/1")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).extract().jsonPath();
        assertThat(v1.getList("components.code", String.class)).containsExactly("C1", "C2", "C3", "C4", "C5");
        assertThat(v1.getList("questions")).hasSize(22);
        assertThat(v1.getList("levels.name", String.class)).startsWith("Starting", "Developing").hasSize(5);
        assertThat(v1.getList("levels.provisional", Boolean.class)).containsExactly(false, false, true, true, true);
        assertThat(v1.getList("levels.ordinal", Integer.class)).containsExactly(1, 2, 3, 4, 5);
        assertThat(v1.getString("questions.find { it.code == 'Q18' }.descriptors.STARTING"))
                .isEqualTo("Any huddles are only traditional shift change clinical handovers.");
        assertThat(v1.getList("questions.findAll { it.componentCode == 'C4' }.number", Integer.class)).containsExactly(14, 15, 16, 17, 18);
        given().header("Authorization", AssessmentApi.submitter("RHA")).when().get("/api/v1/assessment-instruments")
                .then().statusCode(200).body("instrumentId", hasItem(AssessmentApi.INSTRUMENT));
    }

    @Test
    void aDraftIsEditableUnusableUntilPublishedAndThenImmutable() {
        Map<String, Object> body = definition("Draft under test", "C1");
        var created = given().header("Authorization", admin()).contentType("application/json").body(body).when().post(TRIAL_VERSIONS)
                .then().statusCode(201).body("status", equalTo("DRAFT")).extract();
        int number = created.path("version");
        String etag = created.header("ETag");

        given().header("Authorization", AssessmentApi.submitter("RX9")).contentType("application/json")
                .body(Map.of("cycle", "draft-use", "referenceDate", "2023-08-31", "instrumentId", TRIAL, "instrumentVersion", number))
                .when().post(AssessmentApi.BASE).then().statusCode(400).body("errors.field", hasItem("instrumentVersion"));

        etag = given().header("Authorization", admin()).header("If-Match", etag).contentType("application/json")
                .body(definition("Draft under test, edited", "C1")).when().put(TRIAL_VERSIONS + "/" + number)
                .then().statusCode(200).body("label", equalTo("Draft under test, edited")).extract().header("ETag");
        etag = given().header("Authorization", admin()).header("If-Match", etag).when().post(TRIAL_VERSIONS + "/" + number + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).extract().header("ETag");

        given().header("Authorization", admin()).header("If-Match", etag).contentType("application/json")
                .body(definition("Changed after publishing", "C1")).when().put(TRIAL_VERSIONS + "/" + number)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("cannot change"));
        given().header("Authorization", admin()).header("If-Match", etag).when().post(TRIAL_VERSIONS + "/" + number + "/publish").then().statusCode(409);
        given().header("Authorization", admin()).header("If-Match", "*").contentType("application/json")
                .body(definition("Changing the shipped version", "C1")).when().put(VERSIONS + "/1").then().statusCode(409);
        given().header("Authorization", AssessmentApi.submitter("RX9")).when().get(TRIAL_VERSIONS + "/" + number)
                .then().statusCode(200).body("label", equalTo("Draft under test, edited"));
    }

    @Test
    void onlyInstrumentAdminsWriteInstruments() {
        given().header("Authorization", Tokens.bearer("X24", "national-analyst")).contentType("application/json")
                .body(definition("Not allowed", "C1")).when().post(TRIAL_VERSIONS).then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", AssessmentApi.submitter("RHA")).contentType("application/json")
                .body(definition("Not allowed", "C1")).when().post(TRIAL_VERSIONS).then().statusCode(403);
        // instrument-admin counts only at NHS England (X24): not at a directorate, a region or a trust
        for (String org : new String[]{"X24-DIR-MEDICAL", "Y60", "RHA"}) {
            given().header("Authorization", Tokens.bearer(org, "instrument-admin")).contentType("application/json")
                    .body(definition("Not allowed", "C1")).when().post(TRIAL_VERSIONS).then().statusCode(403).contentType("application/problem+json");
            given().header("Authorization", Tokens.bearer(org, "instrument-admin")).header("If-Match", "*")
                    .when().post(VERSIONS + "/1/publish").then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void anInconsistentDefinitionNamesEveryProblem() {
        Map<String, Object> body = definition("Broken", "C9");
        body.put("levels", List.of(Map.of("code", "STARTING", "name", "Starting"), Map.of("code", "STARTING", "name", "Again")));
        body.put("questionMap", Map.of("Q77", "Q01"));
        given().header("Authorization", admin()).contentType("application/json").body(body).when().post(TRIAL_VERSIONS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("levels[1].code", "questions[0].componentCode", "questionMap.Q77"));
    }

    /** A small definition: two levels, one component C1, one question Q01 in {@code component}. */
    private static Map<String, Object> definition(String label, String component) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("label", label);
        body.put("levels", List.of(Map.of("code", "STARTING", "name", "Starting"), Map.of("code", "DEVELOPING", "name", "Developing")));
        body.put("components", List.of(Map.of("code", "C1", "name", "Building a shared purpose and vision")));
        body.put("questions", List.of(Map.of("code", "Q01", "number", 1, "componentCode", component,
                "title", "Board and executives setting the shared purpose and vision")));
        return body;
    }
}
