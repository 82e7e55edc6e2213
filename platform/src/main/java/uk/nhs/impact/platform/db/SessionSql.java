package uk.nhs.impact.platform.db;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

/**
 * SQL run on a Hibernate Reactive session's own connection, so inside its transaction when one is open, without going
 * through Hibernate's query layer. For the native statements that return rows: Hibernate Reactive keys the plan of a native
 * select by a result mapping that equals no other instance, so every run of one through {@code createNativeQuery} adds
 * a plan to the session factory's plan cache and every later lookup compares against the pile. Statements that return
 * only a row count ({@code executeUpdate}) are cached by their SQL and stay there.
 * <p>
 * Parameters are positional ({@code $1}, {@code $2}, …) and bound as the PostgreSQL client binds Java values; columns come
 * back as it reads them ({@code text} as {@link String}, {@code int4} as {@link Integer}, {@code int8} as {@link Long},
 * {@code timestamptz} as {@link java.time.OffsetDateTime}).
 * <p>
 * Unlike a Hibernate query, nothing here flushes the session first: an entity persisted or changed in the same session
 * and not yet flushed is not in the database these statements see. Call {@code session.flush()} before them when they
 * must see such a change.
 */
public final class SessionSql {
    private SessionSql() {
    }

    /** The rows {@code sql} returns, each as its columns in order. */
    public static Uni<List<Object[]>> rows(Mutiny.Session session, String sql, Object... params) {
        ReactiveConnection connection = connection(session);
        return Uni.createFrom().completionStage(() -> connection.select(sql, params)).map(result -> {
            List<Object[]> rows = new ArrayList<>(result.size());
            result.forEachRemaining(rows::add);
            return rows;
        });
    }

    /** The first column of the rows {@code sql} returns, as text ({@code null} stays null). */
    public static Uni<List<String>> texts(Mutiny.Session session, String sql, Object... params) {
        return rows(session, sql, params).map(rows -> rows.stream().map(r -> r[0] == null ? null : r[0].toString()).toList());
    }

    /** Runs {@code sql} and answers the number of rows it changed (or, for a select, returned). */
    public static Uni<Integer> update(Mutiny.Session session, String sql, Object... params) {
        ReactiveConnection connection = connection(session);
        return Uni.createFrom().completionStage(() -> connection.update(sql, params));
    }

    private static ReactiveConnection connection(Mutiny.Session session) {
        if (session instanceof MutinySessionImpl impl) {
            return impl.getReactiveConnection();
        }
        throw new IllegalStateException("not a Hibernate Reactive session: " + session.getClass().getName());
    }
}
