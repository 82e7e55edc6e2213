package uk.nhs.impact.gateway.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Locale;

/**
 * Requests that wait at the service by design, so the gateway's request timeout (how long a forwarded request may stay
 * silent) must not cut them short: a long-poll ({@code wait=} seconds, at most {@link #MAX_WAIT_SECONDS}) is given its wait
 * on top of the request timeout; a Server-Sent Events stream ({@code Accept: text/event-stream}) stays open while the
 * service keeps sending (its heartbeats arrive well within the stream idle timeout). Their answers stream through as they
 * come, like every answer.
 */
final class WaitingRequests {
    /** The longest long-poll a service offers; a larger {@code wait} is the service's to refuse, not the gateway's to honour. */
    static final int MAX_WAIT_SECONDS = 30;

    private WaitingRequests() {
    }

    /** How long the forwarded request may stay silent before the gateway answers 504 (or ends the stream). */
    static Duration idleTimeout(HttpServerRequest in, Duration requestTimeout, Duration streamIdleTimeout) {
        String accept = in.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
            return max(requestTimeout, streamIdleTimeout);
        }
        return requestTimeout.plusSeconds(waitSeconds(in.getParam("wait")));
    }

    static int waitSeconds(String wait) {
        if (wait == null) {
            return 0;
        }
        try {
            return Math.max(0, Math.min(MAX_WAIT_SECONDS, Integer.parseInt(wait.trim())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
