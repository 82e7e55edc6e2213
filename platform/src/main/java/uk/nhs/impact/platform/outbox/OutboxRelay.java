package uk.nhs.impact.platform.outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import uk.nhs.impact.platform.tracing.EventTraces;

/**
 * Publishes unsent outbox rows in order as CloudEvents (binary mode) to Kafka and marks them sent once the broker
 * has acknowledged them. At-least-once: a row is marked only after its ack, so a crash or an outage resends it
 * later; consumers drop the duplicate by event id. One relay at a time per database (advisory lock).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final byte[] JSON_CONTENT_TYPE = "application/json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final long LOCK_KEY = 7_151_002_023L;
    /** A round that found another instance relaying: it tries again this much later, for the rows that one did not see. */
    private static final long LOCK_RETRY_MILLIS = 50;

    @Inject
    Pool pool;

    @Inject
    OutboxConfig config;

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> emitter;

    private final AtomicLong pausedUntil = new AtomicLong();
    private volatile Duration backoff;
    private volatile int failures;

    @Inject
    Vertx vertx;

    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean lockMissed = new AtomicBoolean();
    private volatile Context context;

    /**
     * Starts the relay's timer. A Vert.x periodic timer rather than {@code @Scheduled}: the scheduler's resolution is a
     * second, which made every event wait up to a second before it left the outbox. The timer is the safety net: a
     * committed write wakes the relay ({@link #wake()}), so an event does not wait for the next tick.
     */
    void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> vertx.setPeriodic(config.pollInterval().toMillis(), id -> round()));
    }

    /**
     * Asks for a round: called once a transaction that appended an event has committed. The round runs after the wake
     * delay, taking every write committed by then; a write that commits while a round runs asks for the next one, so
     * under load each round takes whatever has committed since the last.
     */
    public void wake() {
        Context relay = context;
        if (relay != null && config.wakeOnCommit() && !wanted.getAndSet(true)) {
            relay.runOnContext(v -> vertx.setTimer(Math.max(1, config.wakeDelay().toMillis()), id -> round()));
        }
    }

    private void round() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        wanted.set(false);
        poll().subscribe().with(done -> afterRound(), failure -> afterRound());
    }

    /**
     * A write that committed while the round ran asked for another: it runs after the wake delay, with whatever came since.
     * A round that found another instance relaying runs again shortly: that instance read the table before this instance's
     * last writes may have committed, and the timer is only a safety net.
     */
    private void afterRound() {
        polling.set(false);
        if (wanted.get()) {
            vertx.setTimer(Math.max(1, config.wakeDelay().toMillis()), id -> round());
        } else if (lockMissed.getAndSet(false)) {
            vertx.setTimer(LOCK_RETRY_MILLIS, id -> round());
        }
    }

    Uni<Void> poll() {
        if (System.currentTimeMillis() < pausedUntil.get()) {
            return Uni.createFrom().voidItem();
        }
        return relayOnce().onItemOrFailure().transform((sent, failure) -> {
            if (failure != null) {
                onFailure(failure);
            } else if (sent < 0) {
                lockMissed.set(true);
            } else if (failures > 0) {
                LOG.infof("Outbox relay recovered after %d failed round(s)", failures);
                failures = 0;
                backoff = null;
            }
            return null;
        });
    }

    /**
     * One round: sends up to a batch of unsent rows and marks those acknowledged. Returns how many were sent, or -1 when
     * another instance holds the relay's lock.
     */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY))
                .chain(locked -> locked.iterator().next().getBoolean(0) ? sendBatch(conn) : Uni.createFrom().item(-1)));
    }

    /** Rows not yet acknowledged by the broker. */
    public Uni<Long> backlog() {
        return pool.query("select count(*) from outbox_event where sent_at is null").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<Integer> sendBatch(SqlConnection conn) {
        return conn.preparedQuery("select id, topic, event_type, subject, payload::text, occurred_at, traceparent from outbox_event "
                + "where sent_at is null order by seq limit $1")
                .execute(Tuple.of(config.batchSize()))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    List<CompletableFuture<Void>> acks = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID(0));
                        acks.add(send(row));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                            .ifNoItem().after(config.ackTimeout()).fail()
                            .onFailure().recoverWithItem((Void) null)
                            .chain(() -> markAcknowledgedPrefix(conn, ids, acks));
                });
    }

    /** Marks the rows acknowledged before the first failure, so order is kept on the retry. */
    private Uni<Integer> markAcknowledgedPrefix(SqlConnection conn, List<UUID> ids, List<CompletableFuture<Void>> acks) {
        List<UUID> done = new ArrayList<>();
        Throwable failure = null;
        for (int i = 0; i < ids.size(); i++) {
            CompletableFuture<Void> ack = acks.get(i);
            if (ack.isDone() && !ack.isCompletedExceptionally()) {
                done.add(ids.get(i));
            } else {
                failure = ack.isCompletedExceptionally() ? ack.handle((v, t) -> t).join() : new IllegalStateException("no acknowledgement in time");
                break;
            }
        }
        Throwable reason = failure;
        Uni<Integer> marked = done.isEmpty()
                ? Uni.createFrom().item(0)
                : conn.preparedQuery("update outbox_event set sent_at = now() where id = any($1)")
                        .execute(Tuple.of(done.toArray(UUID[]::new))).map(r -> done.size());
        return marked.invoke(n -> {
            if (reason != null) {
                throw new OutboxRelayException(n + " of " + ids.size() + " events acknowledged", reason);
            }
        });
    }

    private CompletableFuture<Void> send(Row row) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        String subject = row.getString(3);
        var builder = OutgoingCloudEventMetadata.<String>builder()
                .withId(row.getUUID(0).toString())
                .withType(row.getString(2))
                .withSource(URI.create(config.source()))
                .withSubject(subject)
                .withTimestamp(row.getOffsetDateTime(5).toZonedDateTime());
        String traceparent = row.getString(6);
        if (traceparent != null) {
            // the request's trace goes on with the event (CloudEvents Distributed Tracing extension: ce_traceparent)
            builder = builder.withExtension(EventTraces.TRACEPARENT, traceparent);
        }
        OutgoingCloudEventMetadata<String> ce = builder.build();
        // The payload is JSON text already: the content type travels as a plain header so it is not encoded twice.
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString(1)).withKey(subject)
                .withHeaders(new RecordHeaders().add("content-type", JSON_CONTENT_TYPE))
                .build();
        Message<String> message = Message.of(row.getString(4), Metadata.of(ce, kafka),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** Deletes rows sent longer ago than the retention period. */
    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = RelayOff.class)
    Uni<Void> purge() {
        return pool.preparedQuery("delete from outbox_event where sent_at < $1")
                .execute(Tuple.of(OffsetDateTime.now().minus(config.retention()))).replaceWithVoid();
    }

    private void onFailure(Throwable failure) {
        failures++;
        Duration next = backoff == null ? config.initialBackoff() : backoff.multipliedBy(2);
        backoff = next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
        pausedUntil.set(System.currentTimeMillis() + backoff.toMillis());
        LOG.warnf("Outbox relay round failed (%d in a row), retrying in %d ms: %s", failures, backoff.toMillis(), failure.toString());
    }

    /** Skips the relay where it is switched off. */
    @ApplicationScoped
    public static class RelayOff implements Scheduled.SkipPredicate {
        @Inject
        OutboxConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }

    static final class OutboxRelayException extends RuntimeException {
        OutboxRelayException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
