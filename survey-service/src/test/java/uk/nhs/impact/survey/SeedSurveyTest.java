package uk.nhs.impact.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.stack.test.TopicProbe;

/**
 * Seed 003: 129 respondents from 95 trusts (several per trust) in August 2023. A synthetic population whose answers give the
 * published trust-level progress split (22/50/14/7/5/2 %) is accepted; the run's completeness reports 129 respondents,
 * 95 trusts and 45% coverage, and the events on the broker carry the split.
 */
@QuarkusTest
class SeedSurveyTest {
    private static final String RUN = "improvement-2023";
    /** Respondent counts per Q1 option that round to the published 22/50/14/7/5/2 % of 129. */
    private static final Map<String, Integer> Q1 = new LinkedHashMap<>();

    static {
        Q1.put("embedded_sustained", 28);
        Q1.put("underway_maturing", 64);
        Q1.put("just_underway", 18);
        Q1.put("committed_planning", 9);
        Q1.put("frontline_only", 7);
        Q1.put("other", 3);
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theSeedPopulationIsAcceptedAndCoverageIsFortyFivePercent() throws Exception {
        SurveyApi.openRunNow(RUN);
        List<Organisation> trusts = OrganisationHierarchy.loadBundled().all(OrgLevel.TRUST, LocalDate.of(2023, 8, 31)).stream()
                .sorted(Comparator.comparing(Organisation::odsCode)).limit(95).toList();
        List<String> q1 = new ArrayList<>();
        Q1.forEach((option, n) -> {
            for (int i = 0; i < n; i++) {
                q1.add(option);
            }
        });
        assertThat(q1).hasSize(129);
        for (int i = 0; i < 129; i++) {
            // respondents 0..94 are one per trust; 95..128 are second respondents from the first 34 trusts
            String ods = trusts.get(i % 95).odsCode();
            String option = q1.get(i);
            Map<String, Object> answers = new LinkedHashMap<>();
            answers.put("Q1_trust_progress", option.equals("other")
                    ? Map.of("option", option, "otherText", "A new board, starting again")
                    : SurveyApi.option(option));
            if (i < 99) { // item non-response: 30 respondents skipped Q2 (published 32% + 42% with a 75% headline)
                String q2 = i < 32 ? "fully" : i < 74 ? "mostly" : i < 96 ? "partially" : "not_aligned";
                answers.put("Q2_trust_alignment", SurveyApi.option(q2));
            }
            SurveyApi.respond(RUN, ods, "respondent-" + i, answers);
        }

        JsonPath c = given().header("Authorization", SurveyApi.admin()).when().get(SurveyApi.RUNS + "/" + RUN + "/completeness")
                .then().statusCode(200).extract().jsonPath();
        assertThat(c.getLong("respondents")).isEqualTo(129);
        assertThat(c.getLong("trusts")).isEqualTo(95);
        assertThat(c.getLong("trustCoverage.numerator")).isEqualTo(95);
        assertThat(c.getLong("trustCoverage.denominator")).isEqualTo(210);
        assertThat(c.getInt("trustCoverage.percentage")).isEqualTo(45);
        assertThat(c.getLong("questions.find { it.code == 'Q1_trust_progress' }.answered.numerator")).isEqualTo(129);
        assertThat(c.getLong("questions.find { it.code == 'Q2_trust_alignment' }.answered.numerator")).isEqualTo(99);
        assertThat(c.getLong("questions.find { it.code == 'Q14_free_text' }.answered.numerator")).isZero();
        assertThat(c.getLong("respondentsByRole.director_of_improvement")).isEqualTo(129);

        List<ConsumerRecord<String, String>> events = TopicProbe.await(bootstrap, Topics.SURVEY,
                r -> EventTypes.SURVEY_RESPONSE_SUBMITTED.equals(TopicProbe.header(r, "ce_type")) && r.value().contains('"' + RUN + '"'),
                129, Duration.ofSeconds(60));
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> split = new TreeMap<>();
        int otherTexts = 0;
        for (ConsumerRecord<String, String> e : events) {
            JsonNode answers = json.readTree(e.value()).get("answers");
            split.merge(answers.get("Q1_trust_progress").asText(), 1, Integer::sum);
            otherTexts += answers.has("Q1_trust_progress_other_text") ? 1 : 0;
        }
        Map<String, Integer> published = Map.of("embedded_sustained", 22, "underway_maturing", 50, "just_underway", 14,
                "committed_planning", 7, "frontline_only", 5, "other", 2);
        published.forEach((option, pct) -> assertThat(BigDecimal.valueOf(split.get(option) * 100L)
                .divide(BigDecimal.valueOf(129), 0, RoundingMode.HALF_UP).intValue()).as(option).isEqualTo(pct));
        assertThat(otherTexts).isEqualTo(3);
    }
}
