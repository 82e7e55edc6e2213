package uk.nhs.impact.reporting.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.platform.consumer.IncomingEvent;
import uk.nhs.impact.platform.consumer.ProcessedEventLog;

import java.util.HashMap;
import java.util.Map;

/**
 * The one path every event takes into the read models, live or replayed: find the handler by type, apply it once.
 * Types this service does not know (newer versions, other families) are skipped; a known type it cannot apply is a
 * poison event and goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class EventIngestor {
    public static final String CONSUMER = "reporting";
    private static final Logger LOG = Logger.getLogger(EventIngestor.class);

    private final Map<String, EventHandler> handlers = new HashMap<>();
    private final ProcessedEventLog log;
    private final DeadLetters deadLetters;
    /** Tolerant reader: unknown fields in events are ignored. */
    private final ObjectMapper json;

    public EventIngestor(Instance<EventHandler> all, ProcessedEventLog log, DeadLetters deadLetters, ObjectMapper mapper) {
        all.forEach(h -> h.types().forEach(t -> handlers.put(t, h)));
        this.log = log;
        this.deadLetters = deadLetters;
        this.json = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Applies {@code event}; completes normally even for a poison event (which is dead-lettered), so the stream carries on. */
    public Uni<Outcome> ingest(IncomingEvent event) {
        EventHandler handler = handlers.get(event.type());
        if (handler == null) {
            return Uni.createFrom().item(Outcome.SKIPPED);
        }
        JsonNode data;
        try {
            data = json.readTree(event.data() == null ? "" : event.data());
            if (data == null || !data.isObject()) {
                return deadLetter(event, "payload is not a JSON object");
            }
        } catch (Exception e) {
            return deadLetter(event, "payload is not JSON: " + e.getMessage());
        }
        return log.applyOnce(CONSUMER, event.id(), () -> handler.apply(event.type(), event.subject(), data))
                .map(applied -> applied ? Outcome.APPLIED : Outcome.DUPLICATE)
                .onFailure(PoisonEventException.class).recoverWithUni(e -> deadLetter(event, e.getMessage()));
    }

    public boolean knows(String type) {
        return handlers.containsKey(type) || type.startsWith(EventTypes.PREFIX);
    }

    private Uni<Outcome> deadLetter(IncomingEvent event, String reason) {
        LOG.warnf("Dead-lettering event %s (%s): %s", event.id(), event.type(), reason);
        return deadLetters.send(event, reason).replaceWith(Outcome.DEAD_LETTERED);
    }

    public enum Outcome { APPLIED, DUPLICATE, SKIPPED, DEAD_LETTERED }
}
