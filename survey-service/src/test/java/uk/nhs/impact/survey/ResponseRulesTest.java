package uk.nhs.impact.survey;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every validation rule, listed together in one problem over HTTP; nothing stored. The rules themselves: {@link ResponseRulesUnitTest}. */
@QuarkusTest
class ResponseRulesTest {
    private static final String RUN = "rules-run";
    private static boolean opened;

    @BeforeAll
    static void reset() {
        opened = false;
    }

    private static String run() {
        if (!opened) {
            SurveyApi.openRunNow(RUN);
            opened = true;
        }
        return RUN;
    }

    @Test
    void everyFailingFieldIsListedAndNothingIsStored() {
        String run = run();
        SurveyApi.Ref r = SurveyApi.start(run, "RK5", "all-wrong");
        SurveyApi.save(run, "RK5", "all-wrong", r, ResponseRulesUnitTest.ALL_WRONG).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("answers.Q99_unknown", "answers.Q1_trust_progress.option", "answers.Q2_trust_alignment.options",
                        "answers.Q3_trust_barriers.option", "answers.Q4_trust_support_components.options[1]",
                        "answers.Q11_support_formats.options", "answers.Q5_trust_support_enablers.otherText", "answers.Q14_free_text",
                        "answers.Q12_board_confidence_trust"));
        unchanged(run, r, "all-wrong");
    }

    @Test
    void theRespondentReferenceIsTakenFromTheQueryOnStartAsOnEveryOtherCall() {
        String run = run();
        var queryOnly = SurveyApi.as("RK5").contentType("application/json").queryParam("respondentReference", "query-only")
                .body(Map.of("respondentRole", "chair")).when().post(SurveyApi.responses(run));
        queryOnly.then().statusCode(201);
        SurveyApi.Ref r = new SurveyApi.Ref(queryOnly.path("id"), queryOnly.header("ETag"));
        SurveyApi.saved(run, "RK5", "query-only", r, Map.of("Q1_trust_progress", SurveyApi.option("underway_maturing")));
        SurveyApi.as("RK5").queryParam("respondentReference", "another-person").when().get(SurveyApi.responses(run) + "/" + r.id())
                .then().statusCode(404);

        var bodyOnly = SurveyApi.as("RK5").contentType("application/json").body(Map.of("respondentRole", "chair", "respondentReference", "body-only"))
                .when().post(SurveyApi.responses(run));
        bodyOnly.then().statusCode(201);
        SurveyApi.as("RK5").queryParam("respondentReference", "body-only").when().get(SurveyApi.responses(run) + "/" + bodyOnly.path("id"))
                .then().statusCode(200).body("respondentRole", equalTo("chair"));

        SurveyApi.as("RK5").contentType("application/json").queryParam("respondentReference", "one-person")
                .body(Map.of("respondentRole", "chair", "respondentReference", "someone-else")).when().post(SurveyApi.responses(run))
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItems("respondentReference"));
        SurveyApi.as("RK5").queryParam("respondentReference", "one-person").when().get(SurveyApi.responses(run)).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        SurveyApi.as("RK5").queryParam("respondentReference", "someone-else").when().get(SurveyApi.responses(run)).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void freeTextHasALimit() {
        String run = run();
        SurveyApi.Ref r = SurveyApi.start(run, "RK5", "long-text");
        SurveyApi.save(run, "RK5", "long-text", r, Map.of("Q14_free_text", Map.of("text", "w".repeat(4001)))).then().statusCode(400)
                .body("errors.field", hasItems("answers.Q14_free_text.text"));
        unchanged(run, r, "long-text");
    }

    @Test
    void requiredQuestionsAreCheckedAtSubmit() {
        String run = run();
        SurveyApi.Ref r = SurveyApi.saved(run, "RK5", "no-q1", SurveyApi.start(run, "RK5", "no-q1"),
                Map.of("Q2_trust_alignment", SurveyApi.option("mostly")));
        SurveyApi.submitRequest(run, "RK5", "no-q1", r).then().statusCode(400).body("errors.field", hasItems("answers.Q1_trust_progress"));
        SurveyApi.as("RK5").queryParam("respondentReference", "no-q1").when().get(SurveyApi.responses(run) + "/" + r.id())
                .then().body("status", equalTo("DRAFT")).body("revision", equalTo(0)).header("ETag", r.etag());
    }

    @Test
    void malformedAndWronglyTypedBodiesAreRefused() {
        String run = run();
        SurveyApi.Ref r = SurveyApi.start(run, "RK5", "malformed");
        SurveyApi.as("RK5").queryParam("respondentReference", "malformed").header("If-Match", r.etag()).contentType("application/json")
                .body("""
                        {"answers":[""").when().patch(SurveyApi.responses(run) + "/" + r.id()).then().statusCode(400)
                .contentType("application/problem+json");
        SurveyApi.as("RK5").queryParam("respondentReference", "malformed").header("If-Match", r.etag()).contentType("application/xml")
                .body("<answers/>").when().patch(SurveyApi.responses(run) + "/" + r.id()).then().statusCode(415);
        SurveyApi.as("RK5").contentType("application/json").body(Map.of("respondentRole", "Chief Executive!"))
                .when().post(SurveyApi.responses(run)).then().statusCode(400).body("errors.field", hasItems("respondentRole"));
        unchanged(run, r, "malformed");
    }

    private static void unchanged(String run, SurveyApi.Ref r, String reference) {
        SurveyApi.as("RK5").queryParam("respondentReference", reference).when().get(SurveyApi.responses(run) + "/" + r.id())
                .then().statusCode(200).header("ETag", r.etag()).body("answers", equalTo(Map.of()));
    }
}
