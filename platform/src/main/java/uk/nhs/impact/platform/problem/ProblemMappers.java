package uk.nhs.impact.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import uk.nhs.impact.platform.db.DatabaseFailures;
import uk.nhs.impact.platform.web.CorrelationId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns every failure into RFC 9457 problem+json; never a stack trace, never a 500 for bad input. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, ContainerRequestContext request) {
        Response.ResponseBuilder r = build(request, e.status(), e.slug(), e.title(), e.getMessage(), e.errors(), e.context());
        e.headers().forEach(r::header);
        return r.build();
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e, ContainerRequestContext request) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldPath(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return problem(ProblemException.validation(errors), request);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, ContainerRequestContext request) {
        return problem(ProblemException.validation(jsonPath(e), "unknown field"), request);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, ContainerRequestContext request) {
        String expected = e.getTargetType() == null ? "a different value" : describe(e.getTargetType());
        String path = jsonPath(e);
        return problem(ProblemException.validation(path.isEmpty() ? "$" : path,
                e instanceof InvalidFormatException ? "must be " + expected : "must be " + expected + " (wrong JSON type)"), request);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, ContainerRequestContext request) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return problem(ProblemException.validation(jsonPath(m), "is not valid"), request);
        }
        return build(request, 400, "malformed-json", "Body is not valid JSON",
                "The request body could not be read as JSON (" + firstLine(e.getOriginalMessage()) + ")", null, null).build();
    }

    @ServerExceptionMapper
    public Response stale(OptimisticLockException e, ContainerRequestContext request) {
        return problem(ProblemException.preconditionFailed("The resource was changed by someone else; read it again"), request);
    }

    @ServerExceptionMapper
    public Response staleHibernate(StaleStateException e, ContainerRequestContext request) {
        return problem(ProblemException.preconditionFailed("The resource was changed by someone else; read it again"), request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, ContainerRequestContext request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, ContainerRequestContext request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        return build(request, 403, "forbidden", "Forbidden", "Your role does not allow this", null, null).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, ContainerRequestContext request) {
        return build(request, 404, "not-found", "Not found", "No resource at this address", null, null).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, ContainerRequestContext request) {
        return build(request, 415, "unsupported-media-type", "Unsupported media type",
                "Send the body as application/json", null, null).build();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, ContainerRequestContext request) {
        return build(request, 406, "not-acceptable", "Not acceptable", "This resource cannot be served in the requested media type", null, null).build();
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, ContainerRequestContext request) {
        Response.ResponseBuilder r = build(request, 405, "method-not-allowed", "Method not allowed", "This resource does not support that method", null, null);
        Object allow = e.getResponse().getHeaders().getFirst("Allow");
        if (allow != null) {
            r.header("Allow", allow);
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, ContainerRequestContext request) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof UnrecognizedPropertyException u) {
                return unknownField(u, request);
            }
            if (c instanceof MismatchedInputException m) {
                return wrongType(m, request);
            }
            if (c instanceof JsonProcessingException j) {
                return malformedJson(j, request);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : family.name();
        return build(request, status, "http-" + status, title, title, null, null).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        String correlationId = CorrelationId.of(request);
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("[%s] database unavailable: %s", correlationId, e.toString());
            return problem(ProblemException.unavailable("The service cannot reach its database; try again shortly", 5), request);
        }
        if (DatabaseFailures.isUniqueViolation(e)) {
            LOG.infof("[%s] refused a change that collided with a concurrent one: %s", correlationId, firstLine(e.getMessage()));
            return problem(ProblemException.conflict("This change collides with another made at the same time; read the resource "
                    + "again and retry"), request);
        }
        LOG.errorf(e, "[%s] unexpected error", correlationId);
        return build(request, 500, "internal", "Internal error",
                "Something went wrong on our side. Quote the correlation id if you contact us.", null, null).build();
    }

    private Response unauthorized(ContainerRequestContext request) {
        return build(request, 401, "unauthorized", "Unauthorized", "A valid bearer token is required", null, null)
                .header("WWW-Authenticate", "Bearer").build();
    }

    static Response.ResponseBuilder build(ContainerRequestContext request, int status, String slug, String title, String detail,
                                          List<FieldError> errors, Map<String, Object> context) {
        String instance = request == null ? null : request.getUriInfo().getRequestUri().getRawPath();
        Problem p = new Problem(Problem.TYPE_BASE + slug, title, status, detail, instance, CorrelationId.of(request), errors, context);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p);
    }

    /** Bean Validation path without the method and parameter names: {@code create.body.answers[2].level} → {@code answers[2].level}. */
    static String fieldPath(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                if (node.getKind() == ElementKind.PARAMETER && !isBody(node)) {
                    sb.append(node.getName());
                }
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    sb.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    sb.append('[').append(node.getKey()).append(']');
                }
                continue;
            }
            if (node.getIndex() != null && sb.length() > 0) {
                sb.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null && sb.length() > 0) {
                sb.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(node.getName());
            }
        }
        return sb.length() == 0 ? "$" : sb.toString();
    }

    private static boolean isBody(Path.Node node) {
        return node.getName() != null && (node.getName().equals("body") || node.getName().startsWith("arg") || node.getName().equals("request"));
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return sb.toString();
        }
        if (type.getName().startsWith("java.time.")) {
            return "an ISO-8601 " + (type.getSimpleName().equals("LocalDate") ? "date (yyyy-mm-dd)" : "date-time");
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
