package uk.nhs.impact.reporting.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.platform.consumer.IncomingEvent;
import uk.nhs.impact.platform.consumer.ProcessedEventLog;
import uk.nhs.impact.platform.db.DatabaseFailures;
import uk.nhs.impact.reporting.feed.ChangeFeedWriter;
import uk.nhs.impact.reporting.feed.FeedRow;
import uk.nhs.impact.reporting.feed.FeedSignal;

/**
 * The one path every event takes into the read models and the change feed, live or replayed: find the handler by type,
 * apply it once, and record the event in the feed in the same transaction. Types this service does not route (newer
 * versions, other families, reviews) change no read model but still enter the feed; an event that cannot be read (its
 * payload not a JSON object, a routed type not of its contract record, or fields its handler cannot apply) is a poison
 * event and goes to the dead-letter topic with the reason.
 * <p>
 * Events come in batches (a poll of a topic, a rebuild's poll of all of them). Each event is read first, without the
 * database; then the readable ones are applied in one transaction: their ids recorded in the consumer log in one statement,
 * which answers those not seen before, each handler applying its share of those set-wise, and their feed entries appended
 * in event order. Should that transaction fail other than for want of the database (an event whose fields turn out
 * unusable only when applied, a row a column refuses), the batch is applied again one event per transaction, so one bad
 * event holds up none of the others and is dead-lettered, or fails, exactly as on its own.
 */
@ApplicationScoped
public class EventIngestor {
    public static final String CONSUMER = "reporting";
    private static final Logger LOG = Logger.getLogger(EventIngestor.class);

    private final Map<String, EventRoute<?>> routes = new HashMap<>();
    private final Map<String, EventHandler> handlers = new HashMap<>();
    private final ProcessedEventLog log;
    private final DeadLetters deadLetters;
    private final EventReader reader;
    private final ChangeFeedWriter feed;
    private final FeedSignal signal;

    public EventIngestor(Instance<EventHandler> all, ProcessedEventLog log, DeadLetters deadLetters, ObjectMapper mapper,
            ChangeFeedWriter feed, FeedSignal signal) {
        all.forEach(h -> h.routes().forEach(r -> {
            routes.put(r.type(), r);
            handlers.put(r.type(), h);
        }));
        this.log = log;
        this.deadLetters = deadLetters;
        this.reader = new EventReader(mapper);
        this.feed = feed;
        this.signal = signal;
    }

    /** Applies {@code event}; completes normally even for a poison event (which is dead-lettered), so the stream carries on. */
    public Uni<Outcome> ingest(IncomingEvent event) {
        return ingestAll(List.of(event)).map(outcomes -> outcomes.get(0));
    }

    /**
     * Applies {@code events}, in order, as one batch; answers each one's outcome, in the same order. Completes normally even
     * when some are poison (they are dead-lettered); fails, with nothing of the batch applied or with a prefix of it applied
     * event by event, when the database cannot be reached.
     */
    public Uni<List<Outcome>> ingestAll(List<IncomingEvent> events) {
        return prepare(events).chain(this::apply);
    }

