package uk.nhs.impact.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.impact.stack.test.Tokens;

/**
 * A respondent sees only its own response; viewers of its trust see the trust's responses; nobody else sees an individual
 * response. Respondents "alice" and "bob" answer for RHA through the same trust system, told apart by their reference.
 */
@QuarkusTest
class AccessMatrixTest {
    private static final String RUN = "access-run";
    private static SurveyApi.Ref alice;

    @BeforeEach
    void respondOnce() {
        if (alice == null) {
            SurveyApi.openRunNow(RUN);
            alice = SurveyApi.respond(RUN, "RHA", "alice", Map.of("Q1_trust_progress", SurveyApi.option("underway_maturing")));
            SurveyApi.respond(RUN, "RHA", "bob", Map.of("Q1_trust_progress", SurveyApi.option("just_underway")));
        }
    }

    @ParameterizedTest(name = "{0} as {1} (reference {2}) reads alice''s response -> {3}")
    @CsvSource({
            "RHA, submitter,        alice, 200",
            "RHA, submitter,        bob,   404",
            "RHA, viewer,           ,      200",
            "RX1, viewer,           ,      404",
            "RX1, submitter,        alice, 404",
            "QT1, icb-oversight,    ,      404",
            "Y60, region-analyst,   ,      404",
            "X24, national-analyst, ,      404",
            "X24, instrument-admin, ,      404",
    })
    void read(String org, String role, String reference, int status) {
        as(org, role, reference).when().get(SurveyApi.responses(RUN) + "/" + alice.id()).then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} as {1} (reference {2}) changes alice''s response -> {3}")
    @CsvSource({
            "RHA, submitter, bob,   404",
            "RHA, viewer,    ,      403",
            "RX1, submitter, alice, 404",
    })
    void write(String org, String role, String reference, int status) {
        as(org, role, reference).header("If-Match", "*").contentType("application/json")
                .body(Map.of("answers", Map.of("Q1_trust_progress", SurveyApi.option("frontline_only"))))
                .when().patch(SurveyApi.responses(RUN) + "/" + alice.id()).then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} as {1} (reference {2}) lists responses -> {3}")
    @CsvSource({
            "RHA, submitter,        alice, 1",
            "RHA, viewer,           ,      2",
            "RX1, viewer,           ,      0",
            "X24, national-analyst, ,      0",
    })
    void list(String org, String role, String reference, int visible) {
        as(org, role, reference).when().get(SurveyApi.responses(RUN)).then().statusCode(200).body("items.size()", equalTo(visible));
    }

    @ParameterizedTest(name = "{0} as {1} reads completeness -> {2}")
    @CsvSource({"X24, national-analyst, 200", "Y60, region-analyst, 200", "QT1, icb-oversight, 200", "X24, instrument-admin, 200", "RHA, viewer, 403",
            "RHA, submitter, 403", "RHA, region-analyst, 403", "RHA, icb-oversight, 403",
            // a role counts only at its organisation's level: instrument-admin and national-analyst at X24 itself
            "RHA, instrument-admin, 403", "Y60, instrument-admin, 403", "X24-DIR-MEDICAL, instrument-admin, 403",
            "X24-DIR-MEDICAL, national-analyst, 403", "QT1, region-analyst, 403", "Y60, icb-oversight, 403"})
    void completeness(String org, String role, int status) {
        given().header("Authorization", Tokens.bearer(org, role)).when().get(SurveyApi.RUNS + "/" + RUN + "/completeness").then().statusCode(status);
    }

    /** A caller of the organisation in the role, naming the respondent it answers for when there is one. */
    private static RequestSpecification as(String org, String role, String reference) {
        RequestSpecification request = given().header("Authorization", Tokens.bearer(org, role));
        return reference == null ? request : request.queryParam("respondentReference", reference);
    }

    @Test
    void noTokenIsA401() {
        given().when().get(SurveyApi.responses(RUN) + "/" + alice.id()).then().statusCode(401).contentType("application/problem+json");
    }
}
