package uk.nhs.impact.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    private static PgException pg(String sqlState, String message) {
        return new PgException(message, "ERROR", sqlState, null);
    }

    /** How a failure reaches a mapper: wrapped by the reactive pipeline and by Hibernate. */
    private static RuntimeException wrapped(Throwable cause) {
        return new CompletionException(new IllegalStateException("wrapped", cause));
    }

    @Test
    void uniqueViolationFromThePgClientsSqlState() {
        assertThat(DatabaseFailures.isUniqueViolation(pg("23505", "duplicate key value violates unique constraint \"x\""))).isTrue();
        assertThat(DatabaseFailures.isUniqueViolation(wrapped(pg("23505", "anything")))).isTrue();
    }

    @Test
    void uniqueViolationFromJdbcAndHibernate() {
        assertThat(DatabaseFailures.isUniqueViolation(new SQLException("dup", "23505"))).isTrue();
        assertThat(DatabaseFailures.isUniqueViolation(
                new ConstraintViolationException("could not insert", new SQLException("dup", "23505"), "x_pkey"))).isTrue();
    }

    @Test
    void otherConstraintViolationsAreNotRaces() {
        assertThat(DatabaseFailures.isUniqueViolation(pg("23503", "violates foreign key constraint"))).isFalse();
        assertThat(DatabaseFailures.isUniqueViolation(pg("23514", "violates check constraint"))).isFalse();
        assertThat(DatabaseFailures.isUniqueViolation(new IllegalStateException("23505 in a message only"))).isFalse();
        assertThat(DatabaseFailures.isUniqueViolation(null)).isFalse();
    }

    @Test
    void serverShuttingDownOrStartingUpIsUnavailable() {
        assertThat(DatabaseFailures.isUnavailable(pg("57P01", "terminating connection due to administrator command"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(pg("57P02", "terminating connection because of crash of another server process"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(wrapped(pg("57P03", "the database system is starting up")))).isTrue();
    }

    @Test
    void connectionExceptionClassIsUnavailable() {
        assertThat(DatabaseFailures.isUnavailable(pg("08006", "connection failure"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("The connection attempt failed.", "08001"))).isTrue();
    }

    @Test
    void refusedTimedOutAndClosedConnectionsAreUnavailable() {
        assertThat(DatabaseFailures.isUnavailable(wrapped(new ConnectException("Connection refused")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new ConnectTimeoutException("connection timed out"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SocketException("Broken pipe"))).isTrue();
    }

    @Test
    void connectionLossWithoutTypeOrCodeIsReadFromItsMessage() {
        assertThat(DatabaseFailures.isUnavailable(new VertxException("Failed to read any response from the server, the underlying "
                + "connection may have been lost unexpectedly."))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(wrapped(new VertxException("Connection is not active now, current status: CLOSED"))))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new IOException("recvAddress(..) failed: Connection reset by peer"))).isTrue();
    }

    @Test
    void ordinaryErrorsAreNotUnavailability() {
        assertThat(DatabaseFailures.isUnavailable(pg("23505", "duplicate key"))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(pg("42P01", "relation \"x\" does not exist"))).isFalse();
        // a server error is decided by its code, whatever its text says
        assertThat(DatabaseFailures.isUnavailable(pg("22P02", "Connection is not active now"))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalArgumentException("bad input"))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(null)).isFalse();
    }

    @Test
    void aSelfCausedExceptionEnds() {
        assertThat(DatabaseFailures.isUnavailable(new SelfCaused())).isFalse();
        assertThat(DatabaseFailures.isUniqueViolation(new SelfCaused())).isFalse();
    }

    private static final class SelfCaused extends RuntimeException {
        @Override
        public synchronized Throwable getCause() {
            return this;
        }
    }
}
