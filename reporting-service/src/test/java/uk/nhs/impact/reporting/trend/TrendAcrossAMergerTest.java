package uk.nhs.impact.reporting.trend;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.platform.hierarchy.ChangeSet;
import uk.nhs.impact.platform.hierarchy.HierarchyChange;
import uk.nhs.impact.platform.hierarchy.HierarchyChanges;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;

/**
 * A baseline trend across a trust merger: the Royal Free (RAL) and the Whittington (RKE) filed in 2023 and merge into R1Z9X
 * from April 2027, which files in 2027. As filed, R1Z9X's line starts in 2027; counted under the successor, it starts with
 * its predecessors' 2023 returns.
 */
@QuarkusTest
class TrendAcrossAMergerTest {
    private static final LocalDate MERGER = LocalDate.of(2027, 4, 1);
    private static final String QUESTION = "leadership_exec_responsibility";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    HierarchyChanges changes;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void predecessorsAreCountedAsFiledOrUnderTheirSuccessor() throws Exception {
        changes.apply(new ChangeSet(UUID.randomUUID(), "Royal Free and Whittington merger", List.of(
                HierarchyChange.open("R1Z9X", "Royal Free and Whittington NHS Foundation Trust", OrgLevel.TRUST, "acute", "QMJ", MERGER),
                HierarchyChange.merge("R1Z9X", List.of("RAL", "RKE"), MERGER)), Instant.parse("2027-01-10T09:00:00Z"), "X24"))
                .await().atMost(Duration.ofSeconds(30));
        file("merger-trend-2023", "RAL", "2023-08-31", true);
        file("merger-trend-2023", "RKE", "2023-08-31", false);
        file("merger-trend-2027", "R1Z9X", "2027-06-30", true);

        JsonPath successor = Eventually.await(Duration.ofSeconds(30), () -> trend("successor"), t -> points(t).size() == 2);
        assertThat(successor.getString("predecessors")).isEqualTo("successor");
        assertThat(successor.getString("area")).isEqualTo("R1Z9X");
        assertThat(points(successor)).extracting(p -> p.get("period")).containsExactly("merger-trend-2023", "merger-trend-2027");
        assertThat(points(successor)).extracting(p -> ((Map<?, ?>) p.get("figure")).get("numerator"),
                p -> ((Map<?, ?>) p.get("figure")).get("denominator")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(1, 1));

        JsonPath asFiled = trend("as-filed");
        assertThat(asFiled.getString("predecessors")).isEqualTo("as-filed");
        assertThat(points(asFiled)).extracting(p -> p.get("period")).containsExactly("merger-trend-2027");
        assertThat(points(trend(null))).as("as filed unless asked").isEqualTo(points(asFiled));
        assertThat(trend(null).getString("predecessors")).isEqualTo("as-filed");

        JsonPath ral = given().header("Authorization", Tokens.bearer("X24", "national-analyst")).queryParam("question", QUESTION)
                .queryParam("orgType", "trust").queryParam("area", "RAL").queryParam("predecessors", "successor")
                .get("/api/v1/reports/trends/baseline").then().statusCode(200).extract().jsonPath();
        assertThat(points(ral)).as("a predecessor's own line is empty once its figures count under the successor").isEmpty();

        given().header("Authorization", Tokens.bearer("X24", "national-analyst")).queryParam("question", QUESTION)
                .queryParam("orgType", "trust").queryParam("predecessors", "folded").get("/api/v1/reports/trends/baseline")
                .then().statusCode(400);
    }

    private static JsonPath trend(String predecessors) {
        var request = given().header("Authorization", Tokens.bearer("X24", "national-analyst")).queryParam("question", QUESTION)
                .queryParam("orgType", "trust").queryParam("area", "R1Z9X");
        if (predecessors != null) {
            request.queryParam("predecessors", predecessors);
        }
        return request.get("/api/v1/reports/trends/baseline").then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> points(JsonPath trend) {
        List<Map<String, Object>> all = trend.getList("points");
        return all.stream().filter(p -> String.valueOf(p.get("period")).startsWith("merger-trend-")).toList();
    }

    /** A baseline return as the baseline service publishes it, filed under the organisation's ICB and region of its date. */
    private void file(String collection, String ods, String referenceDate, boolean yes) throws Exception {
        Map<String, Object> org = Map.of("odsCode", ods, "name", "Organisation " + ods, "orgType", "trust", "trustType", "acute",
                "icbOdsCode", "QMJ", "regionOdsCode", "Y56");
        Map<String, Object> data = Map.of("collectionId", collection, "questionSetId", "baseline-trust", "questionSetVersion", 1,
                "organisation", org, "referenceDate", referenceDate, "revision", 1, "submittedAt", referenceDate + "T10:00:00Z",
                "answers", Map.of(QUESTION, yes));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.BASELINE, ods, JSON.writeValueAsString(data));
            Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", EventTypes.BASELINE_RETURN_SUBMITTED,
                    "ce_source", "/baseline-service", "ce_subject", ods, "ce_time", Instant.now().toString(), "content-type", "application/json")
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        }
    }
}
