package uk.nhs.impact.gateway;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The request's correlation id: the caller's well-formed {@code X-Request-Id}, else a new one; kept on the context and in
 * the log context.
 */
public final class CorrelationIds {
    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "impact.correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationIds() {
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        if (id == null) {
            String given = ctx.request().getHeader(HEADER);
            id = given != null && SAFE.matcher(given).matches() ? given : newId();
            ctx.put(KEY, id);
            // in the log context of the request (its Vert.x context), as the services have it
            MDC.put("correlationId", id);
        }
        return id;
    }

    /**
     * A random (version 4) UUID. A correlation id only tells requests apart in logs, so it is drawn from the thread's own
     * generator rather than the shared secure one {@link UUID#randomUUID()} locks and reads the kernel for on every call.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
