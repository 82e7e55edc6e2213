package uk.nhs.impact.survey;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import uk.nhs.impact.stack.test.Tokens;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;

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

    static Response openRun(String id, Instant opensAt, Instant closesAt) {
        return given().header("Authorization", admin()).contentType("application/json")
                .body("{\"id\":\"" + id + "\",\"name\":\"Improvement survey " + id + "\",\"instrumentId\":\"" + SURVEY
                        + "\",\"instrumentVersion\":1,\"referenceDate\":\"2023-08-31\",\"opensAt\":\"" + opensAt + "\",\"closesAt\":\""
                        + closesAt + "\",\"organisationTypes\":[\"trust\"]}")
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
                .body("{\"respondentRole\":\"" + role + "\",\"respondentReference\":\"" + reference + "\"}")
                .when().post(responses(run));
    }

    static Ref start(String run, String ods, String reference) {
        Response r = startRequest(run, ods, reference, "director_of_improvement");
        r.then().statusCode(201);
        return new Ref(r.path("id"), r.header("ETag"));
    }

    static Response save(String run, String ods, String reference, Ref r, String answersJson) {
        return as(ods).queryParam("respondentReference", reference).header("If-Match", r.etag()).contentType("application/json")
                .body("{\"answers\":" + answersJson + "}").when().patch(responses(run) + "/" + r.id());
    }

    static Ref saved(String run, String ods, String reference, Ref r, String answersJson) {
        Response resp = save(run, ods, reference, r, answersJson);
        resp.then().statusCode(200);
        return new Ref(r.id(), resp.header("ETag"));
    }

    static Response submitRequest(String run, String ods, String reference, Ref r) {
        return as(ods).queryParam("respondentReference", reference).header("If-Match", r.etag())
                .when().post(responses(run) + "/" + r.id() + "/submit");
    }

    static Ref submit(String run, String ods, String reference, Ref r) {
        Response resp = submitRequest(run, ods, reference, r);
        resp.then().statusCode(200);
        return new Ref(r.id(), resp.header("ETag"));
    }

    /** Starts, answers and submits one response. */
    static Ref respond(String run, String ods, String reference, String answersJson) {
        Ref r = start(run, ods, reference);
        r = saved(run, ods, reference, r, answersJson);
        return submit(run, ods, reference, r);
    }
}
