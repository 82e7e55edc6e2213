package uk.nhs.impact.reporting.ingest;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import uk.nhs.impact.platform.consumer.IncomingEvent;
import uk.nhs.impact.platform.db.DatabaseFailures;

/** Live consumers of the three return topics and the organisation topic (hierarchy changes, for the change feed); each record is acknowledged once applied, skipped or dead-lettered. */
@ApplicationScoped
public class TopicConsumers {
    @Inject
    EventIngestor ingestor;
    @Inject
    DeadLetters deadLetters;

    @Incoming("assessment-events")
    public Uni<Void> assessment(Message<String> message) {
        return consume(message);
    }

    @Incoming("survey-events")
    public Uni<Void> survey(Message<String> message) {
        return consume(message);
    }

    @Incoming("baseline-events")
    public Uni<Void> baseline(Message<String> message) {
        return consume(message);
    }

    @Incoming("organisation-feed")
    public Uni<Void> organisation(Message<String> message) {
        return consume(message);
    }

    private Uni<Void> consume(Message<String> message) {
        Optional<IncomingEvent> event = IncomingEvent.of(message);
        Uni<?> work = event.isPresent()
                ? ingestor.ingest(event.get())
                : deadLetters.send(notACloudEvent(message), "record is not a CloudEvent (no ce_id / ce_type headers)");
        // While the database is away the event waits (in order) and is applied once it is back; nothing is skipped. Each
        // attempt runs on the message's Vert.x context, as Hibernate Reactive requires, whatever thread the back-off ends on.
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        java.util.concurrent.Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
        return work.runSubscriptionOn(onContext).onFailure(DatabaseFailures::isUnavailable).retry()
                .withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5)).indefinitely()
                .onItemOrFailure().transformToUni((ok, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : Uni.createFrom().completionStage(message.nack(failure)));
    }

    private static IncomingEvent notACloudEvent(Message<String> message) {
        var kafka = message.getMetadata(io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata.class);
        return new IncomingEvent("unknown", "unknown", "unknown", null, null, message.getPayload(),
                kafka.map(m -> m.getTopic()).orElse(null), kafka.map(m -> m.getPartition()).orElse(-1),
                kafka.map(m -> m.getOffset()).orElse(-1L));
    }
}
