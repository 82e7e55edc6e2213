package uk.nhs.impact.system;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * What the instance test reads behind the API, as an operator would: the Kafka group's assignment and the topic's records
 * (admin and consumer clients), the survey service's outbox and the reporting service's log of applied events (SQL).
 */
final class Instances {
    static final String SURVEY_TOPIC = "survey.events";
    private static final String KAFKA = "127.0.0.1:19092";
    private static final String REPORTING_GROUP = "reporting-service";

    private Instances() {
    }

    /** The partition the default partitioner puts a key on (murmur2 of the key, as the services' producers do). */
    static TopicPartition partitionOf(String topic, String key) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            int partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).size();
            return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions);
        }
    }

    static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /**
     * The HTTP port of the reporting instance the group has given {@code partition} to (its consumers' client ids carry
     * it), waiting up to a minute for the group to settle with the partition assigned.
     */
    static int reportingInstanceReading(TopicPartition partition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA))) {
            while (true) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(REPORTING_GROUP)).all().get().get(REPORTING_GROUP);
                for (MemberDescription member : group.members()) {
                    if (member.assignment().topicPartitions().contains(partition)) {
                        for (int port : List.of(8084, 8184)) {
                            if (member.clientId().contains("-" + port + "-")) {
                                return port;
                            }
                        }
                        throw new IllegalStateException(partition + " is read by " + member.clientId() + ", which names no instance");
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no reporting instance reads " + partition + ": " + group);
                }
                Thread.sleep(500);
            }
        }
    }

    /** The records of {@code run} published on {@code partition} after {@code from}: event ids in offset order, with repeats. */
    static List<String> publishedSince(Map<TopicPartition, Long> from, TopicPartition partition, String run) {
        return recordsSince(Map.of(partition, from.get(partition)), r -> r.headers().lastHeader("ce_id") != null && mentions(r, run))
                .stream().map(r -> header(r, "ce_id")).toList();
    }

    /** The survey service's events of {@code run} about organisation {@code subject} (its outbox, in the order written). */
    static List<String> committed(String run, String subject) throws SQLException {
        List<String> committed = new ArrayList<>();
        try (Connection survey = database("survey");
                PreparedStatement q = survey.prepareStatement(
                        "select id::text from outbox_event where payload->>'runId' = ? and subject = ? order by seq")) {
            q.setString(1, run);
            q.setString(2, subject);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    committed.add(rs.getString(1));
                }
            }
        }
        return committed;
    }

    /**
     * When reporting applied each of {@code events} (its transaction's start; an event applied twice would break the log's
     * key, so there is one time per event at most).
     */
    static Map<String, Timestamp> appliedAt(List<String> events) throws SQLException {
        Map<String, Timestamp> appliedAt = new HashMap<>();
        try (Connection reporting = database("reporting");
                PreparedStatement q = reporting.prepareStatement(
                        "select event_id, processed_at from processed_event where consumer = 'reporting' and event_id = any(?)")) {
            q.setArray(1, reporting.createArrayOf("text", events.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    appliedAt.put(rs.getString(1), rs.getTimestamp(2));
                }
            }
        }
        return appliedAt;
    }

    /**
     * The first event of {@code order} (event ids, a repeat counting where it first appears) applied before one that came
     * earlier in it, or null when each was applied no earlier than those before it.
     */
    static String firstOutOfOrder(List<String> order, Map<String, Timestamp> appliedAt) {
        Timestamp previous = null;
        for (String id : new java.util.LinkedHashSet<>(order)) {
            Timestamp at = appliedAt.get(id);
            if (at == null || (previous != null && at.before(previous))) {
                return id + " applied at " + at + ", after one applied at " + previous;
            }
            previous = at;
        }
        return null;
    }

    /** The traceparent stored with each of the survey service's events of {@code run} about {@code subject} (its outbox). */
    static List<String> storedTraceparents(String run, String subject) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection survey = database("survey");
                PreparedStatement q = survey.prepareStatement(
                        "select traceparent from outbox_event where payload->>'runId' = ? and subject = ? order by seq")) {
            q.setString(1, run);
            q.setString(2, subject);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /**
     * The {@code header} of each record of {@code run} keyed {@code key} on {@code topic} published after {@code from} (null
     * where absent).
     */
    static List<String> headersSince(Map<TopicPartition, Long> from, String topic, String run, String key, String header) {
        return recordsSince(from, r -> key.equals(r.key()) && mentions(r, run)).stream().map(r -> header(r, header)).toList();
    }

    /** The records from the given offsets to each partition's end (as it was when asked) that {@code wanted} accepts. */
    private static List<ConsumerRecord<String, String>> recordsSince(Map<TopicPartition, Long> from,
            java.util.function.Predicate<ConsumerRecord<String, String>> wanted) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + from.keySet() + " to their ends " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static boolean mentions(ConsumerRecord<String, String> record, String run) {
        return record.value() != null && record.value().contains("\"" + run + "\"");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Connection database(String name) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        credentials.setProperty("password", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:15432/" + name, credentials);
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", KAFKA, "enable.auto.commit", "false"), new StringDeserializer(),
                new StringDeserializer());
    }
}
