package uk.nhs.impact.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on one machine without Docker: PostgreSQL (data kept in {@code .stack-data/postgres}), a Kafka broker
 * in its own JVM, Keycloak with the realm, the five services and the gateway. Runs until Ctrl-C or {@code stack.sh stop},
 * then stops everything it started.
 */
public final class LocalStack {
    static final int PG_PORT = 15432;
    static final int KAFKA_PORT = 19092;
    static final int KAFKA_CONTROLLER_PORT = 19093;
    static final int KEYCLOAK_PORT = 18180;
    static final int GATEWAY_PORT = 8080;
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>(Map.of(
            "assessment", 8081, "survey", 8082, "baseline", 8083, "reporting", 8084, "organisation", 8085));
    /** Management interfaces (health, metrics, each service's own OpenAPI document): loopback only, never routed. */
    static final int GATEWAY_MANAGEMENT_PORT = 9080;
    static final Map<String, Integer> MANAGEMENT = Map.of("assessment", 9081, "survey", 9082, "baseline", 9083, "reporting", 9084, "organisation",
            9085);

    /** Instance {@code n} (from 1) of a service listens on its port plus {@value}·(n-1), its management interface likewise. */
    static final int INSTANCE_PORT_STEP = 100;
    static final int MAX_INSTANCES = 9;

    private final Path root;
    private final Path data;
    private final int instances;
    private final List<Process> processes = new ArrayList<>();
    private PostgresServer postgres;
    private KeycloakServer keycloak;
    private final long started = System.nanoTime();
    private final ServiceJvm jvm = ServiceJvm.choose(System.getenv(), Path.of(System.getProperty("java.home")));

    private LocalStack(Path root, int instances) {
        this.root = root;
        this.data = root.resolve(".stack-data");
        this.instances = instances;
    }

