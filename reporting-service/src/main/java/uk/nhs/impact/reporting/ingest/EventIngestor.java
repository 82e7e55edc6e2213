package uk.nhs.impact.reporting.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.platform.consumer.IncomingEvent;
import uk.nhs.impact.platform.consumer.ProcessedEventLog;

/**
 * The one path every event takes into the read models, live or replayed: find the handler by type, apply it once.
 * Types this service does not know (newer versions, other families) are skipped; a known type it cannot apply is a
 * poison event and goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class EventIngestor {
    public static final String CONSUMER = "reporting";
    private static final Logger LOG = Logger.getLogger(EventIngestor.class);

    private final Map<String, EventRoute<?>> routes = new HashMap<>();
    private final ProcessedEventLog log;
    private final DeadLetters deadLetters;
    private final EventReader reader;

    public EventIngestor(Instance<EventHandler> all, ProcessedEventLog log, DeadLetters deadLetters, ObjectMapper mapper) {
        all.forEach(h -> h.routes().forEach(r -> routes.put(r.type(), r)));
        this.log = log;
        this.deadLetters = deadLetters;
        this.reader = new EventReader(mapper);
    }

    /** Applies {@code event}; completes normally even for a poison event (which is dead-lettered), so the stream carries on. */
    public Uni<Outcome> ingest(IncomingEvent event) {
        EventRoute<?> route = routes.get(event.type());
        if (route == null) {
            return Uni.createFrom().item(Outcome.SKIPPED);
        }
        Record data;
        try {
            data = reader.read(event.data(), route.payload());
        } catch (PoisonEventException e) {
            return deadLetter(event, e.getMessage());
        }
        return log.applyOnce(CONSUMER, event.id(), () -> route.applyTo(data))
                .map(applied -> applied ? Outcome.APPLIED : Outcome.DUPLICATE)
                .onFailure(PoisonEventException.class).recoverWithUni(e -> deadLetter(event, e.getMessage()));
    }

    public boolean knows(String type) {
        return routes.containsKey(type) || type.startsWith(EventTypes.PREFIX);
    }

    private Uni<Outcome> deadLetter(IncomingEvent event, String reason) {
        LOG.warnf("Dead-lettering event %s (%s): %s", event.id(), event.type(), reason);
        return deadLetters.send(event, reason).replaceWith(Outcome.DEAD_LETTERED);
    }

    public enum Outcome {
        APPLIED, DUPLICATE, SKIPPED, DEAD_LETTERED
    }
}
