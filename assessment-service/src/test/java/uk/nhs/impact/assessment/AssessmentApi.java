package uk.nhs.impact.assessment;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.nhs.impact.stack.test.ReviewChecks;
import uk.nhs.impact.stack.test.Tokens;

/** Steps of the self-assessment API as an organisation's own system would call them. */
final class AssessmentApi {
    static final String BASE = "/api/v1/assessments";
    static final String INSTRUMENT = "nhs-impact-self-assessment";

    /** Seed 001's answers, question number → level. */
    static final Map<Integer, String> SEED_001 = seed001();

    private AssessmentApi() {
    }

    /** An id and the ETag of its current version. */
    record Ref(String id, String etag) {
    }

    static String submitter(String ods) {
        return Tokens.bearer(ods, "submitter", "viewer");
    }

    static RequestSpecification as(String ods) {
        return given().header("Authorization", submitter(ods));
    }

    static Ref create(String ods, String cycle) {
        return create(ods, cycle, 1);
    }

    /** The body that starts an assessment of {@code cycle}. */
    static Map<String, Object> newAssessment(String cycle, int instrumentVersion) {
        return Map.of("cycle", cycle, "referenceDate", "2023-08-31", "instrumentId", INSTRUMENT, "instrumentVersion", instrumentVersion);
    }

    static Ref create(String ods, String cycle, int instrumentVersion) {
        Response r = as(ods).contentType("application/json").body(newAssessment(cycle, instrumentVersion)).when().post(BASE);
        r.then().statusCode(201);
        return new Ref(r.path("id"), r.header("ETag"));
    }

    /** Saves answers, given as a map by question code or as JSON text, with the ETag of {@code a}. */
    static Response patch(String ods, Ref a, Object answers) {
        Object body = answers instanceof String json ? """
                {"answers": %s}""".formatted(json) : Map.of("answers", answers);
        return as(ods).header("If-Match", a.etag()).contentType("application/json").body(body)
                .when().patch(BASE + "/" + a.id() + "/answers");
    }

    /** One question's answer at {@code level}. */
    static Map<String, Object> level(String level) {
        return Map.of("levelCode", level);
    }

    static Map<String, String> reason(String why) {
        return Map.of("reason", why);
    }

    static Ref answer(String ods, Ref a, Map<String, String> levels) {
        Map<String, Object> body = new LinkedHashMap<>();
        levels.forEach((code, level) -> body.put(code, Map.of("levelCode", level, "evidence", "Evidence for " + code)));
        Response r = patch(ods, a, body);
        r.then().statusCode(200);
        return new Ref(a.id(), r.header("ETag"));
    }

    static Response signOffRequest(String ods, Ref a) {
        return as(ods).header("If-Match", a.etag()).contentType("application/json")
                .body(Map.of("approverName", "Dr A Chair", "approverRole", "Chair of the Board", "boardMeetingDate", "2023-09-28",
                        "minuteReference", "BM/23/114"))
                .when().post(BASE + "/" + a.id() + "/sign-off");
    }

    static Ref signOff(String ods, Ref a) {
        Response r = signOffRequest(ods, a);
        r.then().statusCode(200);
        return new Ref(a.id(), r.header("ETag"));
    }

    static Response post(String ods, Ref a, String action, Object body) {
        RequestSpecification s = as(ods).header("If-Match", a.etag());
        if (body != null) {
            s.contentType("application/json").body(body);
        }
        return s.when().post(BASE + "/" + a.id() + "/" + action);
    }

    static Ref submit(String ods, Ref a) {
        Response r = post(ods, a, "submit", null);
        r.then().statusCode(200);
        return new Ref(a.id(), r.header("ETag"));
    }

    static Ref share(String ods, Ref a, String level) {
        Response r = as(ods).header("If-Match", a.etag()).contentType("application/json")
                .body(Map.of("level", level, "reason", "Agreed by the board")).when().put(BASE + "/" + a.id() + "/sharing");
        r.then().statusCode(200);
        return new Ref(a.id(), r.header("ETag"));
    }

    /** An ICB review (or an attempt at one) by {@code org} holding {@code role}, with the ETag of {@code a}. */
    static Response reviewRequest(Ref a, String org, String role, Object body) {
        return ReviewChecks.post(BASE + "/" + a.id() + "/review", org, role, a.etag(), body);
    }

    static Ref review(Ref a, String org, String role, Object body) {
        Response r = reviewRequest(a, org, role, body);
        r.then().statusCode(200);
        return new Ref(a.id(), r.header("ETag"));
    }

    /** Creates, answers every question, signs off and submits. */
    static Ref file(String ods, String cycle, Map<String, String> levels) {
        Ref a = create(ods, cycle);
        a = answer(ods, a, levels);
        a = signOff(ods, a);
        return submit(ods, a);
    }

    static Map<String, String> byCode(Map<Integer, String> byNumber) {
        Map<String, String> out = new LinkedHashMap<>();
        byNumber.forEach((n, level) -> out.put(String.format("Q%02d", n), level));
        return out;
    }

    private static Map<Integer, String> seed001() {
        Map<Integer, String> m = new LinkedHashMap<>();
        int[] developing = {7, 8, 10, 11, 19, 20};
        for (int q = 1; q <= 22; q++) {
            m.put(q, "STARTING");
        }
        for (int q : developing) {
            m.put(q, "DEVELOPING");
        }
        return m;
    }
}
