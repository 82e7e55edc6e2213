package uk.nhs.impact.platform.problem;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Requests the routing refuses: no such path, a method or media type the resource does not serve. */
public class HttpMappers {

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, ContainerRequestContext request) {
        return ProblemResponses.simple(request, 404, "not-found", "Not found", "No resource at this address");
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, ContainerRequestContext request) {
        return ProblemResponses.simple(request, 415, "unsupported-media-type", "Unsupported media type", "Send the body as application/json");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, ContainerRequestContext request) {
        return ProblemResponses.simple(request, 406, "not-acceptable", "Not acceptable",
                "This resource cannot be served in the requested media type");
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, ContainerRequestContext request) {
        Response.ResponseBuilder r = ProblemResponses.build(request, 405, "method-not-allowed", "Method not allowed",
                "This resource does not support that method", null, null);
        Object allow = e.getResponse().getHeaders().getFirst("Allow");
        if (allow != null) {
            r.header("Allow", allow);
        }
        return r.build();
    }
}
