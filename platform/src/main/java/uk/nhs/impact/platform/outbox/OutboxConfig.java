package uk.nhs.impact.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "impact.outbox")
public interface OutboxConfig {
    /** Whether this service relays its outbox to Kafka (off for services that publish nothing). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often the relay looks for unsent rows whatever else happens (a Vert.x timer: sub-second intervals are honoured).
     * A safety net: a committed write wakes the relay at once. Every tick is a transaction on the service's database, so it
     * is kept to a second: twelve idle instances polling ten times a second were a tenth of two cores.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Whether a committed write wakes the relay (else only the timer runs it). */
    @WithDefault("true")
    boolean wakeOnCommit();

    /**
     * How long the relay waits after a committed write wakes it before it runs a round, so that the writes of that moment
     * go out together: one request to the broker, one update marking them sent.
     */
    @WithDefault("5ms")
    Duration wakeDelay();

    /** Most events sent in one relay round. */
    @WithDefault("500")
    int batchSize();

    /** How long a round waits for the broker's acknowledgements before it gives up and retries later. */
    @WithDefault("45s")
    Duration ackTimeout();

    /** First pause after a failed round; doubles on each further failure up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** How long sent rows are kept (for audit and replay) before they are purged. */
    @WithDefault("7d")
    Duration retention();

    /** The CloudEvents source of this service, e.g. {@code /assessment-service}. */
    @WithDefault("/${quarkus.application.name}")
    String source();
}
