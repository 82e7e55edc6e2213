package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The rebuild's progress lives in the database, so that with several instances any of them answers for it and only one
 * runs a rebuild: here another instance's rebuild is the row the database holds.
 */
@QuarkusTest
class RebuildStateTest {
    private static final String REBUILD = "/api/v1/reports/admin/rebuild";

    @Inject
    Pool pool;

    @Test
    void anotherInstancesRebuildIsReportedHereAndNoSecondOneStarts() {
        String admin = Tokens.bearer("X24", "instrument-admin");
        sql("update rebuild_state set state = 'RUNNING', replayed = 40, total = 100, started_at = now() - interval '10 seconds', "
                + "finished_at = null, failure = null, runner = 'another-instance', heartbeat_at = now() where id = 1");
        given().header("Authorization", admin).when().get(REBUILD).then().statusCode(200)
                .body("state", equalTo("RUNNING")).body("replayed", equalTo(40)).body("total", equalTo(100));
        given().header("Authorization", admin).when().post(REBUILD).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aRebuildLeftByAnInstanceThatStoppedReadsAsFailedAndCanBeStartedAgain() {
        String admin = Tokens.bearer("X24", "instrument-admin");
        sql("update rebuild_state set state = 'RUNNING', replayed = 40, total = 100, started_at = now() - interval '10 minutes', "
                + "finished_at = null, failure = null, runner = 'a-stopped-instance', heartbeat_at = now() - interval '3 minutes' where id = 1");
        given().header("Authorization", admin).when().get(REBUILD).then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("failure", equalTo("the instance running the rebuild stopped before it finished; start it again"));
        given().header("Authorization", admin).when().post(REBUILD).then().statusCode(202).body("state", equalTo("RUNNING"))
                .body("replayed", equalTo(0));
        var done = Eventually.await(Duration.ofSeconds(120), () -> given().header("Authorization", admin).get(REBUILD).jsonPath(),
                p -> !"RUNNING".equals(p.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("DONE");
        assertThat(done.getLong("replayed")).isEqualTo(done.getLong("total"));
        // the stopped instance's late update changes nothing: the rebuild is no longer its own
        assertThat(pool.query("update rebuild_state set replayed = replayed + 5 where runner = 'a-stopped-instance'").execute().await()
                .indefinitely().rowCount()).isZero();
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }
}