    /**
     * Reads every event of a batch without the database and dead-letters those that cannot be read, once: a caller that
     * retries while the database is away retries only {@link #apply} with what this answers.
     */
    public Uni<Batch> prepare(List<IncomingEvent> events) {
        Outcome[] outcomes = new Outcome[events.size()];
        List<Readable> readable = new ArrayList<>(events.size());
        Uni<Void> deadLettered = Uni.createFrom().voidItem();
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent event = events.get(i);
            try {
                readable.add(read(i, event));
            } catch (PoisonEventException e) {
                outcomes[i] = Outcome.DEAD_LETTERED;
                deadLettered = deadLettered.chain(() -> deadLetter(event, e.getMessage())).replaceWithVoid();
            }
        }
        return deadLettered.replaceWith(new Batch(readable, outcomes));
    }

    /**
     * Applies a prepared batch: in one transaction, or event by event should that fail other than for want of the database;
     * fails when the database cannot be reached, and may then be retried (what was applied is found already applied).
     */
    public Uni<List<Outcome>> apply(Batch batch) {
        List<Readable> readable = batch.readable();
        Outcome[] outcomes = batch.outcomes();
        return inOneTransaction(readable, outcomes)
                .onFailure(failure -> readable.size() > 1 && !DatabaseFailures.isUnavailable(failure)).recoverWithUni(failure -> {
                    LOG.infof("A batch of %d events could not be applied at once (%s); applying them one by one", readable.size(),
                            failure.toString());
                    return oneByOne(readable, 0, outcomes);
                })
                .map(ignored -> Arrays.asList(outcomes));
    }

    public boolean knows(String type) {
        return routes.containsKey(type) || type.startsWith(EventTypes.PREFIX);
    }

    /** The event read without the database: its route's change and its feed entry; poison when it cannot be. */
    private Readable read(int index, IncomingEvent event) {
        EventRoute<?> route = routes.get(event.type());
        ObjectNode tree = reader.tree(event.data());
        Object change = route == null ? null : route.changeOf(reader.readTree(tree, route.payload()));
        FeedRow entry = feed.classifier().classify(event.id(), event.type(), event.source(), event.subject(),
                event.time() == null ? null : event.time().toOffsetDateTime(), tree);
        return new Readable(index, event, route == null ? null : handlers.get(event.type()), change, entry);
    }

    /**
     * One transaction: records the events' ids, then applies those not seen before (the first of an id given twice), each
     * handler's share set-wise, and appends their feed entries in order; once committed, notes what became of each event.
     */
    private Uni<Void> inOneTransaction(List<Readable> batch, Outcome[] outcomes) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> log.recordAll(CONSUMER, batch.stream().map(r -> r.event().id()).toList()).chain(fresh -> {
            Set<String> unseen = new HashSet<>(fresh);
            List<Readable> applied = batch.stream().filter(r -> unseen.remove(r.event().id())).toList();
            Map<EventHandler, List<Object>> changes = new IdentityHashMap<>();
            List<EventHandler> order = new ArrayList<>();
            for (Readable r : applied) {
                if (r.handler() != null && r.change() != null) {
                    changes.computeIfAbsent(r.handler(), h -> {
                        order.add(h);
                        return new ArrayList<>();
                    }).add(r.change());
                }
            }
            Uni<Void> work = Uni.createFrom().voidItem();
            for (EventHandler handler : order) {
                work = work.chain(() -> handler.applyAll(changes.get(handler)));
            }
            return work.chain(() -> feed.appendAll(applied.stream().map(Readable::entry).toList())).replaceWith(applied);
        })).invoke(applied -> {
            batch.forEach(r -> outcomes[r.index()] = Outcome.DUPLICATE);
            applied.forEach(r -> outcomes[r.index()] = r.handler() == null ? Outcome.FED : Outcome.APPLIED);
            if (!applied.isEmpty()) {
                signal.changed();
            }
        }).replaceWithVoid();
    }

    /** The events from {@code from} on, each in its own transaction, in order; a poison one is dead-lettered. */
    private Uni<Void> oneByOne(List<Readable> batch, int from, Outcome[] outcomes) {
        if (from == batch.size()) {
            return Uni.createFrom().voidItem();
        }
        Readable r = batch.get(from);
        return inOneTransaction(List.of(r), outcomes)
                .onFailure(PoisonEventException.class).recoverWithUni(e -> {
                    outcomes[r.index()] = Outcome.DEAD_LETTERED;
                    return deadLetter(r.event(), e.getMessage()).replaceWithVoid();
                })
                .chain(() -> oneByOne(batch, from + 1, outcomes));
    }

    private Uni<Outcome> deadLetter(IncomingEvent event, String reason) {
        LOG.warnf("Dead-lettering event %s (%s): %s", event.id(), event.type(), reason);
        return deadLetters.send(event, reason).replaceWith(Outcome.DEAD_LETTERED);
    }

    /** A batch read and ready to apply: its readable events and each event's outcome so far (poison ones decided). */
    public record Batch(List<Readable> readable, Outcome[] outcomes) {
    }

    /** An event read: where it stands in its batch, its handler (null: a type no read model takes), change and feed entry. */
    record Readable(int index, IncomingEvent event, EventHandler handler, Object change, FeedRow entry) {
    }

    /** APPLIED to the read models and the feed; FED: a type no read model takes, recorded in the feed only. */
    public enum Outcome {
        APPLIED, FED, DUPLICATE, DEAD_LETTERED
    }
}
