package uk.nhs.impact.platform.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.platform.web.CorrelationId;

/** Builds the problem+json responses every mapper answers with: the request's path as instance, its correlation id. */
final class ProblemResponses {
    private ProblemResponses() {
    }

    static Response of(ProblemException e, ContainerRequestContext request) {
        Response.ResponseBuilder r = build(request, e.status(), e.slug(), e.title(), e.getMessage(), e.errors(), e.context());
        e.headers().forEach(r::header);
        return r.build();
    }

    static Response simple(ContainerRequestContext request, int status, String slug, String title, String detail) {
        return build(request, status, slug, title, detail, null, null).build();
    }

    static Response.ResponseBuilder build(ContainerRequestContext request, int status, String slug, String title, String detail,
            List<FieldError> errors, Map<String, Object> context) {
        String instance = request == null ? null : request.getUriInfo().getRequestUri().getRawPath();
        Problem p = new Problem(Problem.TYPE_BASE + slug, title, status, detail, instance, CorrelationId.of(request), errors, context);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p);
    }

    /** The first line of a message, at most 200 characters: enough to say what went wrong without echoing a whole input. */
    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
