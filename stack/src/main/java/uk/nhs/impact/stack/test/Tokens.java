package uk.nhs.impact.stack.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;
import uk.nhs.impact.stack.KeycloakServer;

/**
 * Access tokens minted by the real Keycloak the tests run against. A user for each (organisation, roles)
 * pair is created on first use through Keycloak's admin API, then signs in with the password grant.
 *
 * <p>Test users are created with their password already hashed (PBKDF2, one round), so creating one costs Keycloak no
 * password hashing; Keycloak re-hashes it to the realm's policy at the first sign-in. The admin token is reused while it
 * is valid. Hashing was most of the cost of a new test user.
 */
public final class Tokens {
    private static final String PASSWORD = "Test-only-password-1";
    private static final String CLIENT = "impact-cli";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Object> PREHASHED_PASSWORD = prehashed(PASSWORD);
    private static Cached admin;

    private record Cached(String token, long expiresAtMillis) {
    }

    private Tokens() {
    }

    /** A bearer token for a person in organisation {@code odsCode} holding the given realm roles. */
    public static String forOrg(String odsCode, String... roles) {
        String username = username(odsCode, roles);
        Cached cached = CACHE.get(username);
        if (cached != null && cached.expiresAtMillis > System.currentTimeMillis() + 30_000) {
            return cached.token;
        }
        synchronized (Tokens.class) {
            ensureUser(username, odsCode, roles);
            JsonNode token = passwordGrant(username);
            Cached fresh = new Cached(token.get("access_token").asText(),
                    System.currentTimeMillis() + token.get("expires_in").asLong() * 1000);
            CACHE.put(username, fresh);
            return fresh.token;
        }
    }

    /** "Bearer ..." header value. */
    public static String bearer(String odsCode, String... roles) {
        return "Bearer " + forOrg(odsCode, roles);
    }

    /** A token from the client-credentials grant of a confidential machine client defined in the realm. */
    public static String forClient(String clientId, String secret) {
        return post(realmUrl() + "/protocol/openid-connect/token", form(Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)), null)
                .get("access_token").asText();
    }

    /**
     * A token from a probe client this helper defines on first use: its tokens live {@code lifetimeSeconds} and carry
     * the API audience only when {@code withAudience}. For testing that expired and wrong-audience tokens are refused.
     */
    public static String fromProbeClient(String clientId, int lifetimeSeconds, boolean withAudience, String odsCode, String... roles) {
        String username = username(odsCode, roles);
        synchronized (Tokens.class) {
            ensureUser(username, odsCode, roles);
            ensureProbeClient(clientId, lifetimeSeconds, withAudience);
        }
        return post(realmUrl() + "/protocol/openid-connect/token", form(Map.of(
                "grant_type", "password", "client_id", clientId, "username", username, "password", PASSWORD)), null)
                .get("access_token").asText();
    }

    private static void ensureProbeClient(String clientId, int lifetimeSeconds, boolean withAudience) {
        String admin = adminToken();
        String clients = keycloakUrl() + "/admin/realms/" + RealServersResource.REALM + "/clients";
        if (get(clients + "?clientId=" + enc(clientId), admin).size() > 0) {
            return;
        }
        List<Map<String, Object>> mappers = new java.util.ArrayList<>(List.of(Map.of("name", "org_code", "protocol", "openid-connect",
                "protocolMapper", "oidc-usermodel-attribute-mapper", "config", Map.of("user.attribute", "org_code",
                        "claim.name", "org_code", "jsonType.label", "String", "access.token.claim", "true"))));
        if (withAudience) {
            mappers.add(Map.of("name", "api-audience", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                    "config", Map.of("included.custom.audience", "nhs-impact-api", "access.token.claim", "true")));
        }
        Map<String, Object> client = Map.of("clientId", clientId, "enabled", true, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false, "protocol", "openid-connect",
                "attributes", Map.of("access.token.lifespan", Integer.toString(lifetimeSeconds)), "protocolMappers", mappers);
        send(HttpRequest.newBuilder(URI.create(clients)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(write(client))).build(), 201);
    }

    /** A token for a user defined in the realm file, signing in with its password. */
    public static String forUser(String username, String password) {
        return post(realmUrl() + "/protocol/openid-connect/token", form(Map.of(
                "grant_type", "password", "client_id", CLIENT, "username", username, "password", password, "scope", "openid")), null)
                .get("access_token").asText();
    }

    public static String keycloakUrl() {
        return ConfigProvider.getConfig().getValue("impact.test.keycloak-url", String.class);
    }

    public static String realmUrl() {
        return keycloakUrl() + "/realms/" + RealServersResource.REALM;
    }

    private static String username(String odsCode, String... roles) {
        String[] sorted = roles.clone();
        Arrays.sort(sorted);
        return ("t-" + odsCode + "-" + String.join("-", sorted)).toLowerCase(Locale.ROOT);
    }

    private static void ensureUser(String username, String odsCode, String... roles) {
        String admin = adminToken();
        String users = keycloakUrl() + "/admin/realms/" + RealServersResource.REALM + "/users";
        JsonNode found = get(users + "?exact=true&username=" + enc(username), admin);
        if (found.size() > 0) {
            return;
        }
        Map<String, Object> user = Map.of(
                "username", username, "enabled", true, "emailVerified", true,
                "email", username + "@test.invalid", "firstName", "Test", "lastName", odsCode,
                "attributes", Map.of("org_code", List.of(odsCode)),
                "credentials", List.of(PREHASHED_PASSWORD));
        send(HttpRequest.newBuilder(URI.create(users)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(write(user))).build(), 201);
        String id = get(users + "?exact=true&username=" + enc(username), admin).get(0).get("id").asText();
        List<JsonNode> roleReps = Arrays.stream(roles)
                .map(r -> get(keycloakUrl() + "/admin/realms/" + RealServersResource.REALM + "/roles/" + enc(r), admin))
                .collect(Collectors.toList());
        send(HttpRequest.newBuilder(URI.create(users + "/" + id + "/role-mappings/realm")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(write(roleReps))).build(), 204);
    }

    private static JsonNode passwordGrant(String username) {
        return post(realmUrl() + "/protocol/openid-connect/token", form(Map.of(
                "grant_type", "password", "client_id", CLIENT, "username", username, "password", PASSWORD, "scope", "openid")), null);
    }

    private static synchronized String adminToken() {
        if (admin == null || admin.expiresAtMillis < System.currentTimeMillis() + 10_000) {
            JsonNode token = post(keycloakUrl() + "/realms/master/protocol/openid-connect/token", form(Map.of(
                    "grant_type", "password", "client_id", "admin-cli",
                    "username", KeycloakServer.ADMIN_USER, "password", KeycloakServer.ADMIN_PASSWORD)), null);
            admin = new Cached(token.get("access_token").asText(), System.currentTimeMillis() + token.get("expires_in").asLong() * 1000);
        }
        return admin.token;
    }

    /** A password credential in Keycloak's stored form: PBKDF2-SHA512, one round, random salt. */
    static Map<String, Object> prehashed(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1, 512)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return Map.of("type", "password", "temporary", false,
                    "credentialData", write(Map.of("hashIterations", 1, "algorithm", "pbkdf2-sha512", "additionalParameters", Map.of())),
                    "secretData", write(Map.of("value", b64.encodeToString(hash), "salt", b64.encodeToString(salt),
                            "additionalParameters", Map.of())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode get(String url, String bearer) {
        return read(send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).GET().build(), 200));
    }

    private static JsonNode post(String url, String form, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return read(send(b.build(), 200));
    }

    private static String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " -> " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
