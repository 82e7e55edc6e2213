package uk.nhs.impact.baseline;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import uk.nhs.impact.stack.test.ReviewChecks;
import uk.nhs.impact.stack.test.Tokens;

/** Small steps of the baseline API, as a trust or regional system would call them. */
final class BaselineApi {
    private BaselineApi() {
    }

    static String admin() {
        return Tokens.bearer("X24", "instrument-admin");
    }

    /** Opens a collection accepting returns now, reported against the 2023 hierarchy. */
    static void openCollection(String id) {
        given().header("Authorization", admin()).contentType("application/json")
                .body(Map.of("id", id, "name", "Baseline " + id, "referenceDate", "2023-08-31",
                        "opensAt", Instant.now().minus(1, ChronoUnit.DAYS).toString(), "closesAt", Instant.now().plus(30, ChronoUnit.DAYS).toString()))
                .when().post("/api/v1/baseline-collections").then().statusCode(201);
    }

    static String path(String collection, String ods) {
        return "/api/v1/baseline-collections/" + collection + "/returns/" + ods;
    }

    /** A draft body answering the four headline questions. */
    static Map<String, Object> headline(boolean leadership, boolean tools, boolean governance, boolean capability) {
        return Map.of("answers", Map.of("leadership_exec_responsibility", leadership, "tools_improvement_methods", tools,
                "governance_reporting", governance, "capability_staff_training", capability));
    }

    static Response save(String collection, String ods, Object body, String etag) {
        var request = given().header("Authorization", Tokens.bearer(ods, "submitter", "viewer")).contentType("application/json").body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.when().put(path(collection, ods));
    }

    static Response submit(String collection, String ods, String etag) {
        return given().header("Authorization", Tokens.bearer(ods, "submitter", "viewer")).header("If-Match", etag)
                .when().post(path(collection, ods) + "/submit");
    }

    /** The return's current ETag, as its organisation reads it. */
    static String etag(String collection, String ods) {
        return given().header("Authorization", Tokens.bearer(ods, "viewer")).when().get(path(collection, ods)).then().statusCode(200)
                .extract().header("ETag");
    }

    /** An ICB review (or an attempt at one) by {@code org} holding {@code role}. */
    static Response review(String collection, String ods, String org, String role, String etag, Object body) {
        return ReviewChecks.post(path(collection, ods) + "/review", org, role, etag, body);
    }

    /** Drafts then submits; returns the submitted return's ETag. */
    static String file(String collection, String ods, Object body) {
        String etag = save(collection, ods, body, null).then().statusCode(201).extract().header("ETag");
        return submit(collection, ods, etag).then().statusCode(200).extract().header("ETag");
    }
}
