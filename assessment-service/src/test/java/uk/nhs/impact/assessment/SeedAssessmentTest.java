package uk.nhs.impact.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.TopicProbe;

/** Seed 001: one trust's 22 answers, signed off and submitted (shared with its ICB), give the published outcome table. */
@QuarkusTest
class SeedAssessmentTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theSeedTrustsAssessmentGivesThePublishedOutcome() throws Exception {
        // shared with its ICB before it is submitted: the submission carries the answers (a private one would carry none)
        AssessmentApi.Ref a = AssessmentApi.create("RHA", "2023-24");
        a = AssessmentApi.answer("RHA", a, AssessmentApi.byCode(AssessmentApi.SEED_001));
        a = AssessmentApi.share("RHA", a, "ICB");
        a = AssessmentApi.submit("RHA", AssessmentApi.signOff("RHA", a));
        String id = a.id();

        JsonPath results = AssessmentApi.as("RHA").when().get(AssessmentApi.BASE + "/" + a.id() + "/results")
                .then().statusCode(200).extract().jsonPath();
        assertThat(results.getInt("answered")).isEqualTo(22);
        assertThat(counts(results, "overall")).containsEntry("STARTING", 16).containsEntry("DEVELOPING", 6)
                .containsEntry("LEVEL_3", 0).containsEntry("LEVEL_4", 0).containsEntry("LEVEL_5", 0);
        Map<String, String> expected = Map.of("C1", "4/0", "C2", "2/2", "C3", "3/2", "C4", "5/0", "C5", "2/2");
        for (String component : expected.keySet()) {
            Map<String, Integer> c = counts(results, "components.find { it.componentCode == '" + component + "' }.distribution");
            assertThat(c.get("STARTING") + "/" + c.get("DEVELOPING")).as(component).isEqualTo(expected.get(component));
        }
        // the documented tie rule: C2 and C5 tie 2-2, reported as the lower level and flagged
        for (String tied : List.of("C2", "C5")) {
            String path = "components.find { it.componentCode == '" + tied + "' }";
            assertThat(results.getString(path + ".summaryLevelCode")).isEqualTo("STARTING");
            assertThat(results.getBoolean(path + ".tied")).isTrue();
            assertThat(results.getList(path + ".tiedLevelCodes", String.class)).containsExactly("STARTING", "DEVELOPING");
        }
        assertThat(results.getBoolean("components.find { it.componentCode == 'C3' }.tied")).isFalse();
        assertThat(results.getString("byQuestion.find { it.questionCode == 'Q07' }.levelName")).isEqualTo("Developing");

        List<ConsumerRecord<String, String>> events = TopicProbe.await(bootstrap, Topics.ASSESSMENT,
                r -> r.value().contains(id) && EventTypes.ASSESSMENT_SUBMITTED.equals(TopicProbe.header(r, "ce_type")), 1,
                Duration.ofSeconds(30));
        ConsumerRecord<String, String> event = events.get(0);
        assertThat(event.key()).isEqualTo("RHA");
        JsonNode data = new ObjectMapper().readTree(event.value());
        assertThat(data.get("answers")).hasSize(22);
        assertThat(data.at("/organisation/icbOdsCode").asText()).isEqualTo("QT1");
        assertThat(data.at("/organisation/regionOdsCode").asText()).isEqualTo("Y60");
        assertThat(data.get("sharing").asText()).isEqualTo("ICB");
        assertThat(data.at("/signOff/minuteReference").asText()).isEqualTo("BM/23/114");
        int developing = 0;
        for (JsonNode answer : data.get("answers")) {
            String expectedLevel = AssessmentApi.SEED_001.get(answer.get("questionNumber").asInt());
            assertThat(answer.get("levelCode").asText()).isEqualTo(expectedLevel);
            assertThat(answer.get("levelOrdinal").asInt()).isEqualTo(expectedLevel.equals("STARTING") ? 1 : 2);
            developing += expectedLevel.equals("DEVELOPING") ? 1 : 0;
        }
        assertThat(developing).isEqualTo(6);
    }

    private static Map<String, Integer> counts(JsonPath json, String path) {
        List<Map<String, Object>> rows = json.getList(path);
        Map<String, Integer> out = new HashMap<>();
        rows.forEach(r -> out.put((String) r.get("levelCode"), (Integer) r.get("count")));
        return out;
    }
}
