package uk.nhs.impact.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import uk.nhs.impact.gateway.proxy.ServiceManagement;

/**
 * The gateway is ready only when every service behind it is (its readiness read from its management interface); each
 * service's state is listed.
 */
@Readiness
@ApplicationScoped
public class DownstreamReadiness implements AsyncHealthCheck {
    private static final String READY = "/q/health/ready";

    @Inject
    ServiceManagement management;

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(management.eachService(service -> management.get(service, READY, 3000)
                .map(resp -> resp.statusCode() == 200)).toCompletionStage())
                .map(answers -> {
                    HealthCheckResponseBuilder b = HealthCheckResponse.named("downstream services");
                    boolean allUp = !answers.isEmpty();
                    for (var answer : answers.entrySet()) {
                        boolean up = answer.getValue().succeeded() && answer.getValue().result();
                        b.withData(answer.getKey(), up ? "UP" : "DOWN");
                        allUp &= up;
                    }
                    return b.status(allUp).build();
                });
    }
}
