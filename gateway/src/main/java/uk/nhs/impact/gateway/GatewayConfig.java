package uk.nhs.impact.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "impact.gateway")
public interface GatewayConfig {
    /** Downstream services by name, e.g. {@code assessment=http://127.0.0.1:8081}. */
    Map<String, String> services();

    /**
     * Each service's management interface, where its readiness and OpenAPI document are read, e.g.
     * {@code assessment=http://127.0.0.1:9081}. A service without one counts as down and its document as missing.
     */
    Map<String, String> management();

    /** Which service owns each first path segment after {@code /api/v1/}, e.g. {@code assessments=assessment}. */
    Map<String, String> routes();

    /** How long to wait for a connection to a service. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** How long a forwarded request may stay silent before the gateway answers 504. */
    @WithDefault("30s")
    Duration requestTimeout();

    /** How long a Server-Sent Events stream may stay silent (the services send heartbeats well within it). */
    @WithDefault("60s")
    Duration streamIdleTimeout();

    /** Largest request body forwarded; larger is 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    RateLimit rateLimit();

    interface RateLimit {
        /** Sustained requests per second allowed to one client (token subject, or address when anonymous). */
        @WithDefault("50")
        int requestsPerSecond();

        /** Requests a client may make at once before the sustained rate applies. */
        @WithDefault("100")
        int burst();
    }
}
