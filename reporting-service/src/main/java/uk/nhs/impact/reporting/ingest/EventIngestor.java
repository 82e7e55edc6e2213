package uk.nhs.impact.reporting.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.platform.consumer.IncomingEvent;
import uk.nhs.impact.platform.consumer.ProcessedEventLog;
import uk.nhs.impact.reporting.feed.ChangeFeedWriter;
import uk.nhs.impact.reporting.feed.FeedRow;
import uk.nhs.impact.reporting.feed.FeedSignal;

/**
 * The one path every event takes into the read models and the change feed, live or replayed: find the handler by type,
 * apply it once, and record the event in the feed in the same transaction. Types this service does not route (newer
 * versions, other families, reviews) change no read model but still enter the feed; an event that cannot be read (its
 * payload not a JSON object, or a routed type not of its contract record) is a poison event and goes to the dead-letter
 * topic with the reason.
 */
@ApplicationScoped
public class EventIngestor {
    public static final String CONSUMER = "reporting";
    private static final Logger LOG = Logger.getLogger(EventIngestor.class);

    private final Map<String, EventRoute<?>> routes = new HashMap<>();
    private final ProcessedEventLog log;
    private final DeadLetters deadLetters;
    private final EventReader reader;
    private final ChangeFeedWriter feed;
    private final FeedSignal signal;

    public EventIngestor(Instance<EventHandler> all, ProcessedEventLog log, DeadLetters deadLetters, ObjectMapper mapper,
            ChangeFeedWriter feed, FeedSignal signal) {
        all.forEach(h -> h.routes().forEach(r -> routes.put(r.type(), r)));
        this.log = log;
        this.deadLetters = deadLetters;
        this.reader = new EventReader(mapper);
        this.feed = feed;
        this.signal = signal;
    }

    /** Applies {@code event}; completes normally even for a poison event (which is dead-lettered), so the stream carries on. */
    public Uni<Outcome> ingest(IncomingEvent event) {
        EventRoute<?> route = routes.get(event.type());
        ObjectNode tree;
        Record data;
        try {
            tree = reader.tree(event.data());
            data = route == null ? null : reader.readTree(tree, route.payload());
        } catch (PoisonEventException e) {
            return deadLetter(event, e.getMessage());
        }
        FeedRow entry = feed.classifier().classify(event.id(), event.type(), event.source(), event.subject(),
                event.time() == null ? null : event.time().toOffsetDateTime(), tree);
        Supplier<Uni<?>> change = route == null
                ? () -> feed.append(entry)
                : () -> route.applyTo(data).chain(() -> feed.append(entry));
        return log.applyOnce(CONSUMER, event.id(), change)
                .invoke(applied -> {
                    if (applied) {
                        signal.changed();
                    }
                })
                .map(applied -> !applied ? Outcome.DUPLICATE : route == null ? Outcome.FED : Outcome.APPLIED)
                .onFailure(PoisonEventException.class).recoverWithUni(e -> deadLetter(event, e.getMessage()));
    }

    public boolean knows(String type) {
        return routes.containsKey(type) || type.startsWith(EventTypes.PREFIX);
    }

    private Uni<Outcome> deadLetter(IncomingEvent event, String reason) {
        LOG.warnf("Dead-lettering event %s (%s): %s", event.id(), event.type(), reason);
        return deadLetters.send(event, reason).replaceWith(Outcome.DEAD_LETTERED);
    }

    /** APPLIED to the read models and the feed; FED: a type no read model takes, recorded in the feed only. */
    public enum Outcome {
        APPLIED, FED, DUPLICATE, DEAD_LETTERED
    }
}
