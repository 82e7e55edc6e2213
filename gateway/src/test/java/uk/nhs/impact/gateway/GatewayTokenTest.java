package uk.nhs.impact.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.security.VerifiedTokenIdentityProvider;
import uk.nhs.impact.stack.test.Tokens;

/** The gateway checks signature, issuer, audience and expiry before anything is forwarded. */
@QuarkusTest
class GatewayTokenTest {
    private static final String PROBLEM = "application/problem+json";

    @Inject
    VerifiedTokenIdentityProvider verifiedTokens;

    private static void refused(String authorization) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.when().get("/api/v1/echo/things")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("https://impact.nhs.uk/problems/unauthorized"));
    }

    @Test
    void missingTokenIsRefused() {
        refused(null);
    }

    @Test
    void tamperedTokenIsRefused() {
        String[] parts = Tokens.forOrg("RHA", "viewer").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"RHA\"", "\"RX3\"");
        refused("Bearer " + parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2]);
    }

    @Test
    void aTokenIsVerifiedOnceNotOncePerRequest() {
        String token = Tokens.fromProbeClient("five-minute-probe", 300, true, "RHA", "viewer");
        long before = verifiedTokens.verifications();
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/echo/things").then().statusCode(200);
        }
        assertThat(verifiedTokens.verifications() - before).isEqualTo(1);
    }

    @Test
    void aTamperedCopyOfAVerifiedTokenIsStillRefused() {
        String token = Tokens.fromProbeClient("five-minute-probe", 300, true, "RHA", "viewer");
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/echo/things").then().statusCode(200);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"RHA\"", "\"RX3\"");
        refused("Bearer " + parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2]);
        char last = parts[2].charAt(parts[2].length() - 2);
        refused("Bearer " + parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1));
    }

    @Test
    void unsignedTokenIsRefused() {
        String[] parts = Tokens.forOrg("RHA", "viewer").split("\\.");
        String header = """
                {"alg":"none","typ":"JWT"}""";
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8));
        refused("Bearer " + none + "." + parts[1] + ".");
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        String[] parts = Tokens.forOrg("RHA", "viewer").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"iss\":\"[^\"]+\"", "\"iss\":\"https://elsewhere.example/realms/nhs-impact\"");
        refused("Bearer " + parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2]);
    }

    @Test
    void tokenWithoutTheApiAudienceIsRefused() {
        refused("Bearer " + Tokens.fromProbeClient("no-audience-probe", 300, false, "RHA", "viewer"));
    }

    @Test
    void expiredTokenIsRefused() throws InterruptedException {
        String token = Tokens.fromProbeClient("short-lived-probe", 5, true, "RHA", "viewer");
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/echo/things").then().statusCode(200);
        Thread.sleep(7_000);
        refused("Bearer " + token);
    }

    @Test
    void machineClientTokenIsForwarded() {
        given().header("Authorization", "Bearer " + Tokens.forClient("icb-system-qt1", "dev-only-icb-system-secret"))
                .when().get("/api/v1/echo/things")
                .then().statusCode(200);
    }
}
