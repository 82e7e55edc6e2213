package uk.nhs.impact.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The whole system started with the README's one command ({@code ./stack.sh start}) and stopped with {@code ./stack.sh stop}. */
final class RunningStack {
    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String KEYCLOAK = "http://127.0.0.1:18180";
    /** The gateway's management interface (health, metrics): loopback only, never routed. */
    static final String GATEWAY_MANAGEMENT = "http://127.0.0.1:9080";
    /** Every port a stack of up to two instances of each service listens on. */
    static final int[] PORTS = {8080, 8081, 8082, 8083, 8084, 8085, 9080, 9081, 9082, 9083, 9084, 9085, 15432, 19092, 18180,
            8181, 8182, 8183, 8184, 8185, 9181, 9182, 9183, 9184, 9185};
    /** The services' public ports (each one's management interface is 1000 above). */
    static final int[] SERVICE_PORTS = {8081, 8082, 8083, 8084, 8085};

    /** A service's management interface, e.g. {@code management(8084)} for the reporting service's (9084). */
    static String management(int servicePort) {
        return "http://127.0.0.1:" + (servicePort + 1000);
    }
    /** Gateway rate limits lifted, for tests that send thousands of requests from a few identities. */
    static final java.util.Map<String, String> LIFTED_RATE_LIMITS = java.util.Map.of("GATEWAY_RATE_PER_SECOND", "100000", "GATEWAY_RATE_BURST", "100000");
    /**
     * Tracing on, keeping only the traces a caller asks for (a sampled traceparent): the suite's load makes no spans, and
     * nothing collects them (there is no OTLP endpoint; the few spans asked for are dropped after the export fails).
     */
    static final java.util.Map<String, String> TRACING_ON_REQUEST = java.util.Map.of("OTEL_SDK_DISABLED", "false", "OTEL_TRACES_SAMPLER_ARG", "0");

    private final Path root;
    private final java.util.Map<String, String> environment;
    private final List<String> options;
    private Process launcher;
    private double secondsToHealthy;

    /**
     * A stack whose processes also see {@code environment} (e.g. lifted rate limits for a load test), started with
     * {@code options} after {@code ./stack.sh start}, e.g. {@code --instances 2}.
     */
    RunningStack(java.util.Map<String, String> environment, List<String> options) {
        this.root = Path.of(System.getProperty("impact.repo.root", "..")).toAbsolutePath().normalize();
        this.environment = environment;
        this.options = options;
    }

    Path root() {
        return root;
    }

    RunningStack start() throws IOException, InterruptedException {
        Path ready = root.resolve(".stack-data/ready");
        Files.deleteIfExists(ready);
        Path log = root.resolve("system-tests/target/stack.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(root.resolve("stack.sh").toString(), "start", "--no-build"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        launcher = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (!Files.exists(ready)) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("./stack.sh start exited with " + launcher.exitValue() + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stack not healthy within 6 minutes:\n" + Files.readString(log));
            }
            Thread.sleep(500);
        }
        secondsToHealthy = Double.parseDouble(Files.readString(ready).trim());
        System.out.printf("Stack healthy %.1f s after ./stack.sh start %s%n", secondsToHealthy, String.join(" ", options));
        return this;
    }

    double secondsToHealthy() {
        return secondsToHealthy;
    }

    /** Process ids the stack recorded (Kafka, services, gateway). */
    List<Long> childPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve(".stack-data/logs"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                pids.add(Long.parseLong(Files.readString(p).trim()));
            }
        }
        return pids;
    }

    /** Stops it with the stop command and returns the ports and processes still alive afterwards (should be none). */
    List<String> stopAndListLeftovers() throws IOException, InterruptedException {
        return stopAndListLeftovers(Processes.Restarted.NONE);
    }

    /**
     * As {@link #stopAndListLeftovers()}, for a stack some of whose parts a test stopped and started again itself. Those
     * the stack's stop does not know about are stopped first (SIGTERM, then SIGKILL after 30 s). Those it must stop by
     * itself (a restarted PostgreSQL) are left to it: any still alive 30 s after the stop is listed as a leftover, and only
     * then killed so that nothing outlives the run.
     */
    List<String> stopAndListLeftovers(Processes.Restarted restarted) throws IOException, InterruptedException {
        for (Process p : restarted.byTests()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        List<Long> pids = childPids();
        Process stop = new ProcessBuilder(root.resolve("stack.sh").toString(), "stop").directory(root.toFile()).inheritIO().start();
        if (!stop.waitFor(90, TimeUnit.SECONDS) || stop.exitValue() != 0) {
            throw new IllegalStateException("./stack.sh stop failed");
        }
        launcher.waitFor(60, TimeUnit.SECONDS);
        List<String> leftovers = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Process p : restarted.byTheStack()) {
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                leftovers.add("restarted process " + p.pid() + " " + p.info().command().orElse("") + " (not stopped by ./stack.sh stop)");
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (launcher.isAlive()) {
            leftovers.add("launcher " + launcher.pid());
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(h -> leftovers.add("process " + pid));
        }
        for (int port : PORTS) {
            if (listening(port)) {
                leftovers.add("port " + port);
            }
        }
        return leftovers;
    }

    /** Whether anything accepts connections on this loopback port. */
    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** Waits until {@code url} answers 200 (a process restarted by a test, or its readiness); fails after {@code timeout}. */
    static void awaitOk(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (io.restassured.RestAssured.given().baseUri(url).get().statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet (the client throws ConnectException without declaring it)
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " did not answer 200 within " + timeout);
    }
}
