package uk.nhs.impact.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import uk.nhs.impact.gateway.proxy.InstanceChecks;
import uk.nhs.impact.gateway.proxy.ServiceInstances;
import uk.nhs.impact.gateway.proxy.ServiceManagement;

/**
 * The gateway is ready only when every service behind it is, i.e. at least one of its instances (each one's readiness read
 * from its management interface); each service's state is listed, and for a service with several instances how many are
 * ready.
 */
@Readiness
@ApplicationScoped
public class DownstreamReadiness implements AsyncHealthCheck {
    @Inject
    ServiceManagement management;
    @Inject
    InstanceChecks checks;

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(management.eachService(checks::check).toCompletionStage())
                .map(answers -> {
                    HealthCheckResponseBuilder b = HealthCheckResponse.named("downstream services");
                    boolean allUp = !answers.isEmpty();
                    for (var answer : answers.entrySet()) {
                        ServiceInstances instances = answer.getValue().result();
                        boolean up = instances.readyCount() > 0;
                        b.withData(answer.getKey(), up ? "UP" : "DOWN");
                        if (instances.all().size() > 1) {
                            b.withData(answer.getKey() + " instances", instances.readyCount() + " of " + instances.all().size() + " ready");
                        }
                        allUp &= up;
                    }
                    return b.status(allUp).build();
                });
    }
}
