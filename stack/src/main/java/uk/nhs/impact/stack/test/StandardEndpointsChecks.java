package uk.nhs.impact.stack.test;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What every service answers whatever it does: readiness (with its real database and broker), its OpenAPI document,
 * and Prometheus metrics. Extend it in a {@code @QuarkusTest}.
 */
public abstract class StandardEndpointsChecks {

    /** The title the service's OpenAPI document must carry. */
    protected abstract String apiTitle();

    @Test
    void isReadyWithItsRealDependencies() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesItsOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("info.title", equalTo(apiTitle()));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
