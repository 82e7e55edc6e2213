package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The merged OpenAPI document the running gateway serves passes Spectral with the OWASP API security ruleset
 * ({@code openapi-lint/.spectral.yaml}, where every rule changed is justified), with no error and no warning. The lint
 * tools are the pinned npm packages of {@code openapi-lint/package-lock.json}, installed with {@code npm ci}.
 */
@ExtendWith(SharedStack.class)
@Order(12)
class OpenApiLintIT {
    private static RunningStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.stack();
    }

    @Test
    void theMergedDocumentPassesSpectralWithTheOwaspRuleset() throws Exception {
        Path lint = stack.root().resolve("openapi-lint");
        String document = given().baseUri(RunningStack.GATEWAY).get("/api/openapi.json").then().statusCode(200).extract().asString();
        assertThat(document).as("the document covers all five services").contains("\"/api/v1/assessments\"",
                "\"/api/v1/reports/survey/{runId}/results\"", "\"/api/v1/baseline-collections\"", "\"/api/v1/survey-runs\"",
                "\"/api/v1/organisations\"");
        Files.writeString(lint.resolve("merged-openapi.json"), document);

        Result install = run(lint, 600, "npm", "ci", "--no-audit", "--no-fund");
        assertThat(install.exit).as("npm ci failed:\n" + install.output).isEqualTo(0);
        Result result = run(lint, 300, "npx", "--no-install", "spectral", "lint", "--ruleset", ".spectral.yaml",
                "--fail-severity", "warn", "--format", "text", "merged-openapi.json");
        System.out.println("Spectral (spectral:oas + OWASP API security ruleset) on the merged OpenAPI document:\n" + result.output);
        assertThat(result.exit).as("Spectral found problems:\n" + result.output).isEqualTo(0);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("spectral", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Result(p.exitValue(), output);
    }
}
