package uk.nhs.impact.stack.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every service answers whatever it does: readiness (with its real database, broker and identity provider), its OpenAPI document,
 * and Prometheus metrics, all on the management interface (its own port) and none on the public port; and metric tags
 * that are route templates, never raw paths. Extend it in a {@code @QuarkusTest}.
 */
public abstract class StandardEndpointsChecks {
    /** Values no template holds: if one shows up in a metric tag, a raw path was recorded. */
    private static final List<String> PROBES = List.of("ZQ9PROBE", "RZQ9X");
    private static final Pattern URI_TAG = Pattern.compile("uri=\"([^\"]*)\"");

    /** The title the service's OpenAPI document must carry. */
    protected abstract String apiTitle();

    /** Whether the service has updates guarded by If-Match (a read-only service has none). */
    protected boolean hasConditionalUpdates() {
        return true;
    }

    @Test
    void isReadyWithItsRealDependencies() {
        given().baseUri(Management.baseUri()).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                // ready only once it can verify tokens: the realm's keys read from the real Keycloak
                .body("checks.find { it.name == 'token verification keys' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'token verification keys' }.data.keys", equalTo("known"));
    }

    @Test
    void publishesItsOpenApiDocument() {
        given().baseUri(Management.baseUri()).accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("info.title", equalTo(apiTitle()));
    }

    /** Every operation that takes If-Match documents both ways it can refuse: a stale tag (412) and none (428). */
    @Test
    @SuppressWarnings("unchecked")
    void documentsConditionalUpdates() {
        Map<String, Map<String, Object>> paths = given().baseUri(Management.baseUri()).accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().path("paths");
        int found = 0;
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                if (!(op.getValue() instanceof Map<?, ?> operation) || !(operation.get("parameters") instanceof List<?> parameters)) {
                    continue;
                }
                boolean ifMatch = parameters.stream().anyMatch(p -> p instanceof Map<?, ?> m && "header".equals(m.get("in"))
                        && "If-Match".equalsIgnoreCase(String.valueOf(m.get("name"))));
                if (ifMatch) {
                    found++;
                    Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                    assertThat(responses).as(op.getKey() + " " + path.getKey() + " takes If-Match but does not document 412 and 428")
                            .containsKeys("412", "428");
                }
            }
        }
        assertThat(found > 0).as("operations taking If-Match: " + found).isEqualTo(hasConditionalUpdates());
    }

    @Test
    void exposesPrometheusMetrics() {
        given().baseUri(Management.baseUri()).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void servesNoManagementEndpointOnItsPublicPort() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi", "/q/openapi.json")) {
            given().when().get(path).then().statusCode(anyOf(equalTo(404), equalTo(401)))
                    .body(not(containsString("jvm_memory_used_bytes")), not(containsString("\"openapi\"")), not(containsString("\"checks\"")));
        }
    }

    @Test
    void metricTagsAreRouteTemplatesNeverRawPaths() {
        String path = "/api/v1/baseline-collections/ZQ9PROBE-2023/returns/RZQ9X";
        // no token or a bad one: refused (the resource matched or not)
        given().when().get(path).then().statusCode(not(equalTo(200)));
        given().header("Authorization", "Bearer not.a.jwt").when().get(path).then().statusCode(not(equalTo(200)));
        given().header("Authorization", "Bearer not.a.jwt").when().get("/api/v1/ZQ9PROBE/RZQ9X").then().statusCode(not(equalTo(200)));
        given().when().get("/api/v1/ZQ9PROBE/RZQ9X").then().statusCode(not(equalTo(200)));
        // a body declared too large: refused (413) before any resource is matched
        assertThat(declaringTooLargeABody(path)).as("an oversized body was not refused").startsWith("HTTP/1.1 413");

        String metrics = given().baseUri(Management.baseUri()).when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).as("no HTTP server metrics recorded").contains("http_server_requests_seconds_count");
        List<String> uris = URI_TAG.matcher(metrics).results().map(tag -> tag.group(1)).toList();
        assertThat(uris).allSatisfy(uri -> assertThat(uri).as("a raw path became a metric tag: uri=\"" + uri + "\"")
                .doesNotContain(PROBES));
    }

    /** Sends only the head of a request whose declared body is over any limit; returns the status line of the answer. */
    private static String declaringTooLargeABody(String path) {
        try (Socket socket = new Socket(URI.create(RestAssured.baseURI).getHost(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 500000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            return status == null ? "" : status;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
