package uk.nhs.impact.gateway.proxy;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import uk.nhs.impact.gateway.Problems;

/**
 * The gateway's public port serves no management path: health, metrics and OpenAPI documents are on the management
 * interface (its own port), and nothing under {@code /q} is forwarded to a service. Only Swagger UI, which reads the
 * merged document at {@code /api/openapi.json}, stays public. The router matches on the normalised path, so
 * {@code /api/v1/../q/metrics} or {@code /q/%6detrics} land here too.
 */
public class ManagementPaths {
    /** Every {@code /q} path except Swagger UI's. */
    static final String REFUSED = "/q(/(?!swagger-ui(/|$)).*)?";

    void install(@Observes Router router) {
        router.routeWithRegex(REFUSED).order(Integer.MIN_VALUE + 1).handler(this::refuse);
    }

    private void refuse(RoutingContext ctx) {
        Problems.send(ctx, 404, "not-found", "Not found", "No resource at this address");
    }
}
