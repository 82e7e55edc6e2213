package uk.nhs.impact.gateway.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the services' OpenAPI documents into one: all paths, all tags, and component schemas. A schema name two services
 * define differently is renamed {@code <service>.<Name>} in the second, with its references rewritten; an operation id two
 * services share is prefixed with the second service's name.
 * <p>
 * It also documents what the gateway itself does to every call, since every call passes through it: the rate-limit headers
 * on every answer, and the answers it gives itself or that any service may give (401 without a valid token, 429 past the
 * client's rate, 500 for an unexpected fault, 503 while a service or its database is unavailable), all problem+json.
 * Roles a service requires are listed in {@code x-required-roles}: bearer security requirements carry no scopes.
 */
public final class OpenApiMerger {
    private OpenApiMerger() {
    }

    private static final java.util.List<String> METHODS = java.util.List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String RATE_HEADERS_NOTE = "Every answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.";

    public static JsonObject merge(JsonObject info, String serverUrl, Map<String, JsonObject> byService) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        JsonObject securitySchemes = new JsonObject();
        JsonArray tags = new JsonArray();
        java.util.Set<String> operationIds = new java.util.HashSet<>();
        for (Map.Entry<String, JsonObject> entry : new TreeMap<>(byService).entrySet()) {
            String service = entry.getKey();
            JsonObject doc = entry.getValue();
            JsonObject own = doc.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
            String text = doc.encode();
            for (String name : own.fieldNames()) {
                if (schemas.containsKey(name) && !schemas.getJsonObject(name).equals(own.getJsonObject(name))) {
                    text = text.replace("\"#/components/schemas/" + name + "\"", "\"#/components/schemas/" + service + "." + name + "\"");
                }
            }
            JsonObject rewritten = new JsonObject(text);
            JsonObject rewrittenSchemas = rewritten.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
            for (String name : rewrittenSchemas.fieldNames()) {
                boolean clash = schemas.containsKey(name) && !schemas.getJsonObject(name).equals(rewrittenSchemas.getJsonObject(name));
                schemas.put(clash ? service + "." + name : name, rewrittenSchemas.getJsonObject(name));
            }
            rewritten.getJsonObject("paths", new JsonObject()).forEach(p -> {
                JsonObject item = (JsonObject) p.getValue();
                for (String method : METHODS) {
                    JsonObject op = item.getJsonObject(method);
                    if (op != null) {
                        gatewayAnswers(op);
                        rolesOutOfScopes(op);
                        String id = op.getString("operationId");
                        if (id != null && !operationIds.add(id)) {
                            op.put("operationId", service + "_" + id);
                            operationIds.add(service + "_" + id);
                        }
                    }
                }
                paths.put(p.getKey(), item);
            });
            securitySchemes.mergeIn(rewritten.getJsonObject("components", new JsonObject()).getJsonObject("securitySchemes", new JsonObject()));
            rewritten.getJsonArray("tags", new JsonArray()).forEach(t -> {
                String name = ((JsonObject) t).getString("name");
                if (tags.stream().noneMatch(seen -> ((JsonObject) seen).getString("name").equals(name))) {
                    tags.add(t);
                }
            });
        }
        schemas.put("GatewayProblem", problemSchema());
        JsonObject components = new JsonObject().put("schemas", schemas).put("headers", allHeaders()).put("responses", gatewayResponses());
        if (!securitySchemes.isEmpty()) {
            components.put("securitySchemes", securitySchemes);
        }
        JsonObject merged = new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", info)
                .put("servers", new JsonArray().add(new JsonObject().put("url", serverUrl)
                        .put("description", "The gateway that served this document: the one entry point for trust and ICB systems, "
                                + "analysts and regional teams in every environment (local, staging, production)")
                        .put("x-internal", false)))
                .put("tags", tags)
                .put("paths", paths)
                .put("components", components);
        if (securitySchemes.containsKey("bearer")) {
            merged.put("security", new JsonArray().add(new JsonObject().put("bearer", new JsonArray())));
        }
        return merged;
    }

    /** Adds the gateway's own answers where the service did not document them, and the rate-limit headers to every 2xx / 4xx. */
    private static void gatewayAnswers(JsonObject op) {
        JsonObject responses = op.getJsonObject("responses");
        if (responses == null) {
            responses = new JsonObject();
            op.put("responses", responses);
        }
        for (String code : new String[] {"401", "429", "500", "503"}) {
            responses.put(code, new JsonObject().put("$ref", "#/components/responses/" + RESPONSE_NAMES.get(code)));
        }
        boolean takesInput = op.containsKey("requestBody") || !op.getJsonArray("parameters", new JsonArray()).isEmpty();
        if (takesInput && !responses.containsKey("400") && !responses.containsKey("422")) {
            responses.put("400", new JsonObject().put("$ref", "#/components/responses/BadRequest"));
        }
        for (String code : responses.fieldNames()) {
            JsonObject response = responses.getJsonObject(code);
            if (!response.containsKey("$ref")) {
                JsonObject headers = response.getJsonObject("headers", new JsonObject());
                standardHeaders(headers, code.startsWith("2") || code.startsWith("4"));
                response.put("headers", headers);
            }
        }
    }

    /** CORS on every answer; the rate-limit headers on every 2xx and 4xx. */
    private static void standardHeaders(JsonObject headers, boolean rateLimited) {
        headers.put("Access-Control-Allow-Origin", new JsonObject().put("$ref", "#/components/headers/Access-Control-Allow-Origin"));
        if (rateLimited) {
            rateHeaders().fieldNames().forEach(h -> headers.put(h, new JsonObject().put("$ref", "#/components/headers/" + h)));
        }
    }

    private static final Map<String, String> RESPONSE_NAMES = Map.of("401", "Unauthorized", "429", "TooManyRequests",
            "500", "InternalError", "503", "Unavailable");

    /** {@code [{"bearer": ["submitter"]}]} becomes {@code [{"bearer": []}]} with {@code x-required-roles: ["submitter"]}. */
    private static void rolesOutOfScopes(JsonObject op) {
        JsonArray security = op.getJsonArray("security");
        if (security == null) {
            return;
        }
        java.util.Set<String> roles = new java.util.TreeSet<>();
        JsonArray cleaned = new JsonArray();
        for (Object requirement : security) {
            JsonObject plain = new JsonObject();
            ((JsonObject) requirement).forEach(e -> {
                ((JsonArray) e.getValue()).forEach(r -> roles.add(r.toString()));
                plain.put(e.getKey(), new JsonArray());
            });
            cleaned.add(plain);
        }
        op.put("security", cleaned);
        if (!roles.isEmpty()) {
            op.put("x-required-roles", new JsonArray(new java.util.ArrayList<>(roles)));
        }
    }

    private static JsonObject allHeaders() {
        return rateHeaders().put("Access-Control-Allow-Origin", new JsonObject()
                .put("description", "Sent to browsers whose Origin is in the gateway's CORS allow-list (CORS_ORIGINS)")
                .put("schema", new JsonObject().put("type", "string").put("format", "uri").put("maxLength", 2000)));
    }

    private static JsonObject rateHeaders() {
        return new JsonObject()
                .put("RateLimit-Limit", header("Requests this client may make at once (the bucket size)"))
                .put("RateLimit-Remaining", header("Requests left in this client's bucket"))
                .put("RateLimit-Reset", header("Seconds until the bucket is full again"));
    }

    private static JsonObject header(String description) {
        return new JsonObject().put("description", description)
                .put("schema", new JsonObject().put("type", "integer").put("format", "int64").put("minimum", 0).put("maximum", 1_000_000_000));
    }

    private static JsonObject gatewayResponses() {
        JsonObject retryAfter = new JsonObject().put("description", "Seconds to wait before trying again")
                .put("schema", new JsonObject().put("type", "integer").put("format", "int32").put("minimum", 1).put("maximum", 86_400));
        return new JsonObject()
                .put("BadRequest", problemResponse("A parameter or the body is not valid: the problem lists each field and what is "
                        + "wrong with it. Nothing was written.", true, null))
                .put("Unauthorized", problemResponse("No valid bearer token: missing, expired, not signed by the realm, for another "
                        + "audience or issuer. " + RATE_HEADERS_NOTE, true, null))
                .put("TooManyRequests", problemResponse("This client has used up its rate; Retry-After says when to try again. "
                        + RATE_HEADERS_NOTE, true, retryAfter))
                .put("InternalError", problemResponse("An unexpected fault; the problem names the correlation id to quote, never "
                        + "internals. Nothing was half-written.", false, null))
                .put("Unavailable", problemResponse("The service or its database is unavailable for a moment (e.g. restarting); "
                        + "nothing was written. Retry after the time given.", false, retryAfter));
    }

    private static JsonObject problemResponse(String description, boolean rateHeaders, JsonObject retryAfter) {
        JsonObject headers = new JsonObject();
        standardHeaders(headers, rateHeaders);
        if (retryAfter != null) {
            headers.put("Retry-After", retryAfter);
        }
        JsonObject response = new JsonObject().put("description", description).put("content", new JsonObject()
                .put("application/problem+json", new JsonObject().put("schema", new JsonObject().put("$ref", "#/components/schemas/GatewayProblem"))));
        if (!headers.isEmpty()) {
            response.put("headers", headers);
        }
        return response;
    }

    /** RFC 9457 problem details as the gateway and the services write them. */
    private static JsonObject problemSchema() {
        JsonObject text = new JsonObject().put("type", "string").put("maxLength", 2000);
        return new JsonObject().put("type", "object").put("description", "RFC 9457 problem details")
                .put("required", new JsonArray().add("type").add("title").add("status"))
                .put("properties", new JsonObject()
                        .put("type", text.copy().put("format", "uri-reference"))
                        .put("title", text.copy())
                        .put("status", new JsonObject().put("type", "integer").put("format", "int32").put("minimum", 400).put("maximum", 599))
                        .put("detail", text.copy())
                        .put("instance", text.copy().put("format", "uri-reference"))
                        .put("correlationId", text.copy().put("maxLength", 100).put("description", "Quote it when asking about this answer"))
                        .put("errors", new JsonObject().put("type", "array").put("maxItems", 1000).put("items", new JsonObject()
                                .put("type", "object").put("properties", new JsonObject()
                                        .put("field", text.copy().put("description", "Path of the field, e.g. answers.Q01.levelCode"))
                                        .put("message", text.copy())))));
    }
}
