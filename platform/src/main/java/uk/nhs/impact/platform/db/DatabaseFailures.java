package uk.nhs.impact.platform.db;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.JDBCException;

/**
 * What a database failure means for the caller: a race lost to a concurrent request, or a database out of reach. Decided
 * by the SQLSTATE the server sent (read from the Vert.x PostgreSQL client's exception, a JDBC {@link SQLException} or
 * Hibernate's {@link JDBCException}, anywhere in the cause chain) and by the exception's type; the message text is read
 * only for the client's connection-loss errors, which carry no type or code of their own.
 */
public final class DatabaseFailures {
    /** unique_violation */
    static final String UNIQUE_VIOLATION = "23505";
    /** admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down) */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    /** Class 08: connection exception (the connection failed, was refused or was lost) */
    private static final String CONNECTION_CLASS = "08";
    /**
     * What the Vert.x SQL client says, as a plain VertxException, when it loses a connection mid-request, and what a native
     * transport's IOException says when the server resets the connection.
     */
    private static final List<String> LOST_CONNECTION_MESSAGES = List.of(
            "Failed to read any response from the server", "Connection is not active now", "Connection reset");

    private DatabaseFailures() {
    }

    /** A unique constraint refused a row (SQLSTATE 23505): two concurrent requests raced to create the same thing. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (sqlState(t).filter(UNIQUE_VIOLATION::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database cannot be reached, is shutting down or starting up, or dropped the connection: a transient state that
     * clears without operator action, answered with 503 and retried by consumers.
     */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof ClosedConnectionException) {
                return true;
            }
            Optional<String> state = sqlState(t);
            if (state.isPresent() && (SERVER_GOING_AWAY.contains(state.get()) || state.get().startsWith(CONNECTION_CLASS))) {
                return true;
            }
            if (state.isEmpty() && t.getMessage() != null && LOST_CONNECTION_MESSAGES.stream().anyMatch(t.getMessage()::contains)) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE the exception carries, if it is one that carries one. */
    static Optional<String> sqlState(Throwable t) {
        String state = null;
        if (t instanceof DatabaseException d) {
            state = d.getSqlState();
        } else if (t instanceof SQLException s) {
            state = s.getSQLState();
        } else if (t instanceof JDBCException j) {
            state = j.getSQLState();
        }
        return Optional.ofNullable(state).filter(s -> !s.isBlank());
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
