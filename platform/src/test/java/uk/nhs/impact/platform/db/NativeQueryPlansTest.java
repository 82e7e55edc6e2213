package uk.nhs.impact.platform.db;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.consumer.ProcessedEventLog;
import uk.nhs.impact.platform.hierarchy.StoredChangeSets;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The platform's native selects (idempotency lookup, processed-event log, audit trail and its verification, stored change
 * sets) keep one query plan each in Hibernate's plan cache however often they run, instead of adding one per run.
 */
@QuarkusTest
class NativeQueryPlansTest {
    @Inject
    Mutiny.SessionFactory factory;
    @Inject
    ProcessedEventLog log;
    @Inject
    AuditTrail audit;
    @Inject
    StoredChangeSets changeSets;

    @Test
    void nativeSelectsAddNoPlanWhenTheyRunAgain() throws Throwable {
        round();
        int plans = cachedPlans();
        for (int i = 0; i < 5; i++) {
            round();
        }
        assertThat(cachedPlans()).as("query plans after five more rounds of the same selects").isEqualTo(plans);
    }

    /** Every native select once, with fresh values, as requests and consumers run them. */
    private void round() throws Throwable {
        String token = Tokens.bearer("RHA", "submitter", "viewer");
        given().header("Authorization", token).header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body(Map.of("text", "plan", "level", 3)).when().post("/api/v1/notes").then().statusCode(201);
        String entity = "plans-" + UUID.randomUUID();
        given().header("Authorization", token).when().post("/api/v1/notes/" + entity + "/touch").then().statusCode(204);
        var recorded = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> log.recordAll("plan-test", List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString()))));
        assertThat(recorded).hasSize(2);
        var trail = VertxContextSupport.subscribeAndAwait(() -> audit.trail("note", entity));
        assertThat(trail).hasSize(1);
        var verified = VertxContextSupport.subscribeAndAwait(() -> audit.verify());
        assertThat(verified.intact()).isTrue();
        var exists = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> changeSets.exists(UUID.randomUUID())));
        assertThat(exists).isFalse();
    }

    /** The number of plans in the session factory's plan cache (Hibernate Reactive keeps the ORM factory as its delegate). */
    private int cachedPlans() throws ReflectiveOperationException {
        Object reactive = ClientProxy.unwrap(factory);
        Field delegate = reactive.getClass().getDeclaredField("delegate");
        delegate.setAccessible(true);
        return ((SessionFactoryImplementor) delegate.get(reactive)).getQueryEngine().getInterpretationCache().getNumberOfCachedQueryPlans();
    }
}
