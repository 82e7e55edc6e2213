package uk.nhs.impact.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure that the API reports as a problem+json response. Use the factories: they give each kind its
 * status, type and title, so every service words the same failure the same way.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> context;
    private final Map<String, String> headers;

    public ProblemException(int status, String slug, String title, String detail, List<FieldError> errors,
            Map<String, Object> context, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.context = context == null ? Map.of() : Map.copyOf(context);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(400, "validation", "Request is not valid",
                errors.size() == 1
                        ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are not valid",
                errors, null, null);
    }

    public static ProblemException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail, null, null, null);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " was not found", null, null, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict with the current state", detail, null, null, null);
    }

    public static ProblemException conflict(String detail, Map<String, Object> context) {
        return new ProblemException(409, "conflict", "Conflict with the current state", detail, null, context, null);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "precondition-failed", "Precondition failed", detail, null, null, null);
    }

    public static ProblemException preconditionRequired() {
        return new ProblemException(428, "precondition-required", "Precondition required",
                "This update needs an If-Match header with the ETag of the resource you read", null, null, null);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "unprocessable", "Request cannot be processed", detail, null, null, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, null, null, null);
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "unavailable", "Service unavailable", detail, null, null,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> context() {
        return context;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
