package uk.nhs.impact.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests ({@code deploy/kubernetes}, rendered as {@code kubectl apply -k} would) against the schemas of
 * Kubernetes and of the operators they use, offline, and against the services' own configuration: names, ports,
 * environment, secrets, databases, topics and the realm.
 */
class KubernetesManifestsTest {
    private static final Path KUBERNETES = ModuleConfig.ROOT.resolve("deploy/kubernetes");
    private static final List<String> SERVICES = List.of("assessment", "survey", "baseline", "reporting", "organisation");
    /** Read by the image's entry point (deploy/docker/Dockerfile.jvm), not by the application's configuration. */
    private static final Set<String> IMAGE_ENV = Set.of("JAVA_OPTS");
    private static ManifestSchemas schemas;
    private static List<ObjectNode> base;

    @BeforeAll
    static void render() throws IOException {
        schemas = new ManifestSchemas(KUBERNETES.resolve("schemas"));
        base = Kustomization.render(KUBERNETES.resolve("base"));
    }

    @Test
    void everyManifestOfTheBaseAndOfEachOverlayIsValidAgainstThePublishedSchemas() throws IOException {
        List<Path> overlays;
        try (var dirs = Files.list(KUBERNETES.resolve("overlays"))) {
            overlays = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(overlays).isNotEmpty();
        Map<String, List<String>> problems = new HashMap<>();
        List<List<ObjectNode>> renders = new ArrayList<>(List.of(base));
        for (Path overlay : overlays) {
            renders.add(Kustomization.render(overlay));
        }
        Set<String> kinds = new TreeSet<>();
        for (List<ObjectNode> docs : renders) {
            for (ObjectNode doc : docs) {
                kinds.add(doc.path("apiVersion").asText() + " " + doc.path("kind").asText());
                var errors = schemas.validate(doc);
                if (!errors.isEmpty()) {
                    problems.put(Kustomization.name(doc), errors.stream().map(Object::toString).toList());
                }
            }
        }
        assertThat(problems).as("manifests that do not match their schema").isEmpty();
        assertThat(kinds).contains("apps/v1 Deployment", "v1 Service", "policy/v1 PodDisruptionBudget", "autoscaling/v2 HorizontalPodAutoscaler",
                "networking.k8s.io/v1 NetworkPolicy", "networking.k8s.io/v1 Ingress", "kafka.strimzi.io/v1beta2 Kafka",
                "kafka.strimzi.io/v1beta2 KafkaTopic", "postgresql.cnpg.io/v1 Cluster", "k8s.keycloak.org/v2alpha1 Keycloak",
                "k8s.keycloak.org/v2alpha1 KeycloakRealmImport");
    }

    /** The check can fail: a wrong type, an unknown field, a value under its minimum and one outside its enumeration. */
    @Test
    void theSchemasRefuseWhatTheClusterWouldRefuse() throws IOException {
        ObjectNode deployment = one("Deployment", "gateway").deepCopy();
        ((ObjectNode) deployment.get("spec")).put("replicas", "two");
        assertThat(schemas.validate(deployment)).as("replicas as text").isNotEmpty();
        deployment = one("Deployment", "gateway").deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolcy", "Always");
        assertThat(schemas.validate(deployment)).as("a misspelt field").isNotEmpty();
        ObjectNode cluster = one("Cluster", "survey-db").deepCopy();
        ((ObjectNode) cluster.get("spec")).put("instances", 0);
        assertThat(schemas.validate(cluster)).as("a cluster of no instances").isNotEmpty();
        ObjectNode kafka = one("Kafka", "impact-kafka").deepCopy();
        ((ObjectNode) kafka.at("/spec/kafka/listeners/0")).put("type", "public");
        assertThat(schemas.validate(kafka)).as("a listener type Strimzi does not have").isNotEmpty();
        ObjectNode realm = one("KeycloakRealmImport", "nhs-impact-realm").deepCopy();
        ((ObjectNode) realm.get("spec")).remove("keycloakCRName");
        assertThat(schemas.validate(realm)).as("a realm import for no Keycloak").isNotEmpty();
    }

    @Test
    void eachApplicationRunsWithTheEnvironmentItsConfigurationReadsAndProbesOnItsManagementPort() throws IOException {
        for (String module : apps()) {
            ObjectNode deployment = one("Deployment", module);
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            Map<String, JsonNode> env = env(container);
            Set<String> unknown = new TreeSet<>(env.keySet());
            unknown.removeAll(ModuleConfig.placeholders(module).keySet());
            unknown.removeAll(IMAGE_ENV);
            assertThat(unknown).as(module + ": environment its configuration does not read").isEmpty();
            assertThat(value(env, "HTTP_PORT")).isEqualTo(Integer.toString(port(container, "http")));
            assertThat(value(env, "MANAGEMENT_PORT")).isEqualTo(Integer.toString(port(container, "management")));
            assertThat(value(env, "HTTP_HOST")).isEqualTo("0.0.0.0");
            assertThat(value(env, "MANAGEMENT_HOST")).isEqualTo("0.0.0.0");
            assertThat(container.at("/image").asText()).startsWith("nhs-impact/" + module + ":");
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(module + " " + probe).isEqualTo("management");
                assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(module + " " + probe).startsWith("/q/health/");
            }
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            for (String bound : List.of("requests", "limits")) {
                assertThat(container.at("/resources/" + bound + "/memory").asText()).as(module + " memory " + bound).isNotEmpty();
                assertThat(container.at("/resources/" + bound + "/cpu").asText()).as(module + " cpu " + bound).isNotEmpty();
            }
            String podName = deployment.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText();
            assertThat(deployment.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo(podName).isEqualTo(module);
            ObjectNode service = one("Service", module);
            assertThat(service.at("/spec/selector/app.kubernetes.io~1name").asText()).isEqualTo(module);
            for (JsonNode p : service.at("/spec/ports")) {
                assertThat(port(container, p.get("targetPort").asText())).as(module + " Service port " + p.get("name")).isPositive();
            }
            assertThat(
                    all("PodDisruptionBudget").stream().anyMatch(pdb -> module.equals(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText())))
                    .as(module + " has a disruption budget").isTrue();
        }
        for (ObjectNode hpa : all("HorizontalPodAutoscaler")) {
            one("Deployment", hpa.at("/spec/scaleTargetRef/name").asText());
        }
    }

    @Test
    void secretsAreReferencedNeverWrittenAndEachIsMadeByAnOperatorOrListedForTheOperators() throws IOException {
        assertThat(all("Secret")).as("Secrets written into the manifests").isEmpty();
        Set<String> made = new HashSet<>();
        all("Cluster").forEach(c -> made.add(c.at("/metadata/name").asText() + "-app"));
        String readme = Files.readString(KUBERNETES.resolve("README.md"));
        Set<String> referenced = new TreeSet<>();
        for (ObjectNode doc : base) {
            collect(doc, "secretKeyRef", referenced);
        }
        all("Keycloak").forEach(k -> {
            referenced.add(k.at("/spec/db/usernameSecret/name").asText());
            referenced.add(k.at("/spec/db/passwordSecret/name").asText());
            referenced.add(k.at("/spec/http/tlsSecret").asText());
        });
        all("Ingress").forEach(i -> i.at("/spec/tls").forEach(t -> referenced.add(t.get("secretName").asText())));
        for (String secret : referenced) {
            assertThat(made.contains(secret) || readme.contains("`" + secret + "`"))
                    .as(secret + ": made by an operator, or listed in deploy/kubernetes/README.md for the operators to create").isTrue();
        }
        assertThat(referenced).contains("reporting-feed-cursor", "survey-db-app");
    }

    @Test
    void eachServiceReachesItsOwnDatabaseAndOnlyItsOwnerMay() throws IOException {
        for (String service : SERVICES) {
            Map<String, JsonNode> env = env(one("Deployment", service + "-service").at("/spec/template/spec/containers/0"));
            Matcher jdbc = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw:5432/([a-z_]+)").matcher(value(env, "DB_JDBC_URL"));
            assertThat(jdbc.matches()).as(service + " DB_JDBC_URL").isTrue();
            String cluster = jdbc.group(1);
            assertThat(value(env, "DB_REACTIVE_URL")).isEqualTo("postgresql://" + cluster + "-rw:5432/" + jdbc.group(2));
            ObjectNode db = one("Cluster", cluster);
            assertThat(db.at("/spec/bootstrap/initdb/database").asText()).isEqualTo(jdbc.group(2)).isEqualTo(service);
            assertThat(env.get("DB_USER").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(cluster + "-app");
            assertThat(env.get("DB_PASSWORD").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(cluster + "-app");
            assertThat(db.at("/spec/postgresql/parameters/synchronous_commit").asText()).as("durable commits").isEqualTo("on");
            // the database's pods take connections from its service's pods, its own instances and the operator only
            List<ObjectNode> policies = all("NetworkPolicy").stream()
                    .filter(p -> cluster.equals(p.at("/spec/podSelector/matchLabels/cnpg.io~1cluster").asText())).toList();
            assertThat(policies).as(cluster + " has its network policy").hasSize(1);
            Set<String> peers = new TreeSet<>();
            for (JsonNode rule : policies.get(0).at("/spec/ingress")) {
                for (JsonNode from : rule.get("from")) {
                    peers.add(from.toString());
                }
            }
            assertThat(peers).containsExactlyInAnyOrder("{\"podSelector\":{\"matchLabels\":{\"app.kubernetes.io/name\":\"" + service + "-service\"}}}",
                    "{\"podSelector\":{\"matchLabels\":{\"cnpg.io/cluster\":\"" + cluster + "\"}}}",
                    "{\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":\"cnpg-system\"}}}");
        }
    }

    @Test
    void onlyTheGatewayIsReachableFromOutsideAndOnlyTheGatewayReachesTheServices() throws IOException {
        assertThat(all("NetworkPolicy").stream().anyMatch(p -> p.at("/spec/podSelector").isEmpty() && p.at("/spec/ingress").isEmpty()))
                .as("everything else is denied").isTrue();
        for (ObjectNode policy : all("NetworkPolicy")) {
            String pods = policy.at("/spec/podSelector").toString();
            for (JsonNode rule : policy.at("/spec/ingress")) {
                for (JsonNode from : rule.path("from")) {
                    if (from.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText().equals("ingress-nginx")) {
                        assertThat(pods).as(Kustomization.name(policy) + " lets the ingress controller in").containsAnyOf("\"gateway\"", "\"keycloak\"");
                    }
                }
            }
        }
        ObjectNode services = all("NetworkPolicy").stream()
                .filter(p -> "service".equals(p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText()))
                .findFirst().orElseThrow();
        assertThat(services.at("/spec/ingress/0/from").toString()).isEqualTo("[{\"podSelector\":{\"matchLabels\":{\"app.kubernetes.io/name\":\"gateway\"}}}]");
        for (ObjectNode ingress : all("Ingress")) {
            ingress.at("/spec/rules").forEach(r -> r.at("/http/paths").forEach(p -> assertThat(p.at("/backend/service/name").asText()).isEqualTo("gateway")));
        }
        for (String service : SERVICES) {
            assertThat(one("Deployment", service + "-service").at("/spec/template/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("service");
            assertThat(one("Service", service + "-service").at("/spec/type").asText("ClusterIP")).isEqualTo("ClusterIP");
        }
    }

    @Test
    void theGatewayFindsEveryServiceItRoutesTo() throws IOException {
        Map<String, JsonNode> env = env(one("Deployment", "gateway").at("/spec/template/spec/containers/0"));
        for (String service : SERVICES) {
            ObjectNode svc = one("Service", service + "-service");
            assertThat(value(env, service.toUpperCase() + "_URL")).isEqualTo("http://" + service + "-service:" + servicePort(svc, "http"));
            assertThat(value(env, service.toUpperCase() + "_MANAGEMENT_URL")).isEqualTo("http://" + service + "-service:" + servicePort(svc, "management"));
        }
        ObjectNode hpa = one("HorizontalPodAutoscaler", "gateway");
        assertThat(value(env, "GATEWAY_INSTANCES")).as("each gateway keeps its share of the rate limit at the autoscaler's minimum")
                .isEqualTo(hpa.at("/spec/minReplicas").asText());
    }

    @Test
    void kafkaCarriesEveryTopicTheServicesUseAndTheServicesFindItAndKeycloak() throws IOException {
        ObjectNode kafka = all("Kafka").get(0);
        String name = kafka.at("/metadata/name").asText();
        JsonNode listener = kafka.at("/spec/kafka/listeners/0");
        ObjectNode keycloak = all("Keycloak").get(0);
        ObjectNode realmImport = all("KeycloakRealmImport").get(0);
        assertThat(realmImport.at("/spec/keycloakCRName").asText()).isEqualTo(keycloak.at("/metadata/name").asText());
        String realm = realmImport.at("/spec/realm/realm").asText();
        for (String module : apps()) {
            Map<String, JsonNode> env = env(one("Deployment", module).at("/spec/template/spec/containers/0"));
            if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
                assertThat(value(env, "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(name + "-kafka-bootstrap:" + listener.get("port").asInt());
            }
            assertThat(value(env, "OIDC_AUTH_SERVER_URL")).isEqualTo("http://" + keycloak.at("/metadata/name").asText() + "-service:"
                    + keycloak.at("/spec/http/httpPort").asInt() + "/realms/" + realm);
        }
        Set<String> topics = new TreeSet<>();
        Matcher m = Pattern.compile("\"([a-z.-]+)\";")
                .matcher(Files.readString(ModuleConfig.ROOT.resolve("contracts/src/main/java/uk/nhs/impact/contracts/Topics.java")));
        while (m.find()) {
            topics.add(m.group(1));
        }
        assertThat(topics).hasSizeGreaterThanOrEqualTo(5);
        Set<String> declared = new TreeSet<>();
        for (ObjectNode topic : all("KafkaTopic")) {
            declared.add(topic.at("/spec/topicName").asText());
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(name);
            assertThat(topic.at("/spec/partitions").asInt()).as("room for several reporting consumers").isGreaterThanOrEqualTo(3);
        }
        assertThat(declared).isEqualTo(topics);
        assertThat(kafka.at("/spec/kafka/config/auto.create.topics.enable").asBoolean(true)).isFalse();
    }

    @Test
    void theRealmIsTheLocalStacksWithoutItsDemoUsersAndSecrets() throws IOException {
        JsonNode local = new ObjectMapper().readTree(ModuleConfig.ROOT.resolve("deploy/keycloak/realm.json").toFile());
        JsonNode realm = all("KeycloakRealmImport").get(0).at("/spec/realm");
        assertThat(realm.get("realm")).isEqualTo(local.get("realm"));
        assertThat(realm.get("roles")).isEqualTo(local.get("roles"));
        assertThat(realm.has("users")).as("demo users").isFalse();
        Map<String, JsonNode> localClients = new HashMap<>();
        local.get("clients").forEach(c -> localClients.put(c.get("clientId").asText(), c));
        Set<String> clients = new TreeSet<>();
        for (JsonNode client : realm.get("clients")) {
            String id = client.get("clientId").asText();
            clients.add(id);
            assertThat(client.has("secret")).as(id + " carries a secret").isFalse();
            assertThat(client).as(id + " as in the local realm").isEqualTo(localClients.get(id));
        }
        assertThat(clients).contains("nhs-impact-api");
        assertThat(realm.toString()).doesNotContain("dev-only");
        assertThat(realm.get("sslRequired").asText()).isEqualTo("external");
    }

    private static List<String> apps() {
        List<String> apps = new ArrayList<>(SERVICES.stream().map(s -> s + "-service").toList());
        apps.add("gateway");
        return apps;
    }

    private static List<ObjectNode> all(String kind) {
        return base.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static ObjectNode one(String kind, String name) {
        List<ObjectNode> found = all(kind).stream().filter(d -> name.equals(d.at("/metadata/name").asText())).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.get("name").asText(), e));
        return env;
    }

    private static String value(Map<String, JsonNode> env, String name) {
        assertThat(env).as("environment").containsKey(name);
        return env.get(name).path("value").asText();
    }

    private static int port(JsonNode container, String name) {
        return StreamSupport.stream(container.path("ports").spliterator(), false).filter(p -> name.equals(p.path("name").asText()))
                .mapToInt(p -> p.get("containerPort").asInt()).findFirst().orElse(-1);
    }

    private static int servicePort(JsonNode service, String name) {
        return StreamSupport.stream(service.at("/spec/ports").spliterator(), false).filter(p -> name.equals(p.path("name").asText()))
                .mapToInt(p -> p.get("port").asInt()).findFirst().orElseThrow();
    }

    private static void collect(JsonNode node, String field, Set<String> names) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals(field)) {
                    names.add(e.getValue().get("name").asText());
                } else {
                    collect(e.getValue(), field, names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, field, names));
        }
    }
}
