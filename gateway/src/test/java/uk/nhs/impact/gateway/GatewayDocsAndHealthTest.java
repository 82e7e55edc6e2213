package uk.nhs.impact.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Management;

/**
 * One OpenAPI document and Swagger UI for all services, built from the documents on their management interfaces;
 * readiness (on the gateway's management interface) that reflects theirs.
 */
@QuarkusTest
class GatewayDocsAndHealthTest {

    @Test
    void mergedOpenApiHoldsTheServicesPathsAndNamesTheMissing() {
        given().when().get("/api/openapi.json")
                .then().statusCode(200)
                .body("info.title", equalTo("NHS IMPACT returns API"))
                .body("paths.'/api/v1/echo/things'.get", notNullValue())
                .body("components.schemas.Thing.type", equalTo("object"))
                .body("x-unavailable-services", hasItem("down"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void readinessIsDownWhileAServiceIsDownAndSaysWhich() {
        given().baseUri(Management.baseUri()).when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'downstream services' }.data.echo", equalTo("UP"))
                .body("checks.find { it.name == 'downstream services' }.data.down", equalTo("DOWN"));
    }

    @Test
    void livenessAndMetricsAnswer() {
        given().baseUri(Management.baseUri()).when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(Management.baseUri()).when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
