package uk.nhs.impact.reporting.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A report's queries read one snapshot: a response stored by another connection between two of them (as the event
 * consumer does while responses arrive) is seen by neither, so the counts of one report always agree with each other.
 */
@QuarkusTest
class SnapshotTest {
    private final String run = "snapshot-" + UUID.randomUUID();

    @Inject
    Snapshot snapshot;
    @Inject
    Pool pool;

    @AfterEach
    void removeTheRun() {
        pool.preparedQuery("delete from survey_response where run_id = $1").execute(Tuple.of(run)).await().indefinitely();
    }

    @Test
    void aRowCommittedBetweenTwoQueriesOfOneReportIsSeenByNeither() {
        arrive("r1").await().indefinitely();

        List<Long> counts = snapshot.read(db -> respondents(db).chain(before -> arrive("r2")
                .chain(() -> respondents(db)).map(after -> List.of(before, after)))).await().indefinitely();

        assertThat(counts).containsExactly(1L, 1L);
        assertThat(respondents(pool).await().indefinitely()).as("once the report is done").isEqualTo(2L);
    }

    @Test
    void aReportCannotWrite() {
        assertThatThrownBy(() -> snapshot.read(db -> db.preparedQuery("delete from survey_response where run_id = $1")
                .execute(Tuple.of(run))).await().indefinitely())
                .isInstanceOf(PgException.class).hasMessageContaining("read-only transaction");
    }

    private Uni<Long> respondents(SqlClient db) {
        return db.preparedQuery("select count(*) from survey_response where run_id = $1").execute(Tuple.of(run))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** A response stored and committed on a connection of its own, as the event consumer stores one. */
    private Uni<Void> arrive(String respondent) {
        return pool.preparedQuery("""
                insert into survey_response(run_id, respondent_id, ods_code, trust_type, icb_code, region_code, respondent_role,
                                            revision, answers)
                values ($1, $2, 'RHA', 'mental_health', 'QT1', 'Y60', 'chair', 1, '{}'::jsonb)""")
                .execute(Tuple.of(run, respondent)).replaceWithVoid();
    }
}
