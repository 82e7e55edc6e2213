package uk.nhs.impact.platform.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import uk.nhs.impact.platform.consumer.IncomingEvent;
import uk.nhs.impact.platform.consumer.ProcessedEventLog;

/** Counts applied note events per note: the count must stay 1 however often an event is delivered. */
@ApplicationScoped
public class NoteEventCounter {
    @Inject
    ProcessedEventLog log;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Incoming("note-events")
    public Uni<Void> consume(Message<String> message) {
        IncomingEvent event = IncomingEvent.of(message).orElseThrow();
        String noteId;
        try {
            noteId = json.readTree(event.data()).get("id").asText();
        } catch (java.io.IOException e) {
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return log.applyOnce("note-counter", event.id(), () -> Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into note_event_count(note_id, applied) values (:id, 1) "
                        + "on conflict (note_id) do update set applied = note_event_count.applied + 1")
                .setParameter("id", noteId).executeUpdate()))
                .replaceWithVoid()
                .onItemOrFailure().transformToUni((v, f) -> f == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : Uni.createFrom().completionStage(message.nack(f)));
    }
}
