package uk.nhs.impact.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.gateway.proxy.Downstreams;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The change feed's waiting answers pass through: a long-poll outlives the request timeout (2 s in tests) by its wait, and
 * an SSE stream reaches the caller event by event, not buffered until the service ends it.
 */
@QuarkusTest
class GatewayWaitingTest {
    @Inject
    Downstreams downstreams;
    @TestHTTPResource("/api/v1/echo/stream")
    URI stream;

    @Test
    void routesTheChangeFeedToReporting() {
        assertThat(downstreams.serviceFor("/api/v1/changes")).contains("reporting");
    }

    @Test
    void aLongPollIsNotCutShortByTheRequestTimeout() {
        String bearer = Tokens.bearer("RHA", "viewer");
        String waited = given().header("Authorization", bearer).when().get("/api/v1/echo/long-poll?wait=5")
                .then().statusCode(200).extract().asString();
        assertThat(waited).contains("\"waited\":true");
        // without a wait the same silence is a timeout, as for any request
        given().header("Authorization", bearer).when().get("/api/v1/echo/long-poll").then().statusCode(504);
    }

    @Test
    void anSseStreamArrivesEventByEvent() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stream).header("Authorization", Tokens.bearer("RHA", "viewer"))
                .header("Accept", "text/event-stream").build();
        long start = System.nanoTime();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = new ArrayList<>();
        List<Long> arrivedMillis = new ArrayList<>();
        response.body().filter(line -> line.startsWith("data:")).forEach(line -> {
            data.add(line);
            arrivedMillis.add((System.nanoTime() - start) / 1_000_000);
        });
        assertThat(data).containsExactly("data: first", "data: second");
        assertThat(arrivedMillis.get(0)).as("the first event, before the service's 3 s pause").isLessThan(2000);
        assertThat(arrivedMillis.get(1)).as("the second, after it (past the 2 s request timeout)").isGreaterThanOrEqualTo(2900);
    }
}
