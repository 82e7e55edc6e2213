package uk.nhs.impact.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** Forwarding: path, query, token, correlation id and bodies reach the service; answers come back unchanged. */
@QuarkusTest
class GatewayRoutingTest {
    private static final String PROBLEM = "application/problem+json";

    @Test
    void forwardsPathQueryTokenAndCorrelationId() {
        String bearer = Tokens.bearer("RHA", "submitter", "viewer");
        given().header("Authorization", bearer).header("X-Request-Id", "walk-1")
                .when().get("/api/v1/echo/things/42?cycle=2023-24&limit=5")
                .then().statusCode(200)
                .header("X-Request-Id", "walk-1")
                .header("X-Downstream", "echo")
                .body("method", equalTo("GET"))
                .body("path", equalTo("/api/v1/echo/things/42"))
                .body("query", equalTo("cycle=2023-24&limit=5"))
                .body("authorization", equalTo(bearer))
                .body("requestId", equalTo("walk-1"))
                .body("forwardedFor", equalTo("127.0.0.1"));
    }

    /** The gateway's request joins the caller's trace and hands it on to the service (W3C trace context). */
    @Test
    void forwardsTheCallersTraceToTheService() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String caller = "00f067aa0ba902b7";
        String forwarded = given().header("Authorization", Tokens.bearer("RHA", "viewer")).header("traceparent", "00-" + trace + "-" + caller + "-01")
                .when().get("/api/v1/echo/traced").then().statusCode(200).extract().path("traceparent");
        org.assertj.core.api.Assertions.assertThat(forwarded).as("traceparent the service received")
                .matches("00-" + trace + "-[0-9a-f]{16}-01").doesNotContain(caller);
        String started = given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get("/api/v1/echo/untraced").then()
                .statusCode(200).extract().path("traceparent");
        org.assertj.core.api.Assertions.assertThat(started).as("a trace the gateway started").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void givesEveryRequestACorrelationId() {
        given().header("Authorization", Tokens.bearer("RHA", "viewer"))
                .when().get("/api/v1/echo/x")
                .then().statusCode(200).header("X-Request-Id", notNullValue())
                .body("requestId", notNullValue());
    }

    @Test
    void streamsRequestBodies() {
        byte[] body = new byte[600_000];
        given().header("Authorization", Tokens.bearer("RHA", "submitter")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/echo/upload")
                .then().statusCode(200).body("bodyBytes", equalTo(600_000));
        given().header("Authorization", Tokens.bearer("RHA", "submitter")).contentType(ContentType.JSON)
                .body(new ByteArrayInputStream(new byte[300_000]))
                .when().post("/api/v1/echo/upload-chunked")
                .then().statusCode(200).body("bodyBytes", equalTo(300_000));
    }

    @Test
    void refusesBodiesOverTheLimit() {
        given().header("Authorization", Tokens.bearer("RHA", "submitter")).contentType(ContentType.JSON)
                .body(new byte[1_100_000])
                .when().post("/api/v1/echo/upload")
                .then().statusCode(413).contentType(PROBLEM).body("status", equalTo(413));
    }

    @Test
    void unknownServiceIsA404Problem() {
        given().header("Authorization", Tokens.bearer("RHA", "viewer"))
                .when().get("/api/v1/nowhere/1")
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("/api/v1/nowhere/1"));
    }

    @Test
    void stoppedServiceIsA503ProblemWithRetryAfter() {
        given().header("Authorization", Tokens.bearer("RHA", "viewer"))
                .when().get("/api/v1/down/anything")
                .then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://impact.nhs.uk/problems/service-unavailable"));
    }

    @Test
    void silentServiceIsA504Problem() {
        given().header("Authorization", Tokens.bearer("RHA", "viewer"))
                .when().get("/api/v1/echo/slow")
                .then().statusCode(504).contentType(PROBLEM)
                .body("type", equalTo("https://impact.nhs.uk/problems/gateway-timeout"));
    }
}
