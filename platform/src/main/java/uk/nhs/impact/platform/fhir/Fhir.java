package uk.nhs.impact.platform.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.ws.rs.core.EntityTag;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * FHIR R4 over the same returns as the REST API: the base path, the systems and canonical URLs this server uses, and HAPI
 * FHIR's parser and serialiser. HAPI's context is built on the first FHIR request, not at start: it scans the R4 model,
 * which a service that is never asked for FHIR should not pay for.
 */
public final class Fhir {
    public static final String MEDIA_TYPE = "application/fhir+json";
    /** Every FHIR interaction lives under this path, on the gateway and on each service. */
    public static final String BASE_PATH = "/api/v1/fhir";
    /** NHS England's identifier system for organisations: the subject of every return. */
    public static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    /** Canonical URLs of this server's conformance resources (Questionnaires and their CodeSystems). */
    public static final String CANONICAL_BASE = "https://impact.nhs.uk/fhir";

    private Fhir() {
    }

    private static final class Holder {
        static final FhirContext CONTEXT = FhirContext.forR4Cached();
    }

    public static FhirContext context() {
        return Holder.CONTEXT;
    }

    /** A resource as compact FHIR JSON. */
    public static String write(IBaseResource resource) {
        return context().newJsonParser().encodeResourceToString(resource);
    }

    /**
     * Parses a request body as a resource of the given type, strictly: an unknown element, a wrong type or a bad code is a 400
     * naming what HAPI could not read, never a resource with parts silently dropped.
     */
    public static <T extends IBaseResource> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ProblemException.validation(type.getSimpleName(), "a " + type.getSimpleName() + " resource is required as the body");
        }
        IParser parser = context().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        try {
            return parser.parseResource(type, body);
        } catch (DataFormatException e) {
            throw ProblemException.validation(type.getSimpleName(), unprefixed(e.getMessage()));
        }
    }

    public static String questionnaireUrl(String id) {
        return CANONICAL_BASE + "/Questionnaire/" + id;
    }

    public static String codeSystemUrl(String questionnaireId) {
        return CANONICAL_BASE + "/CodeSystem/" + questionnaireId;
    }

    /** The Questionnaire id a canonical of this server names ({@code .../Questionnaire/<id>} with or without {@code |version}). */
    public static Optional<String> questionnaireId(String canonical) {
        String prefix = CANONICAL_BASE + "/Questionnaire/";
        if (canonical == null || !canonical.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = canonical.substring(prefix.length());
        int bar = rest.indexOf('|');
        return Optional.of(bar < 0 ? rest : rest.substring(0, bar));
    }

    /** FHIR's weak ETag for a version: {@code W/"3"}. */
    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version), true);
    }

    /**
     * The strong If-Match the REST layer checks, from the weak one FHIR clients send ({@code W/"3"} becomes {@code "3"}): in FHIR
     * the version id is the resource's version, so matching it is the same precondition.
     */
    public static String ifMatch(String header) {
        if (header == null) {
            return null;
        }
        String tag = header.trim();
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static String unprefixed(String message) {
        String m = message == null ? "unreadable" : message.replaceFirst("^HAPI-\\d+: ", "");
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 300 ? m.substring(0, 300) : m;
    }
}
