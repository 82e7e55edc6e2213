package uk.nhs.impact.gateway.proxy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;
import uk.nhs.impact.gateway.GatewayConfig;

/**
 * Reads the readiness of every instance of each service that has several, every {@code impact.gateway.instance-check-interval},
 * so that requests go only to ready instances: one that is starting, stopping, or cannot verify tokens gets no traffic
 * until it says it is ready again. (An instance the gateway cannot connect to is also set aside at once by the proxy.)
 * A service with one instance is not checked here: there is no other to send its requests to.
 */
@ApplicationScoped
public class InstanceChecks {
    private static final Logger LOG = Logger.getLogger(InstanceChecks.class);
    static final String READY = "/q/health/ready";

    @Inject
    GatewayConfig config;
    @Inject
    Downstreams downstreams;
    @Inject
    ServiceManagement management;

    private Vertx vertx;
    private long timer = -1;

    void schedule(@Observes StartupEvent started, Vertx vertx) {
        this.vertx = vertx;
        long every = config.instanceCheckInterval().toMillis();
        timer = vertx.setPeriodic(every, every, id -> downstreams.all().values().stream().filter(s -> s.all().size() > 1).forEach(this::check));
    }

    void cancel(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads the readiness of each of the service's instances and records it; completes when every answer is in. */
    public Future<ServiceInstances> check(String service) {
        return check(downstreams.instancesOf(service));
    }

    Future<ServiceInstances> check(ServiceInstances instances) {
        long timeout = Math.max(500, config.instanceCheckInterval().toMillis());
        List<Future<Boolean>> answers = instances.all().stream().map(instance -> management.get(instance, READY, timeout)
                .map(resp -> resp.statusCode() == 200).otherwise(false)
                .onSuccess(ready -> {
                    if (ready != instance.ready() && instances.all().size() > 1) {
                        LOG.infof("%s instance %s is %s", instances.service(), instance, ready
                                ? "ready: sending it requests"
                                : "not ready: sending its requests to the others");
                    }
                    instance.ready(ready);
                })).toList();
        return Future.join(answers).transform(done -> Future.succeededFuture(instances));
    }
}
