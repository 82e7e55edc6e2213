package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Management;
import uk.nhs.impact.stack.test.StandardEndpointsChecks;

@QuarkusTest
class StandardEndpointsTest extends StandardEndpointsChecks {
    private static final List<String> CSV_REPORTS = List.of("/api/v1/reports/trends/baseline", "/api/v1/reports/trends/self-assessment",
            "/api/v1/reports/self-assessment/{cycle}/position/{odsCode}", "/api/v1/reports/self-assessment/{cycle}/distribution",
            "/api/v1/reports/baseline/{collectionId}/headline", "/api/v1/reports/baseline/{collectionId}/completeness",
            "/api/v1/reports/survey/{runId}/results", "/api/v1/reports/organisations/{odsCode}/profile");

    @Override
    protected String apiTitle() {
        return "NHS IMPACT reporting API";
    }

    @Override
    protected boolean hasConditionalUpdates() {
        return false;
    }

    @Test
    void everyReportDeclaresItsCsvForm() {
        JsonPath doc = given().baseUri(Management.baseUri()).accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        for (String path : CSV_REPORTS) {
            assertThat(paths).containsKey(path);
            Map<String, Object> content = doc.getMap("paths.'" + path + "'.get.responses.'200'.content");
            assertThat(content).as(path).containsKeys("application/json", "text/csv");
            assertThat(doc.getString("paths.'" + path + "'.get.responses.'200'.content.'text/csv'.schema.type")).as(path).isEqualTo("string");
        }
        assertThat(doc.getString("paths.'/api/v1/reports/admin/rebuild'")).as("no CSV where there is none").doesNotContain("text/csv");
        assertThat(doc.prettify()).doesNotContain("x-csv");
    }
}
