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
    @Inject
    uk.nhs.impact.platform.tracing.EventTraces traces;

    @Incoming("note-events")
    public Uni<Void> consume(Message<String> message) {
        IncomingEvent event = IncomingEvent.of(message).orElseThrow();
        String noteId;
        try {
            noteId = json.readTree(event.data()).get("id").asText();
        } catch (java.io.IOException e) {
            return Uni.createFrom().completionStage(message.nack(e));
        }
        io.opentelemetry.api.trace.Span span = traces.applying(event, uk.nhs.impact.platform.tracing.EventTraces.of(message).orElse(null));
        return log.applyOnce("note-counter", event.id(), () -> Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into note_event_count(note_id, applied) values (:id, 1) "
                        + "on conflict (note_id) do update set applied = note_event_count.applied + 1")
                .setParameter("id", noteId).executeUpdate()))
                .replaceWithVoid()
                .onItemOrFailure().invoke((v, f) -> uk.nhs.impact.platform.tracing.EventTraces.end(java.util.List.of(span), f))
                .onItemOrFailure().transformToUni((v, f) -> f == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : Uni.createFrom().completionStage(message.nack(f)));
    }
}
