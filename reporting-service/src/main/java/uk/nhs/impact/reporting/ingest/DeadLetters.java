package uk.nhs.impact.reporting.ingest;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.platform.consumer.IncomingEvent;

/** Sends events that cannot be applied to {@code reporting.dead-letter}, with the reason and where they came from. */
@ApplicationScoped
public class DeadLetters {
    private final io.smallrye.reactive.messaging.MutinyEmitter<String> emitter;

    public DeadLetters(@Channel("dead-letter") io.smallrye.reactive.messaging.MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(IncomingEvent event, String reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "dlq-reason", reason);
        header(headers, "dlq-original-topic", event.topic());
        header(headers, "dlq-original-partition", Integer.toString(event.partition()));
        header(headers, "dlq-original-offset", Long.toString(event.offset()));
        header(headers, "ce_id", event.id());
        header(headers, "ce_type", event.type());
        header(headers, "ce_source", event.source());
        header(headers, "ce_specversion", "1.0");
        if (event.subject() != null) {
            header(headers, "ce_subject", event.subject());
        }
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.REPORTING_DEAD_LETTER).withKey(event.subject()).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(event.data() == null ? "" : event.data(), Metadata.of(meta)));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }

}
