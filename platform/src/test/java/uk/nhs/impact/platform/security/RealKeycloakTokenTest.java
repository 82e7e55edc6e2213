package uk.nhs.impact.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.security.VerifiedTokenIdentityProvider;
import uk.nhs.impact.stack.test.Tokens;

/** Tokens minted by the real Keycloak are verified and their org_code and realm roles read. */
@QuarkusTest
class RealKeycloakTokenTest {
    @Inject
    VerifiedTokenIdentityProvider verifiedTokens;

    @Test
    void eachTokenIsVerifiedOnceForAllItsRequests() {
        String token = Tokens.fromProbeClient("five-minute-probe", 300, true, "QT1", "icb-oversight", "viewer");
        long before = verifiedTokens.verifications();
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/notes/whoami").then().statusCode(200)
                    .body("orgCode", equalTo("QT1")).body("roles", hasItems("icb-oversight", "viewer"));
        }
        assertThat(verifiedTokens.verifications() - before).isEqualTo(1);
    }

    @Test
    void personTokenCarriesOrgCodeAndRoles() {
        given().header("Authorization", Tokens.bearer("QT1", "icb-oversight", "viewer"))
                .when().get("/api/v1/notes/whoami")
                .then().statusCode(200)
                .body("orgCode", equalTo("QT1"))
                .body("roles", hasItems("icb-oversight", "viewer"));
    }

    @Test
    void machineClientTokenCarriesItsServiceAccountOrgCode() {
        String token = Tokens.forClient("trust-system-rha", "dev-only-trust-system-secret");
        given().header("Authorization", "Bearer " + token)
                .when().get("/api/v1/notes/whoami")
                .then().statusCode(200)
                .body("orgCode", equalTo("RHA"))
                .body("roles", hasItems("submitter", "viewer"));
    }

    @Test
    void demoUserFromTheRealmFileSignsIn() {
        given().header("Authorization", "Bearer " + Tokens.forUser("region.analyst", "dev-only-Region-1"))
                .when().get("/api/v1/notes/whoami")
                .then().statusCode(200)
                .body("orgCode", equalTo("Y60"))
                .body("roles", hasItems("region-analyst", "viewer"));
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = Tokens.forOrg("RHA", "viewer");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("""
                        {"org_code": "RX3", "realm_access": {"roles": ["national-analyst"]}}""".getBytes()) + "." + parts[2];
        given().header("Authorization", "Bearer " + forged)
                .when().get("/api/v1/notes/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void otherOrganisationsNoteIsNotFound() {
        String location = given().header("Authorization", Tokens.bearer("RHA", "submitter", "viewer"))
                .contentType("application/json").body(Map.of("text", "private", "level", 2))
                .when().post("/api/v1/notes").then().statusCode(201).extract().header("Location");
        given().header("Authorization", Tokens.bearer("RX3", "viewer", "submitter"))
                .when().get(location)
                .then().statusCode(404);
    }
}
