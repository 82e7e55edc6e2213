package uk.nhs.impact.survey;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.stack.test.Tokens;

/** Steps of the survey API as an administrator and a trust's system would call them. */
final class SurveyApi {
    static final String RUNS = "/api/v1/survey-runs";
    static final String SURVEY = "nhsp-improvement-survey-2023";

    private SurveyApi() {
    }

    record Ref(String id, String etag) {
    }

    static String admin() {
        return Tokens.bearer("X24", "instrument-admin");
    }

    /** A single choice or Likert answer. */
    static Map<String, Object> option(String code) {
        return Map.of("option", code);
    }

    /** A multi choice answer. */
    static Map<String, Object> options(String... codes) {
        return Map.of("options", List.of(codes));
    }

    static Response openRun(String id, Instant opensAt, Instant closesAt) {
        return given().header("Authorization", admin()).contentType("application/json")
                .body(Map.of("id", id, "name", "Improvement survey " + id, "instrumentId", SURVEY, "instrumentVersion", 1,
                        "referenceDate", "2023-08-31", "opensAt", opensAt.toString(), "closesAt", closesAt.toString(),
                        "organisationTypes", List.of("trust")))
                .when().post(RUNS);
    }

    /** A run accepting responses now. */
    static String openRunNow(String id) {
        openRun(id, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(30, ChronoUnit.DAYS)).then().statusCode(201);
        return id;
    }

    static RequestSpecification as(String ods) {
        return given().header("Authorization", Tokens.bearer(ods, "submitter"));
    }

    static String responses(String run) {
        return RUNS + "/" + run + "/responses";
    }

    static Response startRequest(String run, String ods, String reference, String role) {
        return as(ods).contentType("application/json").queryParam("respondentReference", reference)
                .body(Map.of("respondentRole", role, "respondentReference", reference))
                .when().post(responses(run));
    }

    static Ref start(String run, String ods, String reference) {
        Response r = startRequest(run, ods, reference, "director_of_improvement");
        r.then().statusCode(201);
        return new Ref(r.path("id"), r.header("ETag"));
    }

    static Response save(String run, String ods, String reference, Ref r, Map<String, ?> answers) {
        return saveBody(run, ods, reference, r, Map.of("answers", answers));
    }

    /** Saves answers given as JSON text (an object keyed by question code). */
    static Response save(String run, String ods, String reference, Ref r, String answersJson) {
        return saveBody(run, ods, reference, r, """
                {"answers": %s}""".formatted(answersJson));
    }

    private static Response saveBody(String run, String ods, String reference, Ref r, Object body) {
        return as(ods).queryParam("respondentReference", reference).header("If-Match", r.etag()).contentType("application/json")
                .body(body).when().patch(responses(run) + "/" + r.id());
    }

    static Ref saved(String run, String ods, String reference, Ref r, Map<String, ?> answers) {
        return accepted(r, save(run, ods, reference, r, answers));
    }

    static Ref saved(String run, String ods, String reference, Ref r, String answersJson) {
        return accepted(r, save(run, ods, reference, r, answersJson));
    }

    private static Ref accepted(Ref r, Response resp) {
        resp.then().statusCode(200);
        return new Ref(r.id(), resp.header("ETag"));
    }

    static Response submitRequest(String run, String ods, String reference, Ref r) {
        return as(ods).queryParam("respondentReference", reference).header("If-Match", r.etag())
                .when().post(responses(run) + "/" + r.id() + "/submit");
    }

    static Ref submit(String run, String ods, String reference, Ref r) {
        return accepted(r, submitRequest(run, ods, reference, r));
    }

    /** Starts, answers and submits one response. */
    static Ref respond(String run, String ods, String reference, Map<String, ?> answers) {
        return submit(run, ods, reference, saved(run, ods, reference, start(run, ods, reference), answers));
    }

    /** Starts, answers (JSON text) and submits one response. */
    static Ref respond(String run, String ods, String reference, String answersJson) {
        return submit(run, ods, reference, saved(run, ods, reference, start(run, ods, reference), answersJson));
    }
}
