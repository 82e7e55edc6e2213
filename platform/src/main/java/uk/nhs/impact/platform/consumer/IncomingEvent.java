package uk.nhs.impact.platform.consumer;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The CloudEvents envelope of a consumed Kafka record, read once so consumers map to their own types at once. */
public record IncomingEvent(String id, String type, String source, String subject, ZonedDateTime time, String data,
        String topic, int partition, long offset) {

    /** The envelope of {@code message}; empty when the record is not a CloudEvent (no {@code ce_id}). */
    public static Optional<IncomingEvent> of(Message<?> message) {
        @SuppressWarnings("unchecked")
        Optional<IncomingCloudEventMetadata<Object>> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(m -> (IncomingCloudEventMetadata<Object>) m);
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (ce.isEmpty() || ce.get().getId() == null || ce.get().getType() == null) {
            return Optional.empty();
        }
        IncomingCloudEventMetadata<Object> m = ce.get();
        Object payload = message.getPayload();
        return Optional.of(new IncomingEvent(m.getId(), m.getType(), String.valueOf(m.getSource()), m.getSubject().orElse(null),
                m.getTimeStamp().orElse(null), payload == null ? null : payload.toString(),
                kafka.map(IncomingKafkaRecordMetadata::getTopic).orElse(null),
                kafka.map(IncomingKafkaRecordMetadata::getPartition).orElse(-1),
                kafka.map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L)));
    }
}
