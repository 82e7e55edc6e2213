package uk.nhs.impact.reporting.query;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Function;

/**
 * One report's queries over one consistent view of the read models. A report counts the same rows several ways (how many
 * answered a question, how many responded, how many chose each option); run as separate statements while events are still
 * arriving, one count could include a row another missed, and a figure such as 123 answers from 122 respondents cannot be
 * built. Inside one read-only REPEATABLE READ transaction every statement sees the database as at the first one.
 */
@ApplicationScoped
public class Snapshot {
    /** Must be the transaction's first statement: the isolation level is fixed once a query has run. */
    static final String REPEATABLE_READ = "set transaction read only, isolation level repeatable read";

    @Inject
    Pool pool;

    /** Runs {@code report} with a client whose every query reads the same snapshot; the transaction ends when it completes. */
    public <T> Uni<T> read(Function<SqlClient, Uni<T>> report) {
        return pool.withTransaction(connection -> connection.query(REPEATABLE_READ).execute()
                .chain(() -> report.apply(connection)));
    }
}
