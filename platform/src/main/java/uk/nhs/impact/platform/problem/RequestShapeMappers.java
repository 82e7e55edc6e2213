package uk.nhs.impact.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request whose body or parameters are not what the API takes: 400 naming each failing field, never a 500. */
public class RequestShapeMappers {

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e, ContainerRequestContext request) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(FieldPaths.fieldPath(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return ProblemResponses.of(ProblemException.validation(errors), request);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, ContainerRequestContext request) {
        return ProblemResponses.of(ProblemException.validation(FieldPaths.jsonPath(e), "unknown field"), request);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, ContainerRequestContext request) {
        String expected = e.getTargetType() == null ? "a different value" : FieldPaths.describe(e.getTargetType());
        String path = FieldPaths.jsonPath(e);
        return ProblemResponses.of(ProblemException.validation(path.isEmpty() ? "$" : path,
                e instanceof InvalidFormatException ? "must be " + expected : "must be " + expected + " (wrong JSON type)"), request);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, ContainerRequestContext request) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return ProblemResponses.of(ProblemException.validation(FieldPaths.jsonPath(m), "is not valid"), request);
        }
        return ProblemResponses.simple(request, 400, "malformed-json", "Body is not valid JSON",
                "The request body could not be read as JSON (" + ProblemResponses.firstLine(e.getOriginalMessage()) + ")");
    }

    /** A body the JSON reader refused reaches here wrapped; any other HTTP error keeps its status, as problem+json. */
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
            return FailureMappers.failure(e, request);
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : family.name();
        return ProblemResponses.simple(request, status, "http-" + status, title, title);
    }
}
