package uk.nhs.impact.stack.test;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * The spans a module's tests made, kept in memory as each ends (the SDK's in-memory exporter). A module's tests produce
 * {@link #processor()} as a {@code SpanProcessor} bean, which the application's tracer then uses.
 */
public final class TestSpans {
    public static final InMemorySpanExporter EXPORTED = InMemorySpanExporter.create();

    private TestSpans() {
    }

    public static SpanProcessor processor() {
        return SimpleSpanProcessor.create(EXPORTED);
    }
}
