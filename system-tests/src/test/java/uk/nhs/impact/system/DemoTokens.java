package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;

/** Tokens for the realm's demo users and machine clients, from the stack's Keycloak. */
final class DemoTokens {
    private static final String TOKEN_URL = RunningStack.KEYCLOAK + "/realms/nhs-impact/protocol/openid-connect/token";

    private DemoTokens() {
    }

    static String user(String username, String password) {
        return given().baseUri(TOKEN_URL).formParam("grant_type", "password").formParam("client_id", "impact-cli")
                .formParam("username", username).formParam("password", password)
                .when().post().then().statusCode(200).extract().path("access_token");
    }

    static String client(String clientId, String secret) {
        return given().baseUri(TOKEN_URL).formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .when().post().then().statusCode(200).extract().path("access_token");
    }
}
