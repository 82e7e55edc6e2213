package uk.nhs.impact.system;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml cannot run on a machine without Docker, so this reads it and checks it against the services'
 * own configuration: names, ports, environment keys, health checks and start order.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of(System.getProperty("impact.repo.root", "..")).toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+):([^}]*)}");
    private static final List<String> APPS = List.of("assessment-service", "survey-service", "baseline-service", "reporting-service", "gateway");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) doc.get("services");
    }

    /** Environment variables a module reads, with their defaults, from its application.properties. */
    private static Map<String, String> placeholders(String module) throws IOException {
        Map<String, String> found = new java.util.HashMap<>();
        Matcher m = PLACEHOLDER.matcher(Files.readString(ROOT.resolve(module + "/src/main/resources/application.properties")));
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return found;
    }

    @Test
    void holdsTheServersAndEveryModule() throws IOException {
        Set<String> expected = new HashSet<>(APPS);
        expected.addAll(List.of("postgres", "kafka", "keycloak"));
        assertEquals(expected, services().keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyModuleIsConfiguredWithKeysItReadsAndPortsItListensOn() throws IOException {
        for (String app : APPS) {
            Map<String, Object> service = services().get(app);
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            Map<String, String> known = placeholders(app);
            for (String key : env.keySet()) {
                assertTrue(known.containsKey(key), app + " does not read " + key + " (it reads " + known.keySet() + ")");
            }
            String port = env.get("HTTP_PORT").toString();
            assertEquals(known.get("HTTP_PORT"), port, app + " port differs from its application.properties default");
            assertEquals(List.of(port + ":" + port), service.get("ports"), app + " publishes another port");
            assertEquals(app, ((Map<String, Object>) service.get("build")).get("args") instanceof Map<?, ?> args ? args.get("MODULE") : null);
            assertNotNull(service.get("healthcheck"), app + " has no health check");
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
            dependsOn.values().forEach(c -> assertEquals("service_healthy", c.get("condition"), app + " starts before its dependencies are healthy"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void gatewayReachesEachServiceOnItsPortAndDatabasesExist() throws IOException {
        Map<String, Object> gatewayEnv = (Map<String, Object>) services().get("gateway").get("environment");
        String init = Files.readString(ROOT.resolve("deploy/postgres/init.sql"));
        for (String name : List.of("assessment", "survey", "baseline", "reporting")) {
            Map<String, Object> env = (Map<String, Object>) services().get(name + "-service").get("environment");
            assertEquals("http://" + name + "-service:" + env.get("HTTP_PORT"), gatewayEnv.get(name.toUpperCase() + "_URL"));
            assertTrue(env.get("DB_JDBC_URL").toString().endsWith("/" + name));
            assertTrue(init.contains("create database " + name + ";"), "init.sql does not create " + name);
        }
    }

    /**
     * Health, metrics and OpenAPI documents are on each module's management interface: its own port, loopback-only by
     * default, bound to all interfaces only inside a container, health-checked from inside it, never published to the
     * host; the gateway reads each service's readiness and document there.
     */
    @Test
    @SuppressWarnings("unchecked")
    void managementInterfacesAreHealthCheckedInsideAndNotPublished() throws IOException {
        for (String app : APPS) {
            Map<String, Object> service = services().get(app);
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            Map<String, String> known = placeholders(app);
            String properties = Files.readString(ROOT.resolve(app + "/src/main/resources/application.properties"));
            assertTrue(properties.contains("\nquarkus.management.enabled=true\n"), app + " has no management interface");
            assertEquals("127.0.0.1", known.get("MANAGEMENT_HOST"), app + "'s management interface is not loopback-only by default");
            assertEquals("0.0.0.0", String.valueOf(env.get("MANAGEMENT_HOST")), app + "'s management interface is unreachable in its container");
            String port = String.valueOf(env.get("MANAGEMENT_PORT"));
            assertEquals(known.get("MANAGEMENT_PORT"), port, app + " management port differs from its application.properties default");
            assertNotEquals(String.valueOf(env.get("HTTP_PORT")), port, app + " serves management on its public port");
            for (Object published : (List<Object>) service.get("ports")) {
                assertFalse(published.toString().matches("(.*:)?" + port + "(/tcp)?"), app + " publishes its management port: " + published);
            }
            String check = String.join(" ", (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test"));
            assertTrue(check.contains("http://127.0.0.1:" + port + "/q/health/ready"), app + " is not health-checked on its management port: " + check);
        }
        Map<String, Object> gatewayEnv = (Map<String, Object>) services().get("gateway").get("environment");
        for (String name : List.of("assessment", "survey", "baseline", "reporting")) {
            Map<String, Object> env = (Map<String, Object>) services().get(name + "-service").get("environment");
            assertEquals("http://" + name + "-service:" + env.get("MANAGEMENT_PORT"), gatewayEnv.get(name.toUpperCase() + "_MANAGEMENT_URL"),
                    "the gateway reads " + name + "'s readiness and OpenAPI document elsewhere");
        }
    }

    /** Acknowledged returns survive a crash there too: durable commits in PostgreSQL, each append flushed by the one broker. */
    @Test
    @SuppressWarnings("unchecked")
    void theServersAcknowledgeOnlyWhatIsOnDisk() throws IOException {
        String command = String.join(" ", (List<String>) services().get("postgres").get("command"));
        for (Map.Entry<String, String> setting : uk.nhs.impact.stack.PostgresServer.DURABLE.entrySet()) {
            assertTrue(command.contains("-c " + setting.getKey() + "=" + setting.getValue()), "postgres runs without " + setting + ": " + command);
        }
        Map<String, Object> kafka = (Map<String, Object>) services().get("kafka").get("environment");
        assertEquals("1", String.valueOf(kafka.get("KAFKA_LOG_FLUSH_INTERVAL_MESSAGES")), "the single broker acknowledges before flushing");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keycloakImportsTheSameRealmFileAsTheTestsAndTheLocalStack() throws IOException {
        List<String> volumes = (List<String>) services().get("keycloak").get("volumes");
        String source = volumes.get(0).split(":")[0];
        assertEquals("./deploy/keycloak/realm.json", source);
        assertTrue(Files.exists(ROOT.resolve(source)));
    }
}
