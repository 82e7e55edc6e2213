package uk.nhs.impact.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** Each client has its own budget (burst 20, then 5 per second in tests); past it, 429 with Retry-After. */
@QuarkusTest
class GatewayRateLimitTest {

    @Test
    void clientOverItsRateGets429AndOthersAreUnaffected() throws Exception {
        String greedy = Tokens.bearer("RX1", "viewer");
        // sent together, so how long each answer takes on a busy machine does not refill the bucket between them
        List<Response> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(() -> given().header("Authorization", greedy).when().get("/api/v1/echo/things"));
            }
            for (Future<Response> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
        Response refused = answers.stream().filter(r -> r.statusCode() != 200).findFirst().orElse(null);
        assertThat(refused).as("40 requests at once must exceed a burst of 20").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isGreaterThanOrEqualTo(1);
        assertThat(ok).as("the burst is served before refusing").isGreaterThanOrEqualTo(20);

        given().header("Authorization", Tokens.bearer("RX2", "viewer")).when().get("/api/v1/echo/things")
                .then().statusCode(200);
    }
}
