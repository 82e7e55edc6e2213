package uk.nhs.impact.system;

import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's one command starts the whole system; calls go through the gateway with tokens from the real Keycloak;
 * the stop command leaves no process and no open port behind.
 */
class SystemIT {
    private static RunningStack stack;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        stack = new RunningStack().start();
        RestAssured.baseURI = RunningStack.GATEWAY;
    }

    @AfterAll
    static void stopLeavesNothingBehind() throws Exception {
        List<String> leftovers = stack.stopAndListLeftovers();
        assertEquals(List.of(), leftovers, "still running after ./stack.sh stop");
    }

    @Test
    void gatewayIsReadyWithEveryServiceUp() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks[0].data.assessment", equalTo("UP"))
                .body("checks[0].data.survey", equalTo("UP"))
                .body("checks[0].data.baseline", equalTo("UP"))
                .body("checks[0].data.reporting", equalTo("UP"));
    }

    @Test
    void demoUserCallsAServiceThroughTheGateway() {
        given().header("Authorization", "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1"))
                .queryParam("component", "C1")
                .when().get("/api/v1/reports/trends/self-assessment")
                .then().statusCode(200).body("area", equalTo("RHA"));
    }

    @Test
    void callWithoutATokenIsRefusedAtTheGateway() {
        given().when().get("/api/v1/reports/trends/self-assessment")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
