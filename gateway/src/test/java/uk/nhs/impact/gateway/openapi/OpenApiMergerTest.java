package uk.nhs.impact.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.info.Info;
import org.junit.jupiter.api.Test;

/**
 * The merge on SmallRye's OpenAPI model. {@code openapi/merged.json} is what the merge wrote for the two fixture documents
 * when it still worked on plain JSON trees: the model must write the same document, field for field.
 */
class OpenApiMergerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Info info() {
        return OASFactory.createInfo().title("NHS IMPACT returns API").version("1.0").description("The one entry point")
                .contact(OASFactory.createContact().name("The team").email("team@example.org"));
    }

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = OpenApiMergerTest.class.getResourceAsStream("/openapi/" + name)) {
            return JSON.readTree(in);
        }
    }

    static JsonNode merged(String... services) throws IOException {
        Map<String, OpenAPI> docs = new TreeMap<>();
        for (String service : services) {
            docs.put(service, OpenApiMerger.parse(JSON.writeValueAsBytes(resource(service + ".json"))));
        }
        return JSON.readTree(OpenApiMerger.toJson(OpenApiMerger.merge(info(), "/", docs)));
    }

    @Test
    void writesTheDocumentTheJsonTreeMergeWrote() throws IOException {
        assertThat(merged("assessment", "survey")).isEqualTo(resource("merged.json"));
    }

    @Test
    void aSchemaTwoServicesDefineDifferentlyIsRenamedInTheSecondWithItsReferences() throws IOException {
        JsonNode doc = merged("assessment", "survey");
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemas.path("Status").path("enum")).extracting(JsonNode::asText).containsExactly("DRAFT", "SUBMITTED");
        assertThat(schemas.path("survey.Status").path("enum")).extracting(JsonNode::asText).containsExactly("OPEN", "CLOSED");
        assertThat(schemas.path("Run").path("properties").path("status").path("$ref").asText())
                .isEqualTo("#/components/schemas/survey.Status");
        assertThat(schemas.path("Run").path("properties").path("choices").path("items").path("oneOf").get(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/survey.Status");
        assertThat(schemas.path("Assessment").path("properties").path("status").path("$ref").asText())
                .isEqualTo("#/components/schemas/Status");
        // defined alike by both: kept once, under its own name
        assertThat(schemas.has("survey.Problem")).isFalse();
        assertThat(schemas.has("Problem")).isTrue();
    }

    @Test
    void operationIdsStayUniqueAndRolesMoveOutOfTheScopes() throws IOException {
        JsonNode paths = merged("assessment", "survey").path("paths");
        assertThat(paths.path("/api/v1/assessments").path("get").path("operationId").asText()).isEqualTo("list");
        assertThat(paths.path("/api/v1/survey-runs").path("get").path("operationId").asText()).isEqualTo("survey_list");
        assertThat(paths.path("/api/v1/survey-runs/audit/verify").path("get").path("operationId").asText()).isEqualTo("survey_verify");
        JsonNode put = paths.path("/api/v1/survey-runs/{id}").path("put");
        assertThat(put.path("security").toString()).isEqualTo("""
                [{"bearer":[]},{"bearer":[]}]""");
        assertThat(put.path("x-required-roles")).extracting(JsonNode::asText).containsExactly("admin", "regional");
    }

    @Test
    void everyOperationCarriesTheGatewaysAnswers() throws IOException {
        JsonNode paths = merged("assessment", "survey").path("paths");
        JsonNode list = paths.path("/api/v1/assessments").path("get").path("responses");
        assertThat(list.fieldNames()).toIterable().containsExactlyInAnyOrder("200", "400", "401", "429", "500", "503");
        assertThat(list.path("401").path("$ref").asText()).isEqualTo("#/components/responses/Unauthorized");
        assertThat(list.path("200").path("headers").fieldNames()).toIterable().containsExactlyInAnyOrder("ETag",
                "Access-Control-Allow-Origin", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
        // a service's 422 stands for the 400; no input, no 400
        assertThat(paths.path("/api/v1/assessments").path("post").path("responses").has("400")).isFalse();
        assertThat(paths.path("/api/v1/survey-runs").path("get").path("responses").has("400")).isFalse();
        assertThat(merged("assessment").path("components").path("responses").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("BadRequest", "Unauthorized", "TooManyRequests", "InternalError", "Unavailable");
    }
}
