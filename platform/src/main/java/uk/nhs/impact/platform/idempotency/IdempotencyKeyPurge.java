package uk.nhs.impact.platform.idempotency;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Forgets Idempotency-Keys after their retention period (24 hours by default): a replay after that creates anew. */
@ApplicationScoped
public class IdempotencyKeyPurge {
    private final Pool pool;
    private final Duration retention;

    public IdempotencyKeyPurge(Pool pool, @ConfigProperty(name = "impact.idempotency.retention", defaultValue = "24h") Duration retention) {
        this.pool = pool;
        this.retention = retention;
    }

    @Scheduled(every = "1h", delayed = "5m")
    Uni<Void> purge() {
        return pool.preparedQuery("delete from idempotency_key where created_at < $1")
                .execute(Tuple.of(OffsetDateTime.now().minus(retention))).replaceWithVoid();
    }
}
