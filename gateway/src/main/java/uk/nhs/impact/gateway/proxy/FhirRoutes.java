package uk.nhs.impact.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The FHIR base, {@code /api/v1/fhir}, is one for every kind of return, but each kind's resources live in its own service. A
 * request goes to the service its resource names: by the id's prefix ({@code QuestionnaireResponse/survey-...}), by the
 * Questionnaire a search names ({@code questionnaire=} or {@code url=}), or for a create by the {@code questionnaire} in the
 * body. Anything naming no kind (the CapabilityStatement, a search without its questionnaire) goes to the self-assessment's
 * service, which answers it for the whole base (a search without its questionnaire is a 400 OperationOutcome there).
 */
final class FhirRoutes {
    static final String BASE = "/api/v1/fhir";
    static final String DEFAULT = "assessment";
    private static final String CANONICAL = "https://impact.nhs.uk/fhir/Questionnaire/";
    private static final Map<String, String> KINDS = Map.of("assessment", "assessment", "survey", "survey", "baseline", "baseline");

    private FhirRoutes() {
    }

    static boolean isFhir(String path) {
        return path.equals(BASE) || path.startsWith(BASE + "/");
    }

    /** A create: the service is named only by the body's {@code questionnaire}. */
    static boolean routedByBody(HttpMethod method, String path) {
        return method == HttpMethod.POST && path.equals(BASE + "/QuestionnaireResponse");
    }

    /** The service for a request routed by its path and query. */
    static String serviceFor(String path, String query) {
        String rest = path.length() > BASE.length() ? path.substring(BASE.length() + 1) : "";
        String[] segments = rest.split("/");
        if (segments.length >= 2) {
            return ofId(segments[1]).orElse(DEFAULT);
        }
        String type = segments[0];
        String param = "QuestionnaireResponse".equals(type) ? "questionnaire" : "Questionnaire".equals(type) ? "url" : null;
        return param == null ? DEFAULT : parameter(query, param).flatMap(FhirRoutes::ofCanonical).orElse(DEFAULT);
    }

    /** The service for a create, from its body's {@code questionnaire}; the default one (which answers 400) when it names none. */
    static String serviceForBody(Buffer body) {
        try {
            Object questionnaire = new JsonObject(body).getValue("questionnaire");
            return questionnaire instanceof String canonical ? ofCanonical(canonical).orElse(DEFAULT) : DEFAULT;
        } catch (DecodeException | ClassCastException e) {
            return DEFAULT;
        }
    }

    static Optional<String> ofCanonical(String canonical) {
        return canonical.startsWith(CANONICAL) ? ofId(canonical.substring(CANONICAL.length())) : Optional.empty();
    }

    private static Optional<String> ofId(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? Optional.empty() : Optional.ofNullable(KINDS.get(id.substring(0, dash)));
    }

    private static Optional<String> parameter(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name) && eq >= 0) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
