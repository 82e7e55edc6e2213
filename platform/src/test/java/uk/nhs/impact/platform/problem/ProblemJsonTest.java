package uk.nhs.impact.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** Every kind of failure answers RFC 9457 problem+json with its own status, naming the field where there is one. */
@QuarkusTest
class ProblemJsonTest {
    private static final String PROBLEM = "application/problem+json";

    private static Map<String, Object> note(String text, int level) {
        return Map.of("text", text, "level", level);
    }

    private static io.restassured.specification.RequestSpecification asTrust() {
        return given().header("Authorization", Tokens.bearer("RHA", "submitter", "viewer"));
    }

    @Test
    void validationErrorsNameEveryFailingField() {
        asTrust().contentType(ContentType.JSON).body("""
                {"text": "", "level": 9, "tags": ["ok", "much-too-long-tag"]}""")
                .when().post("/api/v1/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://impact.nhs.uk/problems/validation"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/notes"))
                .body("errors", hasSize(3))
                .body("errors.field", hasItem("text"))
                .body("errors.field", hasItem("level"))
                .body("errors.field", hasItem("tags[1]"));
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        asTrust().contentType(ContentType.JSON).body("""
                {"text": "a", "level": "three"}""")
                .when().post("/api/v1/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("level"))
                .body("errors[0].message", containsString("a number"));
    }

    @Test
    void aNumberOrBooleanWhereTextIsExpectedNamesTheField() {
        for (String body : new String[]{"{\"text\": 42, \"level\": 3}", "{\"text\": 4.2, \"level\": 3}", "{\"text\": true, \"level\": 3}"}) {
            asTrust().contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/notes")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("text"));
        }
        asTrust().contentType(ContentType.JSON).body(Map.of("text", "a", "level", 3, "tags", java.util.List.of("ok", 7)))
                .when().post("/api/v1/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("tags[1]"));
    }

    @Test
    void unknownFieldIsRefused() {
        asTrust().contentType(ContentType.JSON).body("""
                {"text": "a", "level": 3, "colour": "red"}""")
                .when().post("/api/v1/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", equalTo("unknown field"));
    }

    @Test
    void malformedJsonIsA400() {
        asTrust().contentType(ContentType.JSON).body("""
                {"text": "a",\s""")
                .when().post("/api/v1/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://impact.nhs.uk/problems/malformed-json"));
    }

    @Test
    void unknownResourceIsA404() {
        asTrust().when().get("/api/v1/notes/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://impact.nhs.uk/problems/not-found"));
    }

    @Test
    void wrongContentTypeIsA415() {
        asTrust().contentType(ContentType.XML).body("<note/>")
                .when().post("/api/v1/notes")
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void bodyOverTheLimitIsA413() {
        String huge = """
                {"text": "%s", "level": 1}""".formatted("x".repeat(1_200_000));
        asTrust().contentType(ContentType.JSON).body(huge)
                .when().post("/api/v1/notes")
                .then().statusCode(413).contentType(PROBLEM)
                .body("status", equalTo(413));
    }

    @Test
    void updateWithoutIfMatchIs428AndStaleIs412() {
        String location = asTrust().contentType(ContentType.JSON).body(note("first", 1))
                .when().post("/api/v1/notes").then().statusCode(201).extract().header("Location");

        asTrust().contentType(ContentType.JSON).body(note("second", 2))
                .when().put(location)
                .then().statusCode(428).contentType(PROBLEM);

        String etag = asTrust().when().get(location).then().statusCode(200).extract().header("ETag");
        asTrust().header("If-Match", etag).contentType(ContentType.JSON).body(note("second", 2))
                .when().put(location)
                .then().statusCode(200).header("ETag", not(equalTo(etag)));

        asTrust().header("If-Match", etag).contentType(ContentType.JSON).body(note("third", 3))
                .when().put(location)
                .then().statusCode(412).contentType(PROBLEM)
                .body("type", equalTo("https://impact.nhs.uk/problems/precondition-failed"));
    }

    @Test
    void unexpectedErrorHidesTheCauseAndQuotesTheCorrelationId() {
        asTrust().header("X-Request-Id", "trace-123")
                .when().get("/api/v1/notes/boom")
                .then().statusCode(500).contentType(PROBLEM)
                .header("X-Request-Id", "trace-123")
                .body("correlationId", equalTo("trace-123"))
                .body("detail", not(containsString("internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void missingTokenIsA401Problem() {
        given().when().get("/api/v1/notes/whoami")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("correlationId", notNullValue());
    }

    @Test
    void wrongRoleIsA403Problem() {
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).contentType(ContentType.JSON)
                .body(note("a", 1))
                .when().post("/api/v1/notes")
                .then().statusCode(403).contentType(PROBLEM);
    }
}
