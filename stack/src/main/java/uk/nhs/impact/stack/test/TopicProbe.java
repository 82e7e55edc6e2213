package uk.nhs.impact.stack.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the real test broker from the beginning, for tests that check what a service published. */
public final class TopicProbe {
    private TopicProbe() {
    }

    /** Every record on {@code topic} matching {@code wanted}, waiting up to {@code timeout} until {@code count} have arrived. */
    public static List<ConsumerRecord<String, String>> await(String bootstrap, String topic, Predicate<ConsumerRecord<String, String>> wanted,
            int count, Duration timeout) {
        Map<String, Object> conf = Map.of("bootstrap.servers", bootstrap, "group.id", "probe-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(conf, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < count) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (wanted.test(r)) {
                        found.add(r);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " matching records on " + topic + " but saw " + found.size());
        }
        return found;
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
