package uk.nhs.impact.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import uk.nhs.impact.platform.tracing.EventTraces;

/**
 * Writes an event into the outbox table inside the caller's transaction, so the state change and its event
 * commit together or not at all, with the trace context of the request that wrote it ({@link EventTraces}).
 * {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {
    @Inject
    ObjectMapper json;

    /**
     * @param topic   Kafka topic (see contracts' Topics)
     * @param type    versioned CloudEvents type (see contracts' EventTypes)
     * @param subject ODS code of the organisation: the Kafka key, so its events stay in order
     * @param data    the whole event payload
     * @return the event id (the consumers' dedupe key)
     */
    public Uni<UUID> append(String topic, String type, String subject, Object data) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Event payload cannot be serialised", e));
        }
        String traceparent = EventTraces.current();
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into outbox_event(id, topic, event_type, subject, payload, occurred_at, traceparent) "
                        + "values (:id, :topic, :type, :subject, cast(cast(:payload as text) as jsonb), now(), cast(:traceparent as text))")
                .setParameter("id", id).setParameter("topic", topic).setParameter("type", type)
                .setParameter("subject", subject).setParameter("payload", payload).setParameter("traceparent", traceparent)
                .executeUpdate())
                .invoke(OutboxWake::appended)
                .replaceWith(id);
    }
}
