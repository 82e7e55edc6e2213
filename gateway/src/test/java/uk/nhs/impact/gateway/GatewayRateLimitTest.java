package uk.nhs.impact.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each client has its own budget (burst 20, then 5 per second in tests); past it, 429 with Retry-After. */
@QuarkusTest
class GatewayRateLimitTest {

    @Test
    void clientOverItsRateGets429AndOthersAreUnaffected() {
        String greedy = Tokens.bearer("RX1", "viewer");
        int ok = 0;
        Response refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            Response r = given().header("Authorization", greedy).when().get("/api/v1/echo/things");
            if (r.statusCode() == 200) {
                ok++;
            } else {
                refused = r;
            }
        }
        assertTrue(refused != null, "40 requests at once must exceed a burst of 20");
        assertEquals(429, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        assertTrue(ok >= 20, "the burst is served before refusing: " + ok);

        given().header("Authorization", Tokens.bearer("RX2", "viewer")).when().get("/api/v1/echo/things")
                .then().statusCode(200);
    }
}
