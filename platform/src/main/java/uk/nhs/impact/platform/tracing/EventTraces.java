package uk.nhs.impact.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Message;
import uk.nhs.impact.platform.consumer.IncomingEvent;

/**
 * Traces across the outbox: an event keeps the trace context of the request that wrote it (a W3C {@code traceparent},
 * stored with the event and published as the CloudEvents {@code traceparent} extension), and the span that applies it
 * is a child of that context, so one trace covers a request and every consumer's application of its events, however
 * much later the relay publishes them. With tracing off there is no current trace: events carry none and the spans are
 * no-ops.
 */
@ApplicationScoped
public class EventTraces {
    /** The CloudEvents extension (Distributed Tracing extension) and column name. */
    public static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    @Inject
    Tracer tracer;

    /** The current span's context as a W3C traceparent, or null when there is none. */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex() : null;
    }

    /** The traceparent a consumed CloudEvent carries, if any. */
    public static Optional<String> of(Message<?> message) {
        return message.getMetadata(IncomingCloudEventMetadata.class).flatMap(ce -> ce.getExtension(TRACEPARENT)).map(Object::toString);
    }

    /**
     * Starts the span that applies {@code event} ({@code "apply <type>"}, a consumer span), the child of the context it
     * carries ({@code traceparent}, may be null: then a trace of its own). The caller ends it.
     */
    public Span applying(IncomingEvent event, String traceparent) {
        Context parent = traceparent == null
                ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent), GETTER);
        return tracer.spanBuilder("apply " + event.type()).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", String.valueOf(event.topic()))
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("messaging.kafka.message.offset", event.offset())
                .setAttribute("cloudevents.event_type", event.type())
                .startSpan();
    }

    /** Ends spans when the work they cover is done, marking them failed when it failed. */
    public static void end(List<Span> spans, Throwable failure) {
        for (Span span : spans) {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
            }
            span.end();
        }
    }
}
