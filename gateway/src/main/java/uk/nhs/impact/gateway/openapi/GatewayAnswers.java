package uk.nhs.impact.gateway.openapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What the gateway itself does to every call, documented on every operation since every call passes through it: the
 * rate-limit headers on every answer, and the answers it gives itself or that any service may give (401 without a valid
 * token, 429 past the client's rate, 500 for an unexpected fault, 503 while a service or its database is unavailable), all
 * problem+json; 400 wherever a parameter or body could be invalid and the service documented neither 400 nor 422.
 */
final class GatewayAnswers {
    private static final String RATE_HEADERS_NOTE = "Every answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.";
    private static final String CORS_HEADER = "Access-Control-Allow-Origin";
    private static final List<String> RATE_HEADERS = List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
    private static final Map<String, String> RESPONSE_NAMES = Map.of("401", "Unauthorized", "429", "TooManyRequests",
            "500", "InternalError", "503", "Unavailable");
    static final String PROBLEM_SCHEMA = "GatewayProblem";

    private GatewayAnswers() {
    }

    /** The gateway's answers on one operation, and the standard headers on each answer the service wrote itself. */
    static void document(Operation op) {
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        for (String code : List.of("401", "429", "500", "503")) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref("#/components/responses/" + RESPONSE_NAMES.get(code)));
        }
        boolean takesInput = op.getRequestBody() != null || (op.getParameters() != null && !op.getParameters().isEmpty());
        if (takesInput && !responses.hasAPIResponse("400") && !responses.hasAPIResponse("422")) {
            responses.addAPIResponse("400", OASFactory.createAPIResponse().ref("#/components/responses/BadRequest"));
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (response.getRef() == null) {
                standardHeaders(response, code.startsWith("2") || code.startsWith("4"));
            }
        });
    }

    /** The problem schema, headers and responses the operations refer to. */
    static void addComponents(Components components) {
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        RATE_HEADERS.forEach(h -> components.addHeader(h, rateHeader(h)));
        components.addHeader(CORS_HEADER, OASFactory.createHeader()
                .description("Sent to browsers whose Origin is in the gateway's CORS allow-list (CORS_ORIGINS)")
                .schema(string(2000).format("uri")));
        Schema retrySeconds = integer("int32", 1, 86_400);
        components.addResponse("BadRequest", problemResponse("A parameter or the body is not valid: the problem lists each field "
                + "and what is wrong with it. Nothing was written.", true, null));
        components.addResponse("Unauthorized", problemResponse("No valid bearer token: missing, expired, not signed by the realm, "
                + "for another audience or issuer. " + RATE_HEADERS_NOTE, true, null));
        components.addResponse("TooManyRequests", problemResponse("This client has used up its rate; Retry-After says when to try "
                + "again. " + RATE_HEADERS_NOTE, true, retrySeconds));
        components.addResponse("InternalError", problemResponse("An unexpected fault; the problem names the correlation id to "
                + "quote, never internals. Nothing was half-written.", false, null));
        components.addResponse("Unavailable", problemResponse("The service or its database is unavailable for a moment (e.g. "
                + "restarting); nothing was written. Retry after the time given.", false, retrySeconds));
    }

    /** CORS on every answer; the rate-limit headers on every 2xx and 4xx. */
    private static void standardHeaders(APIResponse response, boolean rateLimited) {
        response.addHeader(CORS_HEADER, headerRef(CORS_HEADER));
        if (rateLimited) {
            RATE_HEADERS.forEach(h -> response.addHeader(h, headerRef(h)));
        }
    }

    private static Header headerRef(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }

    private static Header rateHeader(String name) {
        String description = switch (name) {
            case "RateLimit-Limit" -> "Requests this client may make at once (the bucket size)";
            case "RateLimit-Remaining" -> "Requests left in this client's bucket";
            default -> "Seconds until the bucket is full again";
        };
        return OASFactory.createHeader().description(description).schema(integer("int64", 0, 1_000_000_000));
    }

    private static APIResponse problemResponse(String description, boolean rateLimited, Schema retryAfterSeconds) {
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/problem+json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM_SCHEMA))));
        standardHeaders(response, rateLimited);
        if (retryAfterSeconds != null) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying again")
                    .schema(retryAfterSeconds));
        }
        return response;
    }

    /** RFC 9457 problem details as the gateway and the services write them. */
    private static Schema problemSchema() {
        Schema error = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("field", string(2000).description("Path of the field, e.g. answers.Q01.levelCode"))
                .addProperty("message", string(2000));
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description("RFC 9457 problem details")
                .required(List.of("type", "title", "status"))
                .addProperty("type", string(2000).format("uri-reference"))
                .addProperty("title", string(2000))
                .addProperty("status", integer("int32", 400, 599))
                .addProperty("detail", string(2000))
                .addProperty("instance", string(2000).format("uri-reference"))
                .addProperty("correlationId", string(100).description("Quote it when asking about this answer"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).maxItems(1000).items(error));
    }

    private static Schema string(int maxLength) {
        return OASFactory.createSchema().addType(SchemaType.STRING).maxLength(maxLength);
    }

    private static Schema integer(String format, long minimum, long maximum) {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).format(format)
                .minimum(BigDecimal.valueOf(minimum)).maximum(BigDecimal.valueOf(maximum));
    }
}
