package uk.nhs.impact.platform.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** No valid token (401 with a Bearer challenge), or a role that does not allow the call (403). */
public class SecurityMappers {

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized(RuntimeException e, ContainerRequestContext request) {
        return ProblemResponses.build(request, 401, "unauthorized", "Unauthorized", "A valid bearer token is required", null, null)
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        return ProblemResponses.simple(request, 403, "forbidden", "Forbidden", "Your role does not allow this");
    }
}
