package uk.nhs.impact.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import uk.nhs.impact.stack.Ports;

/**
 * A stand-in downstream service on 127.0.0.1 that reports what reached it (method, path, query, headers, body size) and
 * has a slow path; like a service, it answers health and OpenAPI on a management port of its own, while its main port
 * answers anything under {@code /q/} with a marker a test can look for (the gateway must never forward there). Plus a
 * port nothing listens on, and a service of two instances ("pair") whose second one a test can make not ready.
 */
public class DownstreamStubResource implements QuarkusTestResourceLifecycleManager {
    /** What the stub's main port answers to any {@code /q/} path, so a test can tell the gateway forwarded it. */
    static final String LEAKED = "management path forwarded to the service";
    /** Whether the second of the two instances of the "pair" service says it is ready. */
    static final AtomicBoolean PAIR_B_READY = new AtomicBoolean(true);
    private HttpServer server;
    private HttpServer management;
    private final List<HttpServer> pair = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            management = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        management.setExecutor(Executors.newFixedThreadPool(2));
        management.createContext("/q/health/ready", ex -> reply(ex, 200, """
                {"status":"UP"}"""));
        management.createContext("/q/openapi", ex -> reply(ex, 200, """
                {"openapi":"3.1.0","info":{"title":"Echo","version":"1"},"tags":[{"name":"Echo"}],
                 "paths":{"/api/v1/echo/things":{"get":{"tags":["Echo"],"responses":{"200":{"description":"ok",
                 "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},
                 "components":{"schemas":{"Thing":{"type":"object"}}}}"""));
        server.createContext("/api/v1/echo/slow", ex -> {
            sleep(4000);
            reply(ex, 200, """
                    {"slow":true}""");
        });
        // a long-poll that answers after longer than the gateway's request timeout, and an SSE stream with a pause in it
        server.createContext("/api/v1/echo/long-poll", ex -> {
            sleep(3000);
            reply(ex, 200, """
                    {"items":[],"waited":true}""");
        });
        server.createContext("/api/v1/echo/stream", DownstreamStubResource::stream);
        server.createContext("/api/v1/echo", this::echo);
        server.createContext("/q/", ex -> reply(ex, 200, new JsonObject().put("marker", LEAKED).encode()));
        server.start();
        management.start();
        Map<String, String> ports = new HashMap<>(Map.of("impact.test.echo-port", Integer.toString(server.getAddress().getPort()),
                "impact.test.echo-management-port", Integer.toString(management.getAddress().getPort()),
                "impact.test.closed-port", Integer.toString(Ports.free())));
        ports.putAll(pairInstance("a", new AtomicBoolean(true)));
        ports.putAll(pairInstance("b", PAIR_B_READY));
        return ports;
    }

    /**
     * One instance of the two-instance "pair" service: its answers name it ({@code X-Instance}); its management interface
     * says it is ready while {@code ready} is set.
     */
    private Map<String, String> pairInstance(String name, AtomicBoolean ready) {
        try {
            HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            api.setExecutor(Executors.newFixedThreadPool(4));
            api.createContext("/api/v1/pair", ex -> {
                ex.getRequestBody().readAllBytes();
                ex.getResponseHeaders().add("X-Instance", name);
                reply(ex, 200, new JsonObject().put("instance", name).put("method", ex.getRequestMethod()).encode());
            });
            health.createContext("/q/health/ready", ex -> reply(ex, ready.get() ? 200 : 503, ready.get() ? """
                    {"status":"UP"}""" : """
                    {"status":"DOWN"}"""));
            health.createContext("/q/openapi", ex -> reply(ex, 200, """
                    {"openapi":"3.1.0","info":{"title":"Pair","version":"1"},"paths":{}}"""));
            api.start();
            health.start();
            pair.add(api);
            pair.add(health);
            return Map.of("impact.test.pair-" + name + "-port", Integer.toString(api.getAddress().getPort()),
                    "impact.test.pair-" + name + "-management-port", Integer.toString(health.getAddress().getPort()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void echo(HttpExchange ex) throws IOException {
        long size = 0;
        try (InputStream in = ex.getRequestBody()) {
            byte[] buf = new byte[65536];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                size += n;
            }
        }
        String json = new JsonObject()
                .put("method", ex.getRequestMethod())
                .put("path", ex.getRequestURI().getPath())
                .put("query", String.valueOf(ex.getRequestURI().getRawQuery()))
                .put("authorization", header(ex, "Authorization"))
                .put("requestId", header(ex, "X-Request-Id"))
                .put("traceparent", header(ex, "traceparent"))
                .put("forwardedFor", header(ex, "X-Forwarded-For"))
                .put("bodyBytes", size)
                .encode();
        ex.getResponseHeaders().add("X-Downstream", "echo");
        reply(ex, 200, json);
    }

    private static void stream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        var out = ex.getResponseBody();
        out.write("id: 1\ndata: first\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        sleep(3000);
        out.write("id: 2\ndata: second\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        ex.close();
    }

    private static String header(HttpExchange ex, String name) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null ? "" : v;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (management != null) {
            management.stop(0);
        }
        pair.forEach(p -> p.stop(0));
    }
}
