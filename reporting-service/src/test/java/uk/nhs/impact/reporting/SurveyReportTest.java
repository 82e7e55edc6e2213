package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;

/** Seed 003's trust-level figures, reproduced from 129 respondents in 95 trusts sent as events through the real broker. */
@QuarkusTest
class SurveyReportTest {
    private static final String RUN = "improvement-survey-2023";
    private static final LocalDate REF = LocalDate.of(2023, 8, 31);
    private static final OrganisationHierarchy H = OrganisationHierarchy.loadBundled();
    private static boolean loaded;

    /** Respondent counts per Q1 option in published order: 22/50/14/7/5/2 % of 129. */
    private static final Map<String, Integer> Q1 = new LinkedHashMap<>();

    static {
        Q1.put("embedded_sustained", 28);
        Q1.put("underway_maturing", 64);
        Q1.put("just_underway", 18);
        Q1.put("committed_planning", 9);
        Q1.put("frontline_only", 7);
        Q1.put("other", 3);
    }

    @BeforeEach
    void respondOnce() {
        if (loaded) {
            return;
        }
        Events.publish(Topics.SURVEY, EventTypes.SURVEY_RUN_OPENED, "X24", Map.of("runId", RUN, "instrumentId",
                "nhsp-improvement-survey-2023", "instrumentVersion", 1, "referenceDate", REF.toString(),
                "opensAt", "2023-08-01T00:00:00Z", "closesAt", "2023-08-31T23:59:59Z", "questions", List.of(
                        Map.of("code", "Q1_trust_progress", "kind", "single_choice", "options", List.of("embedded_sustained", "underway_maturing",
                                "just_underway", "committed_planning", "frontline_only", "no_plans_yet", "other")),
                        Map.of("code", "Q13_asked_nobody_answered", "kind", "likert", "options", List.of("agree", "disagree")),
                        Map.of("code", "Q14_free_text", "kind", "free_text", "options", List.of()))));
        List<Organisation> trusts = H.all(OrgLevel.TRUST, REF).subList(0, 95);
        List<String> q1 = new ArrayList<>();
        Q1.forEach((option, n) -> {
            for (int i = 0; i < n; i++) {
                q1.add(option);
            }
        });
        for (int i = 0; i < 129; i++) {
            Organisation trust = trusts.get(i < 95 ? i : i - 95);
            Map<String, Object> answers = new LinkedHashMap<>();
            answers.put("Q1_trust_progress", q1.get(i));
            // Q2 had item non-response: 99 answered, 32 fully and 42 mostly.
            if (i < 99) {
                answers.put("Q2_trust_alignment", i < 32 ? "fully" : i < 74 ? "mostly" : i < 96 ? "partially" : "not_aligned");
            }
            List<String> barriers = new ArrayList<>();
            if (i < 97) {
                barriers.add("operational_pressures");
            }
            if (i >= 41) {
                barriers.add("engaging_overstretched_staff");
            }
            if (i < 83) {
                barriers.add("workforce_capacity");
            }
            answers.put("Q3_trust_barriers", barriers);
            if (i < 9) {
                answers.put("Q14_free_text", "Our board development programme is helping us focus on equity.");
            } else if (i < 12) {
                // as the survey service sends free text: a one-word comment must not be taken for an option code
                answers.put("Q14_free_text", Map.of("text", "none"));
            }
            Events.publish(Topics.SURVEY, EventTypes.SURVEY_RESPONSE_SUBMITTED, trust.odsCode(), Map.of(
                    "runId", RUN, "respondentId", "respondent-" + i, "respondentRole", i % 2 == 0 ? "chief_executive" : "director_of_improvement",
                    "organisation", BaselineFixtures.org(trust.odsCode(), "trust", trust.trustType(),
                            H.icbOf(trust.odsCode(), REF).orElseThrow(), H.regionOf(trust.odsCode(), REF).orElseThrow()),
                    "revision", 1, "answers", answers));
        }
        Eventually.await(Duration.ofSeconds(90), () -> results(Tokens.bearer("X24", "national-analyst"), null).getInt("meta.respondents"),
                n -> n == 129);
        loaded = true;
    }

