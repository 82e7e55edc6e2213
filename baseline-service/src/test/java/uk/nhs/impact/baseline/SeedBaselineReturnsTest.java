package uk.nhs.impact.baseline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.Tokens;

/** Seed 002's regional and national returns are filed through the API; completeness and events follow. */
@QuarkusTest
class SeedBaselineReturnsTest {
    private static final List<String> REGIONS = List.of("Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63");
    private static final List<String> DIRECTORATES = List.of("X24-DIR-COMMS", "X24-DIR-DELIVERY", "X24-DIR-FINANCE",
            "X24-DIR-MEDICAL", "X24-DIR-NURSING", "X24-DIR-OPERATIONS", "X24-DIR-PCCS", "X24-DIR-PEOPLE", "X24-DIR-QUALITY",
            "X24-DIR-STRATEGY");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void regionsAndDirectoratesFileTheirReturnsAndCompletenessShowsWhoHas() {
        String collection = "seed-2023";
        BaselineApi.openCollection(collection);
        // Regions: 7/7 exec responsibility, 5/7 methods, 5/7 reporting, 0/7 training.
        for (int i = 0; i < REGIONS.size(); i++) {
            BaselineApi.file(collection, REGIONS.get(i), BaselineApi.headline(true, i < 5, i < 5, false));
        }
        // Directorates: 7/10, 8/10, 4/10, 1/10.
        for (int i = 0; i < DIRECTORATES.size(); i++) {
            BaselineApi.file(collection, DIRECTORATES.get(i), BaselineApi.headline(i < 7, i < 8, i < 4, i < 1));
        }

        JsonPath c = given().header("Authorization", Tokens.bearer("X24", "national-analyst"))
                .when().get("/api/v1/baseline-collections/" + collection + "/completeness").then().statusCode(200).extract().jsonPath();
        assertThat(c.getInt("byOrgType.find { it.orgType == 'region' }.submitted")).isEqualTo(7);
        assertThat(c.getInt("byOrgType.find { it.orgType == 'region' }.expected")).isEqualTo(7);
        assertThat(c.getInt("byOrgType.find { it.orgType == 'directorate' }.submitted")).isEqualTo(10);
        assertThat(c.getInt("byOrgType.find { it.orgType == 'directorate' }.expected")).isEqualTo(12);
        assertThat(c.getList("organisations.findAll { it.orgType == 'directorate' && !it.submitted }.odsCode", String.class))
                .isEqualTo(List.of("X24-DIR-TRANSFORMATION", "X24-DIR-WTE"));
        assertThat(c.getInt("byOrgType.find { it.orgType == 'trust' }.submitted")).isZero();

        Map<String, List<Boolean>> published = headlinesOnTopic(collection, REGIONS.size() + DIRECTORATES.size());
        assertThat(published.get("Y61")).as("the fifth region: all but training").isEqualTo(List.of(true, true, true, false));
        assertThat(published.get("Y62")).as("the sixth region: exec responsibility only").isEqualTo(List.of(true, false, false, false));
        long regionsTools = REGIONS.stream().filter(r -> published.get(r).get(1)).count();
        long directoratesGovernance = DIRECTORATES.stream().filter(d -> published.get(d).get(2)).count();
        assertThat(regionsTools).isEqualTo(5);
        assertThat(directoratesGovernance).isEqualTo(4);
    }

    /** Reads the return-submitted events of a collection from the real broker: ODS code → the four headline answers. */
    private Map<String, List<Boolean>> headlinesOnTopic(String collection, int expected) {
        Map<String, List<Boolean>> byOrg = new java.util.TreeMap<>();
        Map<String, Object> conf = Map.of("bootstrap.servers", bootstrap, "group.id", "probe-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(conf, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.BASELINE));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (byOrg.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    String type = new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
                    var data = json.readTree(r.value());
                    if (type.equals(EventTypes.BASELINE_RETURN_SUBMITTED) && data.get("collectionId").asText().equals(collection)) {
                        assertThat(data.get("organisation").get("odsCode").asText()).isEqualTo(r.key());
                        List<Boolean> answers = new ArrayList<>();
                        for (String q : List.of("leadership_exec_responsibility", "tools_improvement_methods", "governance_reporting",
                                "capability_staff_training")) {
                            answers.add(data.get("answers").get(q).asBoolean());
                        }
                        byOrg.put(r.key(), answers);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(byOrg).as("events on the topic: " + byOrg.keySet()).hasSize(expected);
        return byOrg;
    }
}
