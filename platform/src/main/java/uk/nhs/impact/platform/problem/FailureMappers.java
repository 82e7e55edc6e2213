package uk.nhs.impact.platform.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import uk.nhs.impact.platform.db.DatabaseFailures;
import uk.nhs.impact.platform.web.CorrelationId;

/**
 * The application's own refusals ({@link ProblemException}), lost races (a stale version, a unique constraint), a database
 * out of reach (503), and anything else: a 500 that quotes the correlation id, never a stack trace.
 */
public class FailureMappers {
    private static final Logger LOG = Logger.getLogger(FailureMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, ContainerRequestContext request) {
        return ProblemResponses.of(e, request);
    }

    /** A version check failed while writing: someone else changed the row since it was read. */
    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response stale(RuntimeException e, ContainerRequestContext request) {
        return ProblemResponses.of(ProblemException.preconditionFailed("The resource was changed by someone else; read it again"), request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        return failure(e, request);
    }

    static Response failure(Throwable e, ContainerRequestContext request) {
        String correlationId = CorrelationId.of(request);
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("[%s] database unavailable: %s", correlationId, e.toString());
            return ProblemResponses.of(ProblemException.unavailable("The service cannot reach its database; try again shortly", 5), request);
        }
        if (DatabaseFailures.isUniqueViolation(e)) {
            LOG.infof("[%s] refused a change that collided with a concurrent one: %s", correlationId,
                    ProblemResponses.firstLine(e.getMessage()));
            return ProblemResponses.of(ProblemException.conflict("This change collides with another made at the same time; read the "
                    + "resource again and retry"), request);
        }
        LOG.errorf(e, "[%s] unexpected error", correlationId);
        return ProblemResponses.simple(request, 500, "internal", "Internal error",
                "Something went wrong on our side. Quote the correlation id if you contact us.");
    }
}
