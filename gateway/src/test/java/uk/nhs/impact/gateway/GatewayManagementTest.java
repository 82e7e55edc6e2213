package uk.nhs.impact.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Management;
import uk.nhs.impact.stack.test.Tokens;

/**
 * Health, metrics and OpenAPI documents are on the management interface only: the public port neither serves nor
 * forwards any {@code /q} path, however it is spelled. Metric tags are route templates, never the raw paths that would
 * show who filed what.
 */
@QuarkusTest
class GatewayManagementTest {
    private static final List<String> MANAGEMENT_PATHS = List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/health/live",
            "/q/health/started", "/q/openapi", "/q/openapi.json", "/q/info", "/q/dev-ui", "/q");
    private static final Pattern URI_TAG = Pattern.compile("uri=\"([^\"]*)\"");
    private static final HttpClient RAW = HttpClient.newHttpClient();

    @Test
    void thePublicPortServesNoManagementPath() {
        String bearer = Tokens.bearer("RXQ", "viewer");
        for (String path : MANAGEMENT_PATHS) {
            given().when().get(path).then().statusCode(404)
                    .body(not(containsString("jvm_")), not(containsString("\"checks\"")));
            given().header("Authorization", bearer).when().get(path).then().statusCode(404)
                    .body(not(containsString(DownstreamStubResource.LEAKED)));
        }
        // the integrators' documentation stays public
        given().when().get("/api/openapi.json").then().statusCode(200).body("openapi", startsWith("3."));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void noSpellingOfAManagementPathIsForwarded() throws Exception {
        String bearer = Tokens.bearer("RXQ", "viewer");
        for (String path : List.of("/api/v1/echo/../../../q/metrics", "/api/v1/echo/%2e%2e/%2e%2e/%2e%2e/q/health",
                "/api/v1/echo/..%2f..%2f..%2fq%2fmetrics", "/api/v1/echo/../../../q/openapi", "/api/v1/../q/health/ready",
                "/api/v1/q/metrics", "/q/metrics/../metrics", "/q/%6detrics")) {
            HttpResponse<String> answer = RAW.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                    .header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).as(path + " reached a service's management path").doesNotContain(DownstreamStubResource.LEAKED);
            assertThat(answer.body()).as(path + " answered metrics").doesNotContain("jvm_");
            assertThat(answer.body()).as(path + " answered health detail").doesNotContain("\"checks\"");
            if (answer.body().contains("\"method\"")) { // the echo stub answered: what it was sent stays under /api/v1/echo
                assertThat(answer.body()).as(path + " forwarded as " + answer.body()).contains("\"path\":\"/api/v1/echo/");
            }
        }
    }

    @Test
    void theManagementPortServesHealthMetricsAndNoForwarding() {
        given().baseUri(Management.baseUri()).when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(Management.baseUri()).when().get("/q/health/ready").then().statusCode(503);
        given().baseUri(Management.baseUri()).when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        // the management interface is not a way into the services either
        given().baseUri(Management.baseUri()).header("Authorization", Tokens.bearer("RXQ", "viewer")).when().get("/api/v1/echo/things")
                .then().statusCode(404);
    }

    @Test
    void metricTagsAreRouteTemplatesNeverRawPaths() throws IOException, InterruptedException {
        String bearer = Tokens.bearer("RXQ", "viewer");
        String[] raw = {
                "/api/v1/baseline-collections/baseline-ZQ2023/returns/RZQ01",
                "/api/v1/baseline-collections/baseline-ZQ2024/returns/RZQ02/submit",
                "/api/v1/baseline-collections/baseline-ZQ2025/returns/RZQ03/audit",
                "/api/v1/assessments/8f0e1c52-ZQ04-4d6e-9a55-0c2b6d7e8f90/answers/Q01",
                "/api/v1/survey-runs/improvement-ZQ05/responses/RZQ06",
                "/api/v1/reports/self-assessment/2023-ZQ07/position/RZQ08",
                "/api/v1/reports/nothing-here/RZQ09",
                "/api/v1/nowhere-ZQ10/RZQ11",
                "/elsewhere-ZQ12/RZQ13",
                "/api/v1/echo/things/RZQ14",
                "/api/v1/echo/RZQ15//RZQ16/",
        };
        for (String path : raw) {
            given().when().get(path); // 401 at the gateway
            given().header("Authorization", "Bearer not.a.jwt").when().get(path); // refused before any route
        }
        for (String path : List.of("/api/v1/echo/things/RZQ14", "/api/v1/echo/RZQ15/x", "/api/v1/nowhere-ZQ10/RZQ11")) {
            given().header("Authorization", bearer).when().get(path); // forwarded (200) or 404 problem
        }

        String metrics = given().baseUri(Management.baseUri()).when().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> uris = URI_TAG.matcher(metrics).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(uris).as("a raw path became a metric tag").noneMatch(uri -> uri.contains("ZQ"));
        assertThat(uris).as("templates recorded").contains(
                "/api/v1/baseline-collections/{collectionId}/returns/{odsCode}",
                "/api/v1/baseline-collections/{collectionId}/returns/{odsCode}/submit",
                "/api/v1/assessments/{id}/answers/{questionCode}",
                "/api/v1/reports/self-assessment/{cycle}/position/{odsCode}");
        assertThat(uris).as("unrouted paths under /api/v1 fold into one tag").contains("/api/v1/*");
        assertThat(uris).isNotEmpty();
        assertThat(uris).as("management paths are not metered as routes").noneMatch(u -> u.startsWith("/q/"));
    }
}
