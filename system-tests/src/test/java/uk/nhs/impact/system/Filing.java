package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;

/** An organisation's returns filed through the gateway, as the tests that review or read them need them. */
final class Filing {
    private Filing() {
    }

    /** A self-assessment for {@code cycle} created, answered, signed off and submitted by {@code token}'s organisation; its id. */
    static String assessment(String token, String cycle) {
        Response created = given().header("Authorization", token).header("Idempotency-Key", cycle).contentType("application/json")
                .body(Bodies.assessment(cycle)).post("/api/v1/assessments");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.path("id");
        String etag = json(token, created.header("ETag")).body(Bodies.levels(q -> q % 3 == 0)).patch("/api/v1/assessments/" + id + "/answers")
                .then().statusCode(200).extract().header("ETag");
        etag = json(token, etag).body(Bodies.SIGN_OFF).post("/api/v1/assessments/" + id + "/sign-off").then().statusCode(200).extract().header("ETag");
        json(token, etag).post("/api/v1/assessments/" + id + "/submit").then().statusCode(200);
        return id;
    }

    /** Shares the assessment at {@code level}, with its current ETag. */
    static void share(String token, String id, String level) {
        String etag = given().header("Authorization", token).get("/api/v1/assessments/" + id).header("ETag");
        json(token, etag).body(Map.of("level", level, "reason", "Shared for the test")).put("/api/v1/assessments/" + id + "/sharing")
                .then().statusCode(200);
    }

    /** A baseline collection opened by the administrator, open from an hour ago for a day. */
    static void openCollection(String admin, String id, String name) {
        given().header("Authorization", admin).contentType("application/json")
                .body(Bodies.baselineCollection(id, name, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86400)))
                .post("/api/v1/baseline-collections").then().statusCode(201);
    }

    /** The organisation's complete baseline return in the collection, saved and submitted by {@code token}; its path. */
    static String baselineReturn(String token, String collection, String ods) {
        String path = "/api/v1/baseline-collections/" + collection + "/returns/" + ods;
        String etag = json(token, null).body(Bodies.BASELINE_ANSWERS).put(path).then().statusCode(201).extract().header("ETag");
        json(token, etag).post(path + "/submit").then().statusCode(200);
        return path;
    }

    static RequestSpecification json(String token, String ifMatch) {
        RequestSpecification r = given().header("Authorization", token).contentType("application/json");
        return ifMatch == null ? r : r.header("If-Match", ifMatch);
    }
}
