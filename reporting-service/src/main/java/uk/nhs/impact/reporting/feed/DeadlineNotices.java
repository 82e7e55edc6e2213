package uk.nhs.impact.reporting.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import uk.nhs.impact.contracts.EventTypes;

/**
 * Adds the deadline-approaching entries to the feed (every caller reads them): looks at the open collection windows (survey
 * runs, baseline collections) at start-up and then on a schedule, and adds each notice {@link DeadlineRule} says is due.
 */
@ApplicationScoped
public class DeadlineNotices {
    public static final String TYPE = EventTypes.PREFIX + "reporting.deadline-approaching.v1";
    static final String SOURCE = "reporting-service";
    /** Close dates are counted in the calendar the NHS in England works to. */
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Logger LOG = Logger.getLogger(DeadlineNotices.class);

    private final Pool pool;
    private final ChangeFeedWriter writer;
    private final FeedSignal signal;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public DeadlineNotices(Pool pool, ChangeFeedWriter writer, FeedSignal signal, ObjectMapper json) {
        this.pool = pool;
        this.writer = writer;
        this.signal = signal;
        this.json = json;
    }

    /** Runs at start-up (the first run of an interval schedule) and then every {@code impact.feed.deadline-check}. */
    @Scheduled(every = "${impact.feed.deadline-check:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            checkNow();
        } catch (Throwable e) {
            LOG.warn("Deadline notices not checked this time", e);
        }
    }

    /** {@link #check()} from a thread that may block (the scheduler's, a test's). */
    public int checkNow() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(this::check);
    }

    /** Adds the notices due today; answers how many it looked at. */
    public Uni<Integer> check() {
        LocalDate today = LocalDate.now(clock.withZone(LONDON));
        return pool.query("""
                select 'baseline-collection' as kind, collection_id as id, closes_at from baseline_collection
                where not closed and closes_at > now() and closes_at < now() + interval '9 days'
                union all
                select 'survey-run', run_id, closes_at from survey_run
                where not closed and closes_at > now() and closes_at < now() + interval '9 days'
                order by 1, 2""").execute().chain(rows -> {
            List<DeadlineRule.Notice> due = new ArrayList<>();
            for (Row r : rows) {
                LocalDate closes = r.getOffsetDateTime("closes_at").atZoneSameInstant(LONDON).toLocalDate();
                DeadlineRule.due(r.getString("kind"), r.getString("id"), closes, today).ifPresent(due::add);
            }
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Panache.withTransaction(() -> appendAll(due)).invoke(signal::changed).replaceWith(due.size());
        });
    }

    private Uni<Void> appendAll(List<DeadlineRule.Notice> notices) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DeadlineRule.Notice n : notices) {
            chain = chain.chain(() -> writer.append(row(n)));
        }
        return chain;
    }

    private FeedRow row(DeadlineRule.Notice n) {
        ObjectNode data = json.createObjectNode().put("windowKind", n.windowKind()).put("windowId", n.windowId())
                .put("closesOn", n.closesOn().toString()).put("daysLeft", n.daysLeft()).put("noticeDays", n.threshold());
        return writer.classifier().classify(n.eventId(), TYPE, SOURCE, n.windowId(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                data);
    }
}