    /** {@code --instances N}: how many instances of each service to run (1 unless given). */
    static int instances(List<String> args) {
        int at = args.indexOf("--instances");
        if (at < 0) {
            return 1;
        }
        try {
            int n = Integer.parseInt(args.get(at + 1));
            if (n >= 1 && n <= MAX_INSTANCES) {
                return n;
            }
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("--instances takes a number from 1 to " + MAX_INSTANCES);
    }

    /** The port of instance {@code n} (from 1) of whatever listens on {@code port} as instance 1. */
    static int port(int port, int n) {
        return port + INSTANCE_PORT_STEP * (n - 1);
    }

    /** The name of instance {@code n} of {@code module}, as its log and pid files are named: the first is the module's. */
    static String instanceName(String module, int n) {
        return n == 1 ? module : module + "-" + n;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int instances;
        try {
            instances = instances(java.util.Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(root, instances);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("\nThe stack did not start: " + e.getMessage());
            System.exit(1);
        }
        stack.printWelcome();
        if (java.util.Arrays.asList(args).contains("--demo-data")) {
            System.out.println("Loading the demo data set through the gateway ...");
            try {
                DemoData.load(root, "http://127.0.0.1:" + GATEWAY_PORT, stack.keycloak.url());
            } catch (IOException | RuntimeException e) {
                System.err.println("The demo data could not be loaded: " + e.getMessage());
            }
        }
        Thread.currentThread().join();
    }

    private void start() throws IOException {
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve("stack.pid"), Long.toString(ProcessHandle.current().pid()));
        Path cache = Path.of(System.getProperty("impact.cache.dir", System.getProperty("user.home") + "/.cache/nhs-impact"));

        step("PostgreSQL, Kafka and Keycloak");
        CompletableFuture<Void> pg = CompletableFuture.runAsync(() -> {
            postgres = PostgresServer.startEmbedded(data.resolve("postgres"), PG_PORT);
            SERVICES.keySet().forEach(postgres::createDatabase);
            done("PostgreSQL on 127.0.0.1:" + PG_PORT);
        });
        CompletableFuture<Void> kafka = CompletableFuture.runAsync(() -> {
            Process p = launch("kafka", List.of(java(), "-Xmx512m", "-cp", kafkaClasspath(), KafkaBroker.class.getName(),
                    data.resolve("kafka").toString(), Integer.toString(KAFKA_PORT), Integer.toString(KAFKA_CONTROLLER_PORT)), Map.of());
            awaitLog(p, data.resolve("logs/kafka.log"), "Kafka ready", Duration.ofSeconds(120));
            done("Kafka on 127.0.0.1:" + KAFKA_PORT);
        });
        CompletableFuture<Void> kc = CompletableFuture.runAsync(() -> {
            keycloak = KeycloakServer.start(cache, System.getProperty("keycloak.version", "26.7.3"),
                    root.resolve("deploy/keycloak/realm.json"), "nhs-impact", KEYCLOAK_PORT, data.resolve("keycloak"));
            try {
                Files.writeString(data.resolve("logs/keycloak.pid"), Long.toString(keycloak.pid()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done("Keycloak on " + keycloak.url() + " (admin console: admin / admin, development only)");
        });
        CompletableFuture.allOf(pg, kafka, kc).join();

        step("services (Java " + jvm.javaHome() + (jvm.aotCache() ? ", ahead-of-time cache per build" : "") + ")");
        Map<String, String> common = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + KAFKA_PORT,
                "OIDC_AUTH_SERVER_URL", "http://127.0.0.1:" + KEYCLOAK_PORT + "/realms/nhs-impact",
                "DB_USER", "postgres", "DB_PASSWORD", "postgres");
        List<CompletableFuture<Void>> services = new ArrayList<>();
        SERVICES.forEach((name, port) -> {
            // each service's first instance (which writes an ahead-of-time cache if one is due), then the others together
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> startService(name, 1, common));
            for (int n = 2; n <= instances; n++) {
                int instance = n;
                services.add(first.thenRunAsync(() -> startService(name, instance, common)));
            }
            services.add(first);
        });
        CompletableFuture.allOf(services.toArray(CompletableFuture[]::new)).join();

        step("gateway");
        Map<String, String> gatewayEnv = new LinkedHashMap<>(common);
        gatewayEnv.put("HTTP_PORT", Integer.toString(GATEWAY_PORT));
        gatewayEnv.put("MANAGEMENT_PORT", Integer.toString(GATEWAY_MANAGEMENT_PORT));
        gatewayEnv.put("MANAGEMENT_HOST", "127.0.0.1");
        SERVICES.forEach((name, port) -> {
            List<String> urls = new ArrayList<>();
            List<String> managementUrls = new ArrayList<>();
            for (int n = 1; n <= instances; n++) {
                urls.add("http://127.0.0.1:" + port(port, n));
                managementUrls.add("http://127.0.0.1:" + port(MANAGEMENT.get(name), n));
            }
            gatewayEnv.put(name.toUpperCase() + "_URL", String.join(",", urls));
            gatewayEnv.put(name.toUpperCase() + "_MANAGEMENT_URL", String.join(",", managementUrls));
        });
        startQuarkusApp("gateway", "gateway", gatewayEnv, "http://127.0.0.1:" + GATEWAY_MANAGEMENT_PORT);
        done("gateway on http://127.0.0.1:" + GATEWAY_PORT + " (management 127.0.0.1:" + GATEWAY_MANAGEMENT_PORT + ")");
        Files.writeString(data.resolve("ready"), String.format("%.1f%n", (System.nanoTime() - started) / 1e9));
    }

    /** Starts instance {@code n} of a service on its own ports, with the same database and Kafka as the others. */
    private void startService(String name, int n, Map<String, String> common) {
        int port = port(SERVICES.get(name), n);
        int management = port(MANAGEMENT.get(name), n);
        Map<String, String> env = new LinkedHashMap<>(common);
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(management));
        env.put("MANAGEMENT_HOST", "127.0.0.1");
        env.put("DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + name);
        env.put("DB_REACTIVE_URL", "postgresql://127.0.0.1:" + PG_PORT + "/" + name);
        String instance = instanceName(name + "-service", n);
        startQuarkusApp(name + "-service", instance, env, "http://127.0.0.1:" + management);
        done(instance + " on http://127.0.0.1:" + port + " (management 127.0.0.1:" + management + ")");
    }

    private Process launch(String name, List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(data.resolve("logs/" + name + ".log").toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            synchronized (processes) {
                processes.add(p);
            }
            Files.writeString(data.resolve("logs/" + name + ".pid"), Long.toString(p.pid()));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /**
     * Starts {@code module}'s Quarkus application on {@link #jvm} and waits until it is ready. On a Java with ahead-of-time
     * caches, a build without its cache is first started once as a training run that writes it (see {@link ServiceJvm}).
     */
    private void startQuarkusApp(String module, String name, Map<String, String> env, String managementUrl) {
        Path jar = root.resolve(module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        List<String> extra = List.of();
        if (jvm.aotCache()) {
            Path cache = jvm.cacheFile(jar.getParent());
            if (!Files.exists(cache)) {
                train(module, jar, cache, env, managementUrl);
            }
            if (Files.exists(cache)) {
                extra = List.of("-XX:AOTCache=" + cache);
            }
        }
        awaitReady(launch(name, jvm.command(jar, extra), env), name, managementUrl);
    }

    /**
     * The training run: the application started with {@code -XX:AOTCacheOutput}, stopped once ready; the JVM writes the
     * cache as it exits. Written under a temporary name and moved into place, so a cache that exists is complete.
     */
    private void train(String module, Path jar, Path cache, Map<String, String> env, String managementUrl) {
        Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
        ServiceJvm.removeOtherCaches(cache);
        Process p = launch(module + "-training", jvm.command(jar, List.of("-XX:AOTCacheOutput=" + partial)), env);
        try {
            awaitReady(p, module + "-training", managementUrl);
        } catch (IllegalStateException e) {
            p.destroyForcibly();
            System.out.println("  " + module + ": the training run failed, starting without an ahead-of-time cache (" + e.getMessage() + ")");
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (Files.exists(partial)) {
                Files.move(partial, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                ServiceJvm.removeOtherCaches(cache);
            } else {
                System.out.println("  " + module + ": no ahead-of-time cache was written (see .stack-data/logs/" + module + "-training.log)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the ahead-of-time cache of " + module, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String kafkaClasspath() {
        try {
            Path stack = root.resolve("stack/target");
            return Files.readString(stack.resolve("classpath.txt")).trim() + File.pathSeparator + stack.resolve("classes");
        } catch (IOException e) {
            throw new UncheckedIOException("stack/target/classpath.txt is missing: build first", e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits for {@code /q/health/ready} on the process's management interface ({@code managementUrl}). */
    private void awaitReady(Process p, String name, String managementUrl) {
        String log = ".stack-data/logs/" + name + ".log";
        if (!UrlProbe.answers(p, URI.create(managementUrl + "/q/health/ready"), Duration.ofMinutes(3), Duration.ofSeconds(3), 300,
                exit -> name + " exited; see " + log)) {
            throw new IllegalStateException(name + " was not ready within 3 minutes; see " + log);
        }
    }

    private static void awaitLog(Process p, Path log, String line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("process exited; see " + log);
            }
            try {
                if (Files.exists(log) && Files.readString(log).contains(line)) {
                    return;
                }
            } catch (IOException | UncheckedIOException partial) {
                // log still being written
            }
            sleep(200);
        }
        throw new IllegalStateException("not ready within " + timeout + "; see " + log);
    }

    private void printWelcome() {
        System.out.printf("%nAll healthy in %.1f s.%n%n", (System.nanoTime() - started) / 1e9);
        if (instances > 1) {
            System.out.printf("  %d instances of each service: instance n on its ports plus %d·(n-1), e.g. assessment 8081, 8181, ...;%n"
                    + "  the gateway sends each request to a ready one in turn.%n%n", instances, INSTANCE_PORT_STEP);
        }
        System.out.println("""
                  Gateway          http://127.0.0.1:8080/api/v1/...
                  Swagger UI       http://127.0.0.1:8080/q/swagger-ui   (one OpenAPI: /api/openapi.json)
                  Keycloak         http://127.0.0.1:18180               (realm nhs-impact)
                  Management       127.0.0.1:9080 gateway, 9081-9085 services: /q/health, /q/metrics, /q/openapi
                                   (loopback only; ./stack.sh status shows the gateway's readiness)
                  Logs             .stack-data/logs/

                Demo users (development only), realm nhs-impact, client impact-cli:
                  trust.lead / dev-only-Trust-1          RHA  submitter, viewer
                  icb.oversight / dev-only-Icb-1         QT1  icb-oversight, submitter, viewer
                  region.analyst / dev-only-Region-1     Y60  region-analyst, viewer
                  national.analyst / dev-only-National-1 X24  national-analyst
                  instrument.admin / dev-only-Admin-1    X24  instrument-admin

                A first call:
                  TOKEN=$(curl -s -d grant_type=password -d client_id=impact-cli -d username=trust.lead \\
                    -d password=dev-only-Trust-1 http://127.0.0.1:18180/realms/nhs-impact/protocol/openid-connect/token \\
                    | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/assessment-instruments

                Ctrl-C (or ./stack.sh stop) stops everything.
                """);
    }

    private void stop() {
        List<Process> running;
        synchronized (processes) {
            running = new ArrayList<>(processes);
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).destroy();
        }
        for (Process p : running) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (keycloak != null) {
            keycloak.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try {
            Files.deleteIfExists(data.resolve("ready"));
            Files.deleteIfExists(data.resolve("stack.pid"));
        } catch (IOException ignored) {
            // best effort
        }
        System.out.println("Stack stopped.");
    }

    private static void step(String what) {
        System.out.println("Starting " + what + " ...");
    }

    private static void done(String what) {
        System.out.println("  ready: " + what);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
