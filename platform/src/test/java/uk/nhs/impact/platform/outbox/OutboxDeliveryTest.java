package uk.nhs.impact.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.stack.test.Eventually.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.testapp.NoteResource;
import uk.nhs.impact.stack.test.Tokens;

/** The outbox publishes a CloudEvent to the real broker, and the consumer applies it once however often it arrives. */
@QuarkusTest
class OutboxDeliveryTest {
    @Inject
    DataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    @io.smallrye.common.annotation.Identifier("default-kafka-broker")
    Map<String, Object> kafkaDefaults;

    @Test
    void everyServicesConsumersWaitAtTheBrokerRatherThanPollingTwiceASecond() {
        // the platform's default reaches the Kafka configuration every channel of a service starts from
        assertThat(kafkaDefaults).containsEntry("fetch.max.wait.ms", "2000");
    }

    @Test
    void createdNoteIsPublishedAsACloudEventAndAppliedOnceEvenWhenRedelivered() throws Exception {
        String noteId = createNote("outbox check");

        ConsumerRecord<String, String> record = findOnTopic(noteId);
        assertThat(record.key()).as("records are keyed by the organisation's ODS code").isEqualTo("RHA");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(record.value().charAt(0)).as("the value is the JSON payload itself: " + record.value()).isEqualTo('{');
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(header(record, "ce_type")).isEqualTo(NoteResource.TYPE);
        assertThat(header(record, "ce_source")).isEqualTo("/platform-test");
        assertThat(header(record, "ce_subject")).isEqualTo("RHA");
        assertThat(header(record, "ce_time")).isNotNull();
        String eventId = header(record, "ce_id");
        assertThat(UUID.fromString(eventId).toString()).isEqualTo(eventId);

        await(Duration.ofSeconds(30), () -> applied(noteId), n -> n == 1);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                ProducerRecord<String, String> again = new ProducerRecord<>(record.topic(), record.key(), record.value());
                record.headers().forEach(h -> again.headers().add(h));
                producer.send(again).get();
            }
        }
        // A later, distinct note proves the consumer has read past the duplicates before we look.
        String laterId = createNote("sentinel");
        await(Duration.ofSeconds(30), () -> applied(laterId), n -> n == 1);

        assertThat(applied(noteId)).as("redelivered event must not be applied again").isEqualTo(1);
        assertThat(await(Duration.ofSeconds(10), this::unsent, n -> n == 0L)).isEqualTo(0L);
    }

    private String createNote(String text) {
        return given().header("Authorization", Tokens.bearer("RHA", "submitter", "viewer"))
                .contentType(ContentType.JSON).body(Map.of("text", text, "level", 3))
                .when().post("/api/v1/notes").then().statusCode(201).extract().path("id");
    }

    private ConsumerRecord<String, String> findOnTopic(String noteId) {
        Map<String, Object> conf = Map.of("bootstrap.servers", bootstrap, "group.id", "probe-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(conf, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(NoteResource.TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value().contains(noteId)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("note " + noteId + " never reached topic " + NoteResource.TOPIC);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private int applied(String noteId) {
        return queryLong("select coalesce(sum(applied), 0) from note_event_count where note_id = ?", noteId).intValue();
    }

    private long unsent() {
        return queryLong("select count(*) from outbox_event where sent_at is null", null);
    }

    private Long queryLong(String sql, String param) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
