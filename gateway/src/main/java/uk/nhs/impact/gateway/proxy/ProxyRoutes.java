package uk.nhs.impact.gateway.proxy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.URI;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import uk.nhs.impact.gateway.CorrelationIds;
import uk.nhs.impact.gateway.GatewayConfig;
import uk.nhs.impact.gateway.Problems;
import uk.nhs.impact.gateway.ratelimit.RateLimiter;

/**
 * Forwards {@code /api/v1/...} to the owning service after the token has been verified (signature, issuer, audience,
 * expiry) and the client's rate allows it. Bodies stream through in both directions (answers chunk by chunk as the service
 * writes them, so a long-poll or an SSE stream reaches the caller as it happens); the caller's token and correlation id go
 * with the request.
 */
public class ProxyRoutes {
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    private static final String TRACEPARENT = "traceparent";
    private static final Set<String> HOP_BY_HOP = caseInsensitive("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

    @Inject
    GatewayConfig config;
    @Inject
    Downstreams downstreams;
    @Inject
    RateLimiter rateLimiter;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::authenticationFailure);
        router.route("/api/v1/*").handler(this::forward);
    }

    private void authenticationFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException || ctx.statusCode() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            Problems.send(ctx, 401, "unauthorized", "Unauthorized", "A valid bearer token from the NHS IMPACT realm is required");
        } else {
            ctx.next();
        }
    }

    void forward(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        in.pause();
        String correlationId = CorrelationIds.of(ctx);
        ctx.response().putHeader(CorrelationIds.HEADER, correlationId);

        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        boolean anonymous = identity == null || identity.isAnonymous();
        // every client has a bucket: a token's subject, or for calls without a valid token the caller's address
        RateLimiter.Decision rate = rateLimiter.acquire(anonymous
                ? "address:" + (in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress())
                : clientOf(identity));
        ctx.response().putHeader("RateLimit-Limit", Integer.toString(rate.limit()))
                .putHeader("RateLimit-Remaining", Long.toString(rate.remaining()))
                .putHeader("RateLimit-Reset", Long.toString(rate.resetSeconds()));
        if (!rate.allowed()) {
            ctx.response().putHeader("Retry-After", Long.toString(rate.retryAfterSeconds()));
            Problems.send(ctx, 429, "too-many-requests", "Too many requests",
                    "This client has sent more requests than its rate allows; retry after " + rate.retryAfterSeconds() + " s");
            return;
        }
        if (anonymous) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            Problems.send(ctx, 401, "unauthorized", "Unauthorized", "A valid bearer token from the NHS IMPACT realm is required");
            return;
        }
        // route on, and forward, the path the router matched (dot segments removed, unreserved characters decoded), so a
        // service never resolves a path to something other than what the gateway chose to route
        String path = ctx.normalizedPath();
        boolean fhir = FhirRoutes.isFhir(path);
        String service = fhir ? FhirRoutes.serviceFor(path, in.query()) : downstreams.serviceFor(path).orElse(null);
        if (service == null) {
            Problems.send(ctx, 404, "not-found", "Not found", "No service answers " + path);
            return;
        }
        long max = config.maxBodySize().asLongValue();
        String declared = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > max) {
            Problems.send(ctx, 413, "payload-too-large", "Payload too large", "Request bodies are limited to " + max + " bytes");
            return;
        }

        String traceparent = traceparent();
        if (fhir && FhirRoutes.routedByBody(in.method(), path)) {
            // a FHIR create names its service only in its body: read it (within the limit), then forward it whole
            in.body().onComplete(read -> {
                if (read.failed() || read.result().length() > max) {
                    Problems.send(ctx, read.failed() ? 400 : 413, read.failed() ? "bad-request" : "payload-too-large",
                            read.failed() ? "Bad request" : "Payload too large",
                            read.failed() ? "The request body could not be read" : "Request bodies are limited to " + max + " bytes");
                    return;
                }
                Buffer body = read.result();
                send(ctx, FhirRoutes.serviceForBody(body), new HashSet<>(), path, correlationId, traceparent, Long.toString(body.length()), max,
                        body);
            });
            in.resume();
            return;
        }
        send(ctx, service, new HashSet<>(), path, correlationId, traceparent, declared, max, null);
    }

    /**
     * The W3C trace context the service gets: the gateway's own span for this request (a child of the caller's, when the
     * caller sent one), so the service's spans join the caller's trace under the gateway's; null when tracing is off.
     */
    private static String traceparent() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex() : null;
    }

    /**
     * Forwards the request to the next instance of the service not yet tried. When no connection to it can be opened
     * (nothing was sent), the instance is set aside and the next one is tried; a read ({@code GET}, {@code HEAD}) that
     * fails before any answer (but not for a timeout) is tried on another instance too. Anything else that fails is answered 502, 503
     * or 504 for the client to retry (with its Idempotency-Key or If-Match, so a repeated write is not applied twice).
     */
    private void send(RoutingContext ctx, String service, Set<ServiceInstances.Instance> tried, String path, String correlationId,
            String traceparent, String declared, long max, Buffer buffered) {
        HttpServerRequest in = ctx.request();
        ServiceInstances instances = downstreams.instancesOf(service);
        ServiceInstances.Instance instance = instances.next(tried);
        tried.add(instance);
        boolean another = tried.size() < instances.all().size();
        URI base = instance.base();
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(base.getHost()).setPort(base.getPort())
                .setURI(in.query() == null ? path : path + "?" + in.query())
                .setIdleTimeout(WaitingRequests.idleTimeout(in, config.requestTimeout(), config.streamIdleTimeout()).toMillis());
        downstreams.forwardingClient().request(options).onComplete(opened -> {
            if (opened.failed()) {
                if (another && isConnectFailure(opened.cause())) {
                    setAside(service, instance, opened.cause());
                    send(ctx, service, tried, path, correlationId, traceparent, declared, max, buffered);
                } else {
                    downstreamFailure(ctx, service, opened.cause());
                }
                return;
            }
            HttpClientRequest out = opened.result();
            copyHeaders(in.headers(), out.headers());
            out.putHeader(CorrelationIds.HEADER, correlationId);
            if (traceparent != null) {
                out.headers().set(TRACEPARENT, traceparent);
            }
            out.putHeader("X-Forwarded-For", in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress());
            out.putHeader("X-Forwarded-Proto", in.scheme());
            if (in.authority() != null) {
                out.putHeader("X-Forwarded-Host", in.authority().toString());
            }
            boolean hasBody = declared != null || in.headers().contains(HttpHeaders.TRANSFER_ENCODING);
            if (declared != null) {
                out.putHeader(HttpHeaders.CONTENT_LENGTH, declared);
            }
            LimitedBody body = buffered == null ? new LimitedBody(in, max) : null;
            (buffered != null ? out.send(buffered) : hasBody ? out.send(body) : out.send()).onComplete(answered -> {
                if (answered.failed()) {
                    if (body != null && body.exceeded()) {
                        Problems.send(ctx, 413, "payload-too-large", "Payload too large", "Request bodies are limited to " + max + " bytes");
                    } else if (another && !hasBody && isRead(in.method()) && !isTimeout(answered.cause()) && !ctx.response().headWritten()) {
                        setAside(service, instance, answered.cause());
                        send(ctx, service, tried, path, correlationId, traceparent, declared, max, buffered);
                    } else {
                        downstreamFailure(ctx, service, answered.cause());
                    }
                    return;
                }
                relay(answered.result(), ctx.response(), correlationId);
            });
            if (!hasBody && buffered == null) {
                in.resume();
            }
        });
    }

    private void setAside(String service, ServiceInstances.Instance instance, Throwable cause) {
        if (instance.ready()) {
            LOG.warnf("%s instance %s failed (%s): sending its requests to the others until it is ready again", service, instance, cause.toString());
        }
        instance.ready(false);
    }

    private static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    private void relay(HttpClientResponse from, HttpServerResponse to, String correlationId) {
        to.setStatusCode(from.statusCode());
        copyHeaders(from.headers(), to.headers());
        to.putHeader(CorrelationIds.HEADER, correlationId);
        String length = from.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            to.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else {
            to.setChunked(true);
        }
        // fails when the client goes away mid-answer: nothing is left to tell it
        to.send(from).onFailure(e -> LOG.debugf("[%s] answer not relayed to the client: %s", correlationId, e.toString()));
    }

    private void downstreamFailure(RoutingContext ctx, String service, Throwable cause) {
        if (isConnectFailure(cause)) {
            LOG.warnf("[%s] %s service unavailable: %s", CorrelationIds.of(ctx), service, cause.toString());
            ctx.response().putHeader("Retry-After", "5");
            Problems.send(ctx, 503, "service-unavailable", "Service unavailable",
                    "The " + service + " service is not reachable; try again shortly");
        } else if (isTimeout(cause)) {
            LOG.warnf("[%s] %s service timed out: %s", CorrelationIds.of(ctx), service, cause.toString());
            Problems.send(ctx, 504, "gateway-timeout", "Gateway timeout",
                    "The " + service + " service did not answer within " + config.requestTimeout().toSeconds() + " s");
        } else {
            LOG.warnf("[%s] %s service failed: %s", CorrelationIds.of(ctx), service, cause.toString());
            Problems.send(ctx, 502, "bad-gateway", "Bad gateway", "The " + service + " service gave no valid answer");
        }
    }

    private static boolean isConnectFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c.getClass().getName().endsWith("ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c.getClass().getSimpleName().contains("Timeout")
                    || (c.getMessage() != null && c.getMessage().toLowerCase(Locale.ROOT).contains("timeout"))) {
                return true;
            }
        }
        return false;
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(e -> {
            if (!HOP_BY_HOP.contains(e.getKey())) {
                to.add(e.getKey(), e.getValue());
            }
        });
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }

    private static String clientOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
