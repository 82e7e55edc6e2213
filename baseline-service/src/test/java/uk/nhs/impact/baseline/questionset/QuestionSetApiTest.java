package uk.nhs.impact.baseline.questionset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** The question sets read through the API: every organisation type's set, each version, as the service ships them. */
@QuarkusTest
class QuestionSetApiTest {
    private static final String BASE = "/api/v1/baseline-question-sets";

    @Test
    void everySetIsListedProviderFirst() {
        JsonPath all = given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BASE)
                .then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("orgType", String.class)).containsExactly("trust", "icb", "region", "directorate");
        assertThat(all.getList("id", String.class))
                .containsExactly("baseline-trust", "baseline-icb", "baseline-region", "baseline-directorate");
        assertThat(all.getList("version", Integer.class)).containsOnly(1);
        assertThat(all.getList("status", String.class)).containsOnly("PUBLISHED");
        assertThat(all.getList("wordingNote", String.class)).allSatisfy(note -> assertThat(note).isNotBlank());
    }

    @Test
    void oneVersionWithItsQuestions() {
        JsonPath trust = given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BASE + "/trust/versions/1")
                .then().statusCode(200).extract().jsonPath();
        assertThat(trust.getString("id")).isEqualTo("baseline-trust");
        assertThat(trust.getString("orgType")).isEqualTo("trust");
        assertThat(trust.getList("questions")).hasSize(11);
        assertThat(trust.getString("questions.find { it.code == 'tools_methods_used' }.otherOption")).isEqualTo("OTHER");
        assertThat(trust.getList("questions.find { it.code == 'tools_methods_used' }.options.code", String.class)).contains("QSIR", "LEAN");
    }

    @Test
    void anUnknownSetOrVersionIs404() {
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BASE + "/trust/versions/2")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BASE + "/ambulance/versions/1")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
