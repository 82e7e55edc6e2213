package uk.nhs.impact.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;

/**
 * Logs as JSON lines carry the request's correlation id and trace ids: the gateway's warning about a service it cannot
 * reach, read back from its JSON log (the test profile writes one to a file; LOG_JSON=true does so on the console).
 */
@QuarkusTest
class GatewayLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWarningAboutARequestCarriesItsCorrelationIdAndTrace() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).header("X-Request-Id", "log-check-1")
                .header("traceparent", "00-" + trace + "-b7ad6b7169203331-01")
                .when().get("/api/v1/down/anything").then().statusCode(503);
        JsonNode line = Eventually.await(Duration.ofSeconds(10), () -> find("log-check-1"), Optional::isPresent).orElseThrow();
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("message").asText()).contains("down service unavailable");
        assertThat(line.at("/mdc/correlationId").asText()).isEqualTo("log-check-1");
        assertThat(line.at("/mdc/traceId").asText()).isEqualTo(trace);
        assertThat(line.at("/mdc/spanId").asText()).hasSize(16);
    }

    private static Optional<JsonNode> find(String correlationId) {
        try {
            for (String text : Files.readAllLines(Path.of("target/gateway-test-log.json"))) {
                JsonNode line = JSON.readTree(text);
                if (line.path("message").asText().contains("[" + correlationId + "]")) {
                    return Optional.of(line);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
