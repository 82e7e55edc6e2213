package uk.nhs.impact.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.impact.gateway.GatewayConfig;

/**
 * Token buckets, one per client: {@code burst} requests at once, refilled at {@code requestsPerSecond}; with several gateway
 * instances ({@code impact.gateway.rate-limit.instances}) each keeps its share of both, so together they allow the configured
 * figures. Idle buckets are dropped once the map grows large, so memory stays bounded.
 */
@ApplicationScoped
public class RateLimiter {
    private static final int MAX_CLIENTS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double perNano;
    private final int burst;

    @Inject
    public RateLimiter(GatewayConfig config) {
        this(config.rateLimit().requestsPerSecond(), config.rateLimit().burst(), config.rateLimit().instances());
    }

    /** The limits of the whole deployment, of which this instance keeps a {@code 1/instances} share. */
    public RateLimiter(int requestsPerSecond, int burst, int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("impact.gateway.rate-limit.instances must be at least 1, not " + instances);
        }
        this.perNano = requestsPerSecond / (double) instances / 1e9;
        this.burst = Math.max(1, burst / instances);
    }

    /**
     * What one request did to its client's bucket: allowed or not (then {@code retryAfterSeconds} to wait), and the figures
     * every answer carries as {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds until
     * the bucket is full again).
     */
    public record Decision(long retryAfterSeconds, int limit, long remaining, long resetSeconds) {
        public boolean allowed() {
            return retryAfterSeconds == 0;
        }
    }

    /** Takes one request from the client's bucket. */
    public Decision acquire(String client) {
        if (buckets.size() > MAX_CLIENTS) {
            long now = System.nanoTime();
            buckets.values().removeIf(b -> b.isFull(now));
        }
        return buckets.computeIfAbsent(client, k -> new Bucket(burst)).take(perNano, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();

        Bucket(int burst) {
            tokens = burst;
        }

        synchronized Decision take(double perNano, int burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
            long retryAfter = 0;
            if (tokens >= 1) {
                tokens -= 1;
            } else {
                retryAfter = Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
            }
            long reset = (long) Math.ceil((burst - tokens) / perNano / 1e9);
            return new Decision(retryAfter, burst, (long) Math.floor(tokens), reset);
        }

        synchronized boolean isFull(long now) {
            return now - last > 60_000_000_000L;
        }
    }
}