    private static JsonPath results(String bearer, String area) {
        var request = given().header("Authorization", bearer).queryParam("combine", "Q2_trust_alignment:fully+mostly");
        if (area != null) {
            request.queryParam("area", area);
        }
        return request.when().get("/api/v1/reports/survey/" + RUN + "/results").then().statusCode(200).extract().jsonPath();
    }

    private static int pct(JsonPath r, String question, String option) {
        return r.getInt("questions.find { it.code == '" + question + "' }.options.find { it.code == '" + option + "' }.figure.percentage");
    }

    @Test
    void reproducesTheTrustLevelProgressSplitAndCoverage() {
        JsonPath r = results(Tokens.bearer("X24", "national-analyst"), null);
        assertThat(r.getInt("meta.respondents")).isEqualTo(129);
        assertThat(r.getInt("meta.trusts")).isEqualTo(95);
        assertThat(r.getInt("meta.coverage.percentage")).isEqualTo(45);
        assertThat(r.getInt("meta.coverage.denominator")).isEqualTo(210);
        assertThat(r.getString("unit")).isEqualTo("respondents");
        assertThat(Q1.keySet().stream().map(o -> pct(r, "Q1_trust_progress", o)).toList()).isEqualTo(List.of(22, 50, 14, 7, 5, 2));
    }

    @Test
    void combinedCategoryIsComputedFromCountsNotRoundedParts() {
        JsonPath r = results(Tokens.bearer("X24", "national-analyst"), null);
        assertThat(pct(r, "Q2_trust_alignment", "fully")).isEqualTo(32);
        assertThat(pct(r, "Q2_trust_alignment", "mostly")).isEqualTo(42);
        String combined = "questions.find { it.code == 'Q2_trust_alignment' }.combined[0].figure";
        assertThat(r.getInt(combined + ".percentage")).as("74 of 99 is 74.7%, published as 75% although 32 + 42 = 74").isEqualTo(75);
        assertThat(r.getInt(combined + ".numerator")).isEqualTo(74);
        assertThat(r.getInt(combined + ".denominator")).isEqualTo(99);
        assertThat(r.getInt("questions.find { it.code == 'Q2_trust_alignment' }.answered.numerator")).isEqualTo(99);
    }

    @Test
    void multiChoiceSharesSumPastOneHundred() {
        JsonPath r = results(Tokens.bearer("X24", "national-analyst"), null);
        assertThat(pct(r, "Q3_trust_barriers", "operational_pressures")).isEqualTo(75);
        assertThat(pct(r, "Q3_trust_barriers", "engaging_overstretched_staff")).isEqualTo(68);
        assertThat(pct(r, "Q3_trust_barriers", "workforce_capacity")).isEqualTo(64);
    }

    @Test
    void smallGroupsAreSuppressedButCountsStayAndFreeTextOnlyInGroupsOfTen() {
        JsonPath national = results(Tokens.bearer("X24", "national-analyst"), null);
        assertThat(national.getList("questions.find { it.code == 'Q14_free_text' }.comments").size()).isEqualTo(12);
        assertThat(national.getString("questions.find { it.code == 'Q14_free_text' }.kind")).isEqualTo("free_text");
        assertThat(national.getList("questions.find { it.code == 'Q14_free_text' }.comments").contains("none")).isTrue();

        // The first trust's ICB: its respondents wrote some of the comments.
        String icb = H.icbOf(H.all(OrgLevel.TRUST, REF).get(0).odsCode(), REF).orElseThrow();
        JsonPath r = results(Tokens.bearer(icb, "icb-oversight"), icb);
        int respondents = r.getInt("meta.respondents");
        assertThat(respondents > 0 && respondents < 10).as("fixture gives QT1 a handful of respondents: " + respondents).isTrue();
        assertThat(r.getBoolean("questions.find { it.code == 'Q1_trust_progress' }.options[0].figure.suppressed")).isTrue();
        assertThat((Object) r.get("questions.find { it.code == 'Q1_trust_progress' }.options[0].figure.percentage")).isNull();
        assertThat(r.getString("questions.find { it.code == 'Q1_trust_progress' }.options[0].figure.suppressionReason").contains("10")).isTrue();
        // How many answered a question is theirs to keep too: hidden with the figures.
        assertThat(r.getBoolean("questions.find { it.code == 'Q1_trust_progress' }.answered.suppressed")).isTrue();
        assertThat((Object) r.get("questions.find { it.code == 'Q1_trust_progress' }.answered.denominator")).isNull();
        assertThat((Object) r.get("questions.find { it.code == 'Q1_trust_progress' }.options[0].figure.denominator")).isNull();
        assertThat(r.getList("questions.find { it.code == 'Q14_free_text' }.comments")).isEqualTo(List.of());
    }

