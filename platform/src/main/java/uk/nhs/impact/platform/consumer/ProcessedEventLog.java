package uk.nhs.impact.platform.consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import uk.nhs.impact.platform.db.SessionSql;

/**
 * The idempotent-consumer log: a consumer records each event id in the same transaction as the change the event
 * causes, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class ProcessedEventLog {

    /**
     * Applies {@code change} in one transaction with the record that {@code eventId} was processed by {@code consumer};
     * does nothing (and returns false) when it was processed before.
     */
    public Uni<Boolean> applyOnce(String consumer, String eventId, Supplier<Uni<?>> change) {
        return Panache.withTransaction(() -> record(consumer, eventId)
                .chain(first -> first ? change.get().replaceWith(true) : Uni.createFrom().item(false)));
    }

    /** Inside the caller's transaction: true the first time this consumer sees this event id. */
    public Uni<Boolean> record(String consumer, String eventId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into processed_event(consumer, event_id, processed_at) values (:consumer, :id, now()) "
                        + "on conflict do nothing")
                .setParameter("consumer", consumer).setParameter("id", eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * Inside the caller's transaction: records every id in {@code eventIds} for {@code consumer} in one statement and answers
     * those it had not seen before (an id given twice counts once).
     */
    public Uni<Set<String>> recordAll(String consumer, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        eventIds.forEach(ids::add);
        return Panache.getSession().chain(s -> SessionSql.texts(s,
                "insert into processed_event(consumer, event_id, processed_at) "
                        + "select $1, id, now() from json_array_elements_text(cast(cast($2 as text) as json)) as ids(id) "
                        + "on conflict do nothing returning event_id",
                consumer, ids.toString()))
                .map(HashSet::new);
    }
}
