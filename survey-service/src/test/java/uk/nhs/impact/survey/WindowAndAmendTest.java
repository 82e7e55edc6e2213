package uk.nhs.impact.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.Tokens;
import uk.nhs.impact.stack.test.TopicProbe;

/** Collection windows, one response per respondent, amendments with history, and final closing. */
@QuarkusTest
class WindowAndAmendTest {
    private static final Map<String, Object> Q1 = Map.of("Q1_trust_progress", SurveyApi.option("just_underway"));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void responsesOutsideTheWindowAreRefusedWithTheDates() {
        String future = "window-future";
        SurveyApi.openRun(future, Instant.now().plus(1, ChronoUnit.DAYS), Instant.now().plus(2, ChronoUnit.DAYS)).then().statusCode(201);
        SurveyApi.startRequest(future, "RNA", "r1", "chief_executive").then().statusCode(409).contentType("application/problem+json")
                .body("context.opensAt", notNullValue()).body("context.closesAt", notNullValue());
        String past = "window-past";
        SurveyApi.openRun(past, Instant.now().minus(2, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS)).then().statusCode(201);
        SurveyApi.startRequest(past, "RNA", "r1", "chief_executive").then().statusCode(409).body("detail", containsString("accepts responses only between"));
    }

    @Test
    void aResponseStartedInTheWindowCannotBeSubmittedAfterItCloses() throws InterruptedException {
        String run = "window-closing";
        SurveyApi.openRun(run, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(3, ChronoUnit.SECONDS)).then().statusCode(201);
        SurveyApi.Ref r = SurveyApi.saved(run, "RNA", "late", SurveyApi.start(run, "RNA", "late"), Q1);
        Thread.sleep(3_500);
        SurveyApi.submitRequest(run, "RNA", "late", r).then().statusCode(409).body("context.closesAt", notNullValue());
        SurveyApi.as("RNA").queryParam("respondentReference", "late").when().get(SurveyApi.responses(run) + "/" + r.id())
                .then().statusCode(200).body("status", equalTo("DRAFT")).body("revision", equalTo(0));
    }

    @Test
    void aSecondSubmitAmendsAndKeepsHistory() {
        String run = SurveyApi.openRunNow("amend-run");
        SurveyApi.Ref r = SurveyApi.respond(run, "RNA", "amender", Q1);
        SurveyApi.startRequest(run, "RNA", "amender", "chief_executive").then().statusCode(409)
                .body("context.responseId", equalTo(r.id()));
        SurveyApi.submitRequest(run, "RNA", "amender", r).then().statusCode(409).body("detail", containsString("Nothing to submit"));
        r = SurveyApi.saved(run, "RNA", "amender", r, Map.of("Q1_trust_progress", SurveyApi.option("underway_maturing")));
        r = SurveyApi.submit(run, "RNA", "amender", r);
        SurveyApi.as("RNA").queryParam("respondentReference", "amender").when().get(SurveyApi.responses(run) + "/" + r.id() + "/history")
                .then().statusCode(200).body("revision", contains(1, 2))
                .body("[0].answers.Q1_trust_progress.option", equalTo("just_underway"))
                .body("[1].answers.Q1_trust_progress.option", equalTo("underway_maturing"));
        String id = r.id();
        var events = TopicProbe.await(bootstrap, Topics.SURVEY, e -> e.value().contains(id), 2, Duration.ofSeconds(30));
        assertThat(events.stream().map(e -> TopicProbe.header(e, "ce_type")).toList())
                .containsExactly(EventTypes.SURVEY_RESPONSE_SUBMITTED, EventTypes.SURVEY_RESPONSE_AMENDED);
    }

    @Test
    void theCloseDateCanBeExtendedAndClosingIsFinal() {
        String run = SurveyApi.openRunNow("closing-run");
        String etag = given().header("Authorization", SurveyApi.admin()).when().get(SurveyApi.RUNS + "/" + run).then().extract().header("ETag");
        given().header("Authorization", SurveyApi.admin()).header("If-Match", etag).contentType("application/json")
                .body(Map.of("closesAt", Instant.now().toString())).when().post(SurveyApi.RUNS + "/" + run + "/extend")
                .then().statusCode(400).body("errors.field", hasItem("closesAt"));
        etag = given().header("Authorization", SurveyApi.admin()).header("If-Match", etag).contentType("application/json")
                .body(Map.of("closesAt", Instant.now().plus(60, ChronoUnit.DAYS).toString())).when().post(SurveyApi.RUNS + "/" + run + "/extend")
                .then().statusCode(200).extract().header("ETag");
        etag = given().header("Authorization", SurveyApi.admin()).header("If-Match", etag).when().post(SurveyApi.RUNS + "/" + run + "/close")
                .then().statusCode(200).body("closed", equalTo(true)).body("acceptingResponses", equalTo(false)).extract().header("ETag");
        given().header("Authorization", SurveyApi.admin()).header("If-Match", etag).contentType("application/json")
                .body(Map.of("closesAt", Instant.now().plus(90, ChronoUnit.DAYS).toString())).when().post(SurveyApi.RUNS + "/" + run + "/extend")
                .then().statusCode(409).body("detail", containsString("final"));
        SurveyApi.startRequest(run, "RNA", "too-late", "chair").then().statusCode(409).body("detail", containsString("closed"));
        given().header("Authorization", Tokens.bearer("RNA", "submitter"))
                .header("If-Match", etag).when().post(SurveyApi.RUNS + "/" + run + "/close").then().statusCode(403);
    }

    @Test
    void anIcbCannotAnswerATrustSurvey() {
        String run = SurveyApi.openRunNow("trusts-only");
        SurveyApi.startRequest(run, "QT1", "icb", "chief_executive").then().statusCode(422).body("detail", containsString("trust"));
    }
}
