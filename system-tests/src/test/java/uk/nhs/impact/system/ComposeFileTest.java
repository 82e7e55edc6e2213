package uk.nhs.impact.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on a machine without Docker, so this reads it and checks it against the services'
 * own configuration: names, ports, environment keys, health checks and start order.
 */
class ComposeFileTest {
    private static final Path ROOT = ModuleConfig.ROOT;
    private static final List<String> APPS = List.of("assessment-service", "survey-service", "baseline-service", "reporting-service",
            "organisation-service", "gateway");
    private static final List<String> SERVICES = List.of("assessment", "survey", "baseline", "reporting", "organisation");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) doc.get("services");
    }

    /** A module's compose service, its environment there, and the keys (with defaults) its application.properties reads. */
    private record App(String name, Map<String, Object> service, Map<String, Object> env, Map<String, String> known) {
    }

    @SuppressWarnings("unchecked")
    private static List<App> apps() throws IOException {
        List<App> apps = new ArrayList<>();
        for (String app : APPS) {
            Map<String, Object> service = services().get(app);
            apps.add(new App(app, service, (Map<String, Object>) service.get("environment"), ModuleConfig.placeholders(app)));
        }
        return apps;
    }

    @Test
    void holdsTheServersAndEveryModule() throws IOException {
        Set<String> expected = new HashSet<>(APPS);
        expected.addAll(List.of("postgres", "kafka", "keycloak"));
        assertThat(services().keySet()).isEqualTo(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyModuleIsConfiguredWithKeysItReadsAndPortsItListensOn() throws IOException {
        for (App app : apps()) {
            assertThat(app.known()).as(app.name() + " does not read a key it is given").containsKeys(app.env().keySet().toArray(String[]::new));
            String port = app.env().get("HTTP_PORT").toString();
            assertThat(port).as(app.name() + " port differs from its application.properties default").isEqualTo(app.known().get("HTTP_PORT"));
            assertThat(app.service().get("ports")).as(app.name() + " publishes another port").isEqualTo(List.of(port + ":" + port));
            Object args = ((Map<String, Object>) app.service().get("build")).get("args");
            assertThat(args instanceof Map<?, ?> map ? map.get("MODULE") : null).isEqualTo(app.name());
            assertThat(app.service().get("healthcheck")).as(app.name() + " has no health check").isNotNull();
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) app.service().get("depends_on");
            assertThat(dependsOn.values()).as(app.name() + " starts before its dependencies are healthy")
                    .allSatisfy(c -> assertThat(c.get("condition")).isEqualTo("service_healthy"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void gatewayReachesEachServiceOnItsPortAndDatabasesExist() throws IOException {
        Map<String, Object> gatewayEnv = (Map<String, Object>) services().get("gateway").get("environment");
        String init = Files.readString(ROOT.resolve("deploy/postgres/init.sql"));
        for (String name : SERVICES) {
            Map<String, Object> env = (Map<String, Object>) services().get(name + "-service").get("environment");
            assertThat(gatewayEnv.get(name.toUpperCase() + "_URL")).isEqualTo("http://" + name + "-service:" + env.get("HTTP_PORT"));
            assertThat(env.get("DB_JDBC_URL").toString()).endsWith("/" + name);
            assertThat(init).as("init.sql does not create " + name).contains("create database " + name + ";");
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
        for (App app : apps()) {
            String properties = Files.readString(ROOT.resolve(app.name() + "/src/main/resources/application.properties"));
            assertThat(properties).as(app.name() + " has no management interface").contains("\nquarkus.management.enabled=true\n");
            assertThat(app.known().get("MANAGEMENT_HOST")).as(app.name() + "'s management interface is not loopback-only by default")
                    .isEqualTo("127.0.0.1");
            assertThat(String.valueOf(app.env().get("MANAGEMENT_HOST"))).as(app.name() + "'s management interface is unreachable in its container")
                    .isEqualTo("0.0.0.0");
            String port = String.valueOf(app.env().get("MANAGEMENT_PORT"));
            assertThat(port).as(app.name() + " management port differs from its application.properties default")
                    .isEqualTo(app.known().get("MANAGEMENT_PORT"));
            assertThat(port).as(app.name() + " serves management on its public port").isNotEqualTo(String.valueOf(app.env().get("HTTP_PORT")));
            assertThat((List<Object>) app.service().get("ports")).as(app.name() + " publishes its management port")
                    .noneMatch(published -> published.toString().matches("(.*:)?" + port + "(/tcp)?"));
            String check = String.join(" ", (List<String>) ((Map<String, Object>) app.service().get("healthcheck")).get("test"));
            assertThat(check).as(app.name() + " is not health-checked on its management port").contains("http://127.0.0.1:" + port + "/q/health/ready");
        }
        Map<String, Object> gatewayEnv = (Map<String, Object>) services().get("gateway").get("environment");
        for (String name : SERVICES) {
            Map<String, Object> env = (Map<String, Object>) services().get(name + "-service").get("environment");
            assertThat(gatewayEnv.get(name.toUpperCase() + "_MANAGEMENT_URL")).as("the gateway reads " + name + "'s readiness and OpenAPI document elsewhere")
                    .isEqualTo("http://" + name + "-service:" + env.get("MANAGEMENT_PORT"));
        }
    }

    /** Acknowledged returns survive a crash there too: durable commits in PostgreSQL, each append flushed by the one broker. */
    @Test
    @SuppressWarnings("unchecked")
    void theServersAcknowledgeOnlyWhatIsOnDisk() throws IOException {
        String command = String.join(" ", (List<String>) services().get("postgres").get("command"));
        for (Map.Entry<String, String> setting : uk.nhs.impact.stack.PostgresServer.DURABLE.entrySet()) {
            assertThat(command).as("postgres runs without " + setting).contains("-c " + setting.getKey() + "=" + setting.getValue());
        }
        Map<String, Object> kafka = (Map<String, Object>) services().get("kafka").get("environment");
        assertThat(String.valueOf(kafka.get("KAFKA_LOG_FLUSH_INTERVAL_MESSAGES"))).as("the single broker acknowledges before flushing").isEqualTo("1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keycloakImportsTheSameRealmFileAsTheTestsAndTheLocalStack() throws IOException {
        List<String> volumes = (List<String>) services().get("keycloak").get("volumes");
        String source = volumes.get(0).split(":")[0];
        assertThat(source).isEqualTo("./deploy/keycloak/realm.json");
        assertThat(ROOT.resolve(source)).exists();
    }
}
