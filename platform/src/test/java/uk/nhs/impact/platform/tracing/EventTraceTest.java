package uk.nhs.impact.platform.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.testapp.NoteResource;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.TestSpans;
import uk.nhs.impact.stack.test.Tokens;

/**
 * One trace covers a write and its event's application: the request joins the caller's trace (W3C traceparent, as the
 * gateway forwards it), the outbox keeps the request's context with the event, the relay publishes it as the CloudEvents
 * traceparent extension, and the consumer's span is a child of it, however much later it runs. Spans are read from the
 * SDK's in-memory exporter.
 */
@QuarkusTest
class EventTraceTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aWriteAndTheApplicationOfItsEventAreOneTrace() {
        String trace = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = trace.substring(0, 16);
        String noteId = given().header("Authorization", Tokens.bearer("RHA", "submitter", "viewer"))
                .header("traceparent", "00-" + trace + "-" + callerSpan + "-01")
                .contentType(ContentType.JSON).body(Map.of("text", "traced", "level", 2))
                .when().post("/api/v1/notes").then().statusCode(201).extract().path("id");

        SpanData request = Eventually.await(Duration.ofSeconds(10), () -> spans(trace).stream()
                .filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElse(null), s -> s != null);
        assertThat(request.getParentSpanId()).as("the request's span is the caller's child").isEqualTo(callerSpan);
        assertThat(spans(trace)).as("the request's database statements are in the trace")
                .anyMatch(s -> s.getKind() == SpanKind.CLIENT && s.getParentSpanContext().isValid());

        String published = traceparentOnTopic(noteId);
        assertThat(published).as("the event carries the request's trace").startsWith("00-" + trace + "-").endsWith("-01");
        String writer = published.substring(36, 52);
        assertThat(spans(trace)).as("the event's parent is a span of the request").anyMatch(s -> s.getSpanId().equals(writer));

        SpanData applied = Eventually.await(Duration.ofSeconds(30), () -> spans(trace).stream()
                .filter(s -> s.getKind() == SpanKind.CONSUMER).findFirst().orElse(null), s -> s != null);
        assertThat(applied.getName()).isEqualTo("apply " + NoteResource.TYPE);
        assertThat(applied.getParentSpanId()).as("the application's span is the event's child").isEqualTo(writer);
        assertThat(applied.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("messaging.destination.name")))
                .isEqualTo(NoteResource.TOPIC);
    }

    @Test
    void anEventWrittenOutsideAnyTraceCarriesNone() {
        String noteId = given().header("Authorization", Tokens.bearer("RHA", "submitter", "viewer"))
                .contentType(ContentType.JSON).body(Map.of("text", "untraced caller", "level", 2))
                .when().post("/api/v1/notes").then().statusCode(201).extract().path("id");
        // the service starts a trace of its own for a caller that sends none: the event carries that one
        String published = traceparentOnTopic(noteId);
        assertThat(published).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String trace = published.substring(3, 35);
        assertThat(spans(trace)).anyMatch(s -> s.getKind() == SpanKind.SERVER && !s.getParentSpanContext().isValid());
    }

    private static List<SpanData> spans(String trace) {
        return TestSpans.EXPORTED.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(trace)).toList();
    }

    /** The ce_traceparent header of the note's event on the topic. */
    private String traceparentOnTopic(String noteId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "group.id",
                "trace-probe-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(NoteResource.TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains(noteId)) {
                        Header h = record.headers().lastHeader("ce_traceparent");
                        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        throw new AssertionError("the note's event never reached " + NoteResource.TOPIC);
    }
}
