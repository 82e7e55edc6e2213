package uk.nhs.impact.platform.db;

import java.net.ConnectException;

/** What a database failure means for the caller: a race lost to a concurrent request, or a database out of reach. */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    /** A unique constraint refused a row (SQLSTATE 23505): two concurrent requests raced to create the same thing. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("23505") || m.contains("duplicate key value violates unique constraint"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The database cannot be reached, is shutting down or starting up, or dropped the connection: a transient state that
     * clears without operator action, answered with 503 and retried by consumers.
     */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof ConnectException || name.equals("io.vertx.sqlclient.ClosedConnectionException")
                    || name.equals("io.vertx.core.net.impl.ConnectTimeoutException")
                    || m.contains("Connection refused") || m.contains("57P01") || m.contains("57P02") || m.contains("57P03")
                    || m.contains("terminating connection") || m.contains("the database system is")
                    || m.contains("Failed to read any response from the server") || m.contains("Connection reset")
                    || m.contains("Connection is not active now")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
