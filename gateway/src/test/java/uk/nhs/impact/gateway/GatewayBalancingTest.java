package uk.nhs.impact.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Management;
import uk.nhs.impact.stack.test.Tokens;

/**
 * A service with several instances ("pair": two stand-ins and, between them, a port nothing listens on): requests go round
 * the ready instances, never fail for the one that is gone, and stop going to one that says it is not ready.
 */
@QuarkusTest
class GatewayBalancingTest {
    private static final String DOWNSTREAM = "checks.find { it.name == 'downstream services' }.data.";

    @AfterEach
    void ready() {
        DownstreamStubResource.PAIR_B_READY.set(true);
    }

    @Test
    void spreadsRequestsOverTheInstancesAndNeverFailsForOneThatIsGone() {
        // a client of its own for each part: the test profile's rate limit allows a burst of 20
        String bearer = Tokens.bearer("RB1", "submitter", "viewer");
        Map<String, Integer> reached = new HashMap<>();
        for (int i = 0; i < 18; i++) {
            String instance = given().header("Authorization", bearer).contentType(ContentType.JSON).body("{\"n\":" + i + "}")
                    .when().request(i % 2 == 0 ? "GET" : "POST", "/api/v1/pair/things")
                    .then().statusCode(200).extract().header("X-Instance");
            reached.merge(instance, 1, Integer::sum);
        }
        assertThat(reached).containsOnlyKeys("a", "b");
        assertThat(reached.get("a")).as("requests per instance: " + reached).isBetween(5, 13);
    }

    @Test
    void sendsNothingToAnInstanceThatSaysItIsNotReadyAndResumesWhenItIs() throws InterruptedException {
        DownstreamStubResource.PAIR_B_READY.set(false);
        awaitInstances("1 of 3 ready");
        for (int i = 0; i < 16; i++) {
            given().header("Authorization", Tokens.bearer("RB2", "viewer")).when().get("/api/v1/pair/things").then().statusCode(200).header("X-Instance", "a");
        }
        DownstreamStubResource.PAIR_B_READY.set(true);
        awaitInstances("2 of 3 ready");
        Map<String, Integer> reached = new HashMap<>();
        for (int i = 0; i < 16; i++) {
            reached.merge(given().header("Authorization", Tokens.bearer("RB3", "viewer")).when().get("/api/v1/pair/things").then().statusCode(200)
                    .extract().header("X-Instance"), 1, Integer::sum);
        }
        assertThat(reached).containsOnlyKeys("a", "b");
    }

    @Test
    void readinessListsHowManyInstancesOfEachServiceAreReady() {
        given().baseUri(Management.baseUri()).when().get("/q/health/ready").then()
                .body(DOWNSTREAM + "pair", equalTo("UP"))
                .body(DOWNSTREAM + "'pair instances'", equalTo("2 of 3 ready"))
                .body(DOWNSTREAM + "echo", equalTo("UP"));
    }

    private static void awaitInstances(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = given().baseUri(Management.baseUri()).when().get("/q/health/ready").then().extract().path(DOWNSTREAM + "'pair instances'");
            if (expected.equals(seen)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pair instances never " + expected + "; last " + seen);
    }
}
