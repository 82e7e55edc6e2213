package uk.nhs.impact.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Publishes CloudEvents to the real broker exactly as the return services' outbox relays do (binary mode, keyed by ODS code). */
final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    private Events() {
    }

    static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 5), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** Sends one event and returns its id. */
    static String publish(String topic, String type, String subject, Object data) {
        return publish(topic, UUID.randomUUID().toString(), type, subject, data);
    }

    static String publish(String topic, String id, String type, String subject, Object data) {
        return publish(topic, id, type, subject, data, null);
    }

    /** Sends one event carrying the trace context of the request that wrote it (CloudEvents traceparent) and returns its id. */
    static String publishTraced(String topic, String type, String subject, Object data, String traceparent) {
        return publish(topic, UUID.randomUUID().toString(), type, subject, data, traceparent);
    }

    private static String publish(String topic, String id, String type, String subject, Object data, String traceparent) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, subject,
                    data instanceof String s ? s : JSON.writeValueAsString(data));
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", id);
            header(record, "ce_type", type);
            header(record, "ce_source", "/test-producer");
            if (subject != null) {
                header(record, "ce_subject", subject);
            }
            header(record, "ce_time", OffsetDateTime.now().toString());
            header(record, "content-type", "application/json");
            if (traceparent != null) {
                header(record, "ce_traceparent", traceparent);
            }
            producer().send(record).get();
            return id;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void publishRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