    @Test
    void optionsNobodyChoseAndQuestionsNobodyAnsweredShowAsZero() {
        JsonPath r = results(Tokens.bearer("X24", "national-analyst"), null);
        String unchosen = "questions.find { it.code == 'Q1_trust_progress' }.options.find { it.code == 'no_plans_yet' }.figure";
        assertThat(r.getInt(unchosen + ".numerator")).isZero();
        assertThat(r.getInt(unchosen + ".denominator")).isEqualTo(129);
        assertThat(r.getInt(unchosen + ".percentage")).isZero();
        String unanswered = "questions.find { it.code == 'Q13_asked_nobody_answered' }";
        assertThat(r.getString(unanswered + ".kind")).isEqualTo("single_choice");
        assertThat(r.getInt(unanswered + ".answered.numerator")).isZero();
        assertThat(r.getInt(unanswered + ".answered.denominator")).isEqualTo(129);
        assertThat(r.getList(unanswered + ".options.code")).containsExactly("agree", "disagree");
        assertThat(r.getList(unanswered + ".options.figure.numerator")).containsExactly(0, 0);

        // In a cell too small to publish, the unanswered question is withheld with the rest.
        String icb = H.icbOf(H.all(OrgLevel.TRUST, REF).get(0).odsCode(), REF).orElseThrow();
        JsonPath small = results(Tokens.bearer(icb, "icb-oversight"), icb);
        assertThat(small.getBoolean(unanswered + ".answered.suppressed")).isTrue();
        assertThat(small.getList(unanswered + ".options.figure.suppressed")).containsExactly(true, true);
    }

    @Test
    void csvEqualsJson() {
        String bearer = Tokens.bearer("X24", "national-analyst");
        JsonPath json = results(bearer, null);
        String csv = given().header("Authorization", bearer).accept("text/csv").queryParam("combine", "Q2_trust_alignment:fully+mostly")
                .when().get("/api/v1/reports/survey/" + RUN + "/results").then().statusCode(200).extract().asString();
        assertThat(csv.contains(RUN + ",X24,2023-08-31,Q2_trust_alignment,combined,fully_or_mostly,74,99,75,false,")).as(csv).isTrue();
        assertThat(csv.contains(RUN + ",X24,2023-08-31,Q1_trust_progress,single_choice,underway_maturing,64,129,50,false,")).as(csv).isTrue();
        assertThat(csv.contains(RUN + ",X24,2023-08-31,_meta,coverage,trusts,95,210,45,false,")).as(csv).isTrue();
        int jsonRows = 1 + json.getList("questions.options.flatten()").size() + json.getList("questions.combined.flatten()").size()
                + json.getList("questions.comments.flatten()").size();
        assertThat(csv.contains(RUN + ",X24,2023-08-31,Q14_free_text,comment,none,,,,false,")).as(csv).isTrue();
        assertThat(csv.lines().count() - 1).isEqualTo(jsonRows);
    }

    @Test
    void regionAnalystSeesOnlyTheirRegion() {
        given().header("Authorization", Tokens.bearer("Y60", "region-analyst")).queryParam("area", "Y56")
                .when().get("/api/v1/reports/survey/" + RUN + "/results").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).queryParam("area", "X24")
                .when().get("/api/v1/reports/survey/" + RUN + "/results").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("Y60", "region-analyst"))
                .when().get("/api/v1/reports/survey/unknown-run/results").then().statusCode(404);
    }
}
