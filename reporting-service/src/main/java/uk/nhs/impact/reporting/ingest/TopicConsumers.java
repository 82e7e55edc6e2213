package uk.nhs.impact.reporting.ingest;

import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import uk.nhs.impact.platform.consumer.IncomingEvent;
import uk.nhs.impact.platform.db.DatabaseFailures;
import uk.nhs.impact.platform.tracing.EventTraces;

/**
 * Live consumers of the three return topics and the organisation topic (hierarchy changes, for the change feed). Each poll
 * is consumed as one batch: applied in one transaction (see {@link EventIngestor#ingestAll}), then acknowledged, records
 * that are not CloudEvents dead-lettered first.
 */
@ApplicationScoped
public class TopicConsumers {
    @Inject
    EventIngestor ingestor;
    @Inject
    DeadLetters deadLetters;
    @Inject
    EventTraces traces;

    @Incoming("assessment-events")
    public Uni<Void> assessment(KafkaRecordBatch<String, String> batch) {
        return consume(batch);
    }

    @Incoming("survey-events")
    public Uni<Void> survey(KafkaRecordBatch<String, String> batch) {
        return consume(batch);
    }

    @Incoming("baseline-events")
    public Uni<Void> baseline(KafkaRecordBatch<String, String> batch) {
        return consume(batch);
    }

    @Incoming("organisation-feed")
    public Uni<Void> organisation(KafkaRecordBatch<String, String> batch) {
        return consume(batch);
    }

    private Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<IncomingEvent> events = new ArrayList<>();
        // a span per event, in the trace of the request that wrote it, covering the batch's application
        List<Span> spans = new ArrayList<>();
        Uni<Void> work = Uni.createFrom().voidItem();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            Optional<IncomingEvent> event = IncomingEvent.of(record);
            if (event.isPresent()) {
                events.add(event.get());
                spans.add(traces.applying(event.get(), EventTraces.of(record).orElse(null)));
            } else {
                work = work.chain(() -> deadLetters.send(notACloudEvent(record), "record is not a CloudEvent (no ce_id / ce_type headers)"));
            }
        }
        // Records that cannot be read are dead-lettered once; then, while the database is away, the batch waits and is applied
        // once it is back; nothing is skipped (what a failed attempt applied before the database went is found already
        // applied). Each attempt runs on the batch's Vert.x context, as Hibernate Reactive requires, whatever thread the
        // back-off ends on.
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
        return work.chain(() -> ingestor.prepare(events))
                .chain(prepared -> ingestor.apply(prepared).runSubscriptionOn(onContext).onFailure(DatabaseFailures::isUnavailable).retry()
                        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely())
                .onItemOrFailure().invoke((ok, failure) -> EventTraces.end(spans, failure))
                .onItemOrFailure().transformToUni((ok, failure) -> failure == null
                        ? Uni.createFrom().completionStage(batch.ack())
                        : Uni.createFrom().completionStage(batch.nack(failure)));
    }

    private static IncomingEvent notACloudEvent(Message<String> message) {
        var kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        return new IncomingEvent("unknown", "unknown", "unknown", null, null, message.getPayload(),
                kafka.map(m -> m.getTopic()).orElse(null), kafka.map(m -> m.getPartition()).orElse(-1),
                kafka.map(m -> m.getOffset()).orElse(-1L));
    }
}
