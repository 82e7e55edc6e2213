package uk.nhs.impact.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "impact.gateway")
public interface GatewayConfig {
    /**
     * Downstream services by name, each one's instances comma-separated, e.g. {@code assessment=http://127.0.0.1:8081} or
     * {@code assessment=http://127.0.0.1:8081,http://127.0.0.1:8181}. Requests go round the ready instances in turn.
     */
    Map<String, String> services();

    /**
     * Each service's management interfaces, where its instances' readiness and its OpenAPI document are read, one per
     * instance in the same order, e.g. {@code assessment=http://127.0.0.1:9081}. A service without one counts as down and
     * its document as missing.
     */
    Map<String, String> management();

    /** How often the readiness of each instance of a service with several is read. */
    @WithDefault("2s")
    Duration instanceCheckInterval();

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

        /**
         * How many gateway instances share these limits. Each enforces its share ({@code 1/instances} of the rate and of the
         * burst) in its own memory, so a client whose requests the load balancer spreads over the instances gets the whole
         * rate and no more; one whose requests all reach the same instance gets that instance's share.
         */
        @WithDefault("1")
        int instances();
    }
}
