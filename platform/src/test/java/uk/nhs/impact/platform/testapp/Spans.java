package uk.nhs.impact.platform.testapp;

import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import uk.nhs.impact.stack.test.TestSpans;

/** The application's tracer hands every span to the tests' in-memory exporter ({@link TestSpans#EXPORTED}). */
@ApplicationScoped
public class Spans {
    @Produces
    @Singleton
    SpanProcessor inMemory() {
        return TestSpans.processor();
    }
}
