package uk.nhs.impact.stack.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import uk.nhs.impact.stack.KafkaBroker;
import uk.nhs.impact.stack.Ports;
import uk.nhs.impact.stack.PostgresServer;

/**
 * Starts the real servers a module's tests run against, in parallel, once per test JVM:
 * PostgreSQL (embedded binaries, or the server named by {@code IMPACT_TEST_JDBC_URL}) and a KRaft Kafka broker
 * in-process; Keycloak with the project realm is shared by every module of the build ({@link SharedKeycloak}).
 * Init arg {@code database} names the module's database.
 */
public class RealServersResource implements QuarkusTestResourceLifecycleManager {
    private static final Logger LOG = Logger.getLogger(RealServersResource.class.getName());
    public static final String REALM = "nhs-impact";

    private PostgresServer postgres;
    private KafkaBroker kafka;
    private String keycloakUrl;
    private String database = "impact";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        CompletableFuture<PostgresServer> pg = CompletableFuture.supplyAsync(() -> timed("PostgreSQL", this::startPostgres));
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(() -> timed("Kafka", () -> KafkaBroker.temporary().start()));
        CompletableFuture<String> kc = CompletableFuture.supplyAsync(() -> timed("Keycloak", this::keycloak));
        CompletableFuture.allOf(pg, broker, kc).exceptionally(t -> null).join();
        postgres = pg.getNow(null);
        kafka = broker.getNow(null);
        keycloakUrl = kc.getNow(null);
        if (postgres == null || kafka == null || keycloakUrl == null) {
            stop();
            throw new IllegalStateException("A test server did not start", firstFailure(pg, broker, kc));
        }

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.oidc.auth-server-url", keycloakUrl + "/realms/" + REALM);
        config.put("impact.test.keycloak-url", keycloakUrl);
        config.put("impact.test.realm", REALM);
        return config;
    }

    private PostgresServer startPostgres() {
        String external = System.getenv("IMPACT_TEST_JDBC_URL");
        PostgresServer server = external != null && !external.isBlank()
                ? PostgresServer.external(external, env("IMPACT_TEST_DB_USER", "postgres"), env("IMPACT_TEST_DB_PASSWORD", "postgres"))
                : PostgresServer.startEmbedded(null, Ports.free());
        return server.createDatabase(database);
    }

    /** The build's shared Keycloak (see {@link SharedKeycloak}): the first module's tests start it. */
    private String keycloak() {
        Path cache = Path.of(System.getProperty("impact.cache.dir", System.getProperty("user.home") + "/.cache/nhs-impact"));
        Path realm = repoRoot().resolve("deploy/keycloak/realm.json");
        return SharedKeycloak.url(cache, System.getProperty("keycloak.version", "26.7.3"), realm, REALM);
    }

    static Path repoRoot() {
        String configured = System.getProperty("impact.repo.root");
        Path dir = Path.of(configured != null ? configured : "").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/keycloak/realm.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("deploy/keycloak/realm.json not found above " + configured);
        }
        return dir;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static <T> T timed(String name, java.util.function.Supplier<T> start) {
        long t0 = System.nanoTime();
        T server = start.get();
        LOG.info(() -> String.format("%s started in %.1f s", name, (System.nanoTime() - t0) / 1e9));
        return server;
    }

    private static Throwable firstFailure(CompletableFuture<?>... futures) {
        for (CompletableFuture<?> f : futures) {
            if (f.isCompletedExceptionally()) {
                try {
                    f.join();
                } catch (Exception e) {
                    return e.getCause() != null ? e.getCause() : e;
                }
            }
        }
        return null;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
