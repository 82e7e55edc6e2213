package uk.nhs.impact.reporting.rebuild;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import uk.nhs.impact.platform.db.SessionSql;

/**
 * The rebuild's progress in the database ({@code rebuild_state}), shared by every instance of the service: any of them
 * answers for it, and a rebuild is claimed by one instance at a time. The runner's heartbeat moves at each batch; a running
 * rebuild whose heartbeat is older than {@link #ABANDONED_AFTER} was left by an instance that stopped, and reads as failed.
 */
@ApplicationScoped
public class RebuildState {
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    static final String ABANDONED = "the instance running the rebuild stopped before it finished; start it again";
    private static final String COLUMNS = "state, replayed, total, started_at, finished_at, failure, heartbeat_at";

    /** The current or last rebuild, as every instance sees it. */
    public Uni<RebuildProgress> read() {
        return Panache.withSession(() -> Panache.getSession().chain(s -> SessionSql.rows(s, "select " + COLUMNS + ", now() from rebuild_state where id = 1")))
                .map(rows -> progress(rows.get(0)));
    }

    /**
     * Inside the caller's transaction: claims the rebuild for {@code runner} (locking the row until the transaction ends)
     * and answers it started, or answers the rebuild another instance is running.
     */
    public Uni<Claim> claim(String runner) {
        return Panache.getSession().chain(s -> SessionSql.rows(s, "select " + COLUMNS + ", now() from rebuild_state where id = 1 for update")
                .chain(rows -> {
                    RebuildProgress current = progress(rows.get(0));
                    if (current.state() == RebuildProgress.State.RUNNING) {
                        return Uni.createFrom().item(new Claim(false, current));
                    }
                    return SessionSql.rows(s, """
                            update rebuild_state set state = 'RUNNING', replayed = 0, total = null, started_at = now(), finished_at = null,
                                failure = null, runner = $1, heartbeat_at = now()
                            where id = 1 returning %s, now()""".formatted(COLUMNS), runner)
                            .map(updated -> new Claim(true, progress(updated.get(0))));
                }));
    }

    /** A claim's outcome: {@code claimed}, or the rebuild that was already running. */
    public record Claim(boolean claimed, RebuildProgress progress) {
    }

    /** The records the rebuild will replay. */
    Uni<Void> total(String runner, long total) {
        return change(runner, "total = $2", total);
    }

    /** {@code records} more replayed; the heartbeat moves. */
    Uni<Void> replayed(String runner, long records) {
        return change(runner, "replayed = replayed + $2", records);
    }

    /** Done, or failed with {@code failure}. */
    Uni<Void> finished(String runner, String failure) {
        return failure == null
                ? change(runner, "state = 'DONE', finished_at = now()")
                : change(runner, "state = 'FAILED', finished_at = now(), failure = $2", failure);
    }

    private Uni<Void> change(String runner, String set, Object... values) {
        Object[] params = new Object[values.length + 1];
        params[0] = runner;
        System.arraycopy(values, 0, params, 1, values.length);
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> SessionSql.update(s,
                "update rebuild_state set " + set + ", heartbeat_at = now() where id = 1 and runner = $1 and state = 'RUNNING'", params)))
                .replaceWithVoid();
    }

    private static RebuildProgress progress(Object[] row) {
        RebuildProgress.State state = RebuildProgress.State.valueOf((String) row[0]);
        long replayed = ((Number) row[1]).longValue();
        Long total = row[2] == null ? null : ((Number) row[2]).longValue();
        Instant started = instant(row[3]);
        Instant finished = instant(row[4]);
        String failure = (String) row[5];
        Instant heartbeat = instant(row[6]);
        Instant now = instant(row[7]);
        if (state == RebuildProgress.State.RUNNING && heartbeat != null && heartbeat.plus(ABANDONED_AFTER).isBefore(now)) {
            return new RebuildProgress(RebuildProgress.State.FAILED, replayed, total, started, heartbeat, ABANDONED);
        }
        return new RebuildProgress(state, replayed, total, started, finished, failure);
    }

    private static Instant instant(Object value) {
        return Optional.ofNullable(value).map(v -> ((OffsetDateTime) v).toInstant()).orElse(null);
    }
}
