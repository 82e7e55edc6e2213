package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;

/** Self-assessments count only where, and while, their organisations share them. */
@QuarkusTest
class AssessmentReportTest {
    private static final Map<String, Object> RHA = org("RHA", "trust", "mental_health", "QT1", "Y60");
    private static final Map<String, Object> RX1 = org("RX1", "trust", "acute", "QT1", "Y60");
    private static final Map<String, Object> RNA = org("RNA", "trust", "acute", "QUA", "Y60");

    private static JsonPath distribution(String bearer, String cycle, String area) {
        var request = given().header("Authorization", bearer);
        if (area != null) {
            request.queryParam("area", area);
        }
        return request.when().get("/api/v1/reports/self-assessment/" + cycle + "/distribution").then().statusCode(200).extract().jsonPath();
    }

    private static String national() {
        return Tokens.bearer("X24", "national-analyst");
    }

    private static String region() {
        return Tokens.bearer("Y60", "region-analyst");
    }

    @Test
    void seed001LevelsAreCountedPerComponent() {
        String cycle = "2023-24-seed";
        AssessmentFixtures.submitted("a-seed-rha", cycle, RHA, 1, "NATIONAL", AssessmentFixtures.seed001());
        JsonPath d = Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", national())
                .get("/api/v1/reports/self-assessment/" + cycle + "/distribution"), r -> r.statusCode() == 200).jsonPath();
        assertThat(d.getInt("organisations")).isEqualTo(1);
        assertThat(d.getList("components.find { it.code == 'C1' }.distribution.levels.figure.numerator", Integer.class)).isEqualTo(List.of(4));
        assertThat(d.getList("components.find { it.code == 'C2' }.distribution.levels.figure.numerator", Integer.class)).isEqualTo(List.of(2, 2));
        assertThat(d.getList("components.find { it.code == 'C3' }.distribution.levels.figure.numerator", Integer.class)).isEqualTo(List.of(3, 2));
        assertThat(d.getList("components.find { it.code == 'C4' }.distribution.levels.figure.numerator", Integer.class)).isEqualTo(List.of(5));
        assertThat(d.getList("components.find { it.code == 'C5' }.distribution.levels.figure.numerator", Integer.class)).isEqualTo(List.of(2, 2));
        assertThat(d.getFloat("components.find { it.code == 'C2' }.distribution.median")).as("a tie between Starting and Developing").isEqualTo(1.5f);
        assertThat(d.getList("questions").size()).isEqualTo(22);
    }

    @Test
    void onlyWhatIsSharedAtTheViewsLevelCounts() {
        String cycle = "2023-24-sharing";
        AssessmentFixtures.submitted("a-share-rha", cycle, RHA, 1, "NATIONAL", AssessmentFixtures.allAt(2));
        AssessmentFixtures.submitted("a-share-rx1", cycle, RX1, 1, "REGION", AssessmentFixtures.allAt(3));
        AssessmentFixtures.submitted("a-share-rna", cycle, RNA, 1, "PRIVATE", AssessmentFixtures.allAt(4));
        Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", region()).queryParam("area", "Y60")
                .get("/api/v1/reports/self-assessment/" + cycle + "/distribution").jsonPath().getInt("organisations"), n -> n == 2);
        assertThat(distribution(national(), cycle, null).getInt("organisations")).isEqualTo(1);
        assertThat(distribution(national(), cycle, null).getList("questions[0].distribution.levels.level", Integer.class)).isEqualTo(List.of(2));
        assertThat(distribution(region(), cycle, "Y60").getList("questions[0].distribution.levels.level", Integer.class)).isEqualTo(List.of(2, 3));

        // Narrowing the sharing takes it out of the national aggregates.
        AssessmentFixtures.sharingChanged("a-share-rha", RHA, 2, "ICB");
        Eventually.await(Duration.ofSeconds(30), () -> distribution(national(), cycle, null).getInt("organisations"), n -> n == 0);
        assertThat(distribution(region(), cycle, "Y60").getInt("organisations")).isEqualTo(1);
    }

    @Test
    void reopenedAssessmentLeavesUntilSubmittedAgainAndDuplicatesCountOnce() {
        String cycle = "2023-24-reopen";
        String id = AssessmentFixtures.submitted("a-reopen-rha", cycle, RHA, 1, "NATIONAL", AssessmentFixtures.allAt(1));
        Events.publish(uk.nhs.impact.contracts.Topics.ASSESSMENT, id, uk.nhs.impact.contracts.EventTypes.ASSESSMENT_SUBMITTED, "RHA",
                Map.of("assessmentId", "a-reopen-rha", "cycle", cycle, "referenceDate", "2023-09-30", "organisation", RHA,
                        "revision", 1, "sharing", "NATIONAL", "answers", AssessmentFixtures.allAt(1)));
        AssessmentFixtures.submitted("a-reopen-rx1", cycle, RX1, 1, "NATIONAL", AssessmentFixtures.allAt(2));
        Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", national())
                .get("/api/v1/reports/self-assessment/" + cycle + "/distribution").jsonPath().getInt("organisations"), n -> n == 2);
        assertThat(distribution(national(), cycle, null).getInt("questions[0].distribution.answers")).isEqualTo(2);

        AssessmentFixtures.reopened("a-reopen-rha", RHA, 2);
        Eventually.await(Duration.ofSeconds(30), () -> distribution(national(), cycle, null).getInt("organisations"), n -> n == 1);

        AssessmentFixtures.submitted("a-reopen-rha", cycle, RHA, 3, "NATIONAL", AssessmentFixtures.allAt(3));
        Eventually.await(Duration.ofSeconds(30), () -> distribution(national(), cycle, null).getInt("organisations"), n -> n == 2);
        assertThat(distribution(national(), cycle, null).getList("questions[0].distribution.levels.level", Integer.class)).isEqualTo(List.of(2, 3));
    }

    @Test
    void whatTheViewerMayReadOneByOneIsShownHowEverFewAndOtherAreasAreNotFound() {
        String cycle = "2023-24-small-icb";
        AssessmentFixtures.submitted("a-small-rha", cycle, RHA, 1, "ICB", AssessmentFixtures.allAt(2));
        AssessmentFixtures.submitted("a-small-rx1", cycle, RX1, 1, "ICB", AssessmentFixtures.allAt(3));
        String icb = Tokens.bearer("QT1", "icb-oversight");
        JsonPath d = Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", icb)
                .get("/api/v1/reports/self-assessment/" + cycle + "/distribution"),
                r -> r.statusCode() == 200
                        && r.jsonPath().getInt("organisations") == 2)
                .jsonPath();
        // Both shared with the ICB, so its overseers may read each one: two of them hide nothing.
        assertThat(d.getString("area")).isEqualTo("QT1");
        assertThat(d.getString("sharedAtLeast")).isEqualTo("ICB");
        assertThat(d.getBoolean("questions[0].distribution.suppressed")).isFalse();
        assertThat(d.getList("questions[0].distribution.levels.level", Integer.class)).isEqualTo(List.of(2, 3));

        String csv = given().header("Authorization", icb).accept("text/csv")
                .when().get("/api/v1/reports/self-assessment/" + cycle + "/distribution").then().statusCode(200).extract().asString();
        assertThat(csv.contains(cycle + ",QT1,ICB,2,question,Q1,C1,2,1,2,50,2.5,false,")).as(csv).isTrue();

        // Neither counts for the region or the nation, which the organisations did not share with.
        given().header("Authorization", region()).queryParam("area", "QT1")
                .when().get("/api/v1/reports/self-assessment/" + cycle + "/distribution").then().statusCode(200)
                .body("organisations", org.hamcrest.Matchers.equalTo(0));
        given().header("Authorization", Tokens.bearer("QUA", "icb-oversight")).queryParam("area", "QT1")
                .when().get("/api/v1/reports/self-assessment/" + cycle + "/distribution").then().statusCode(404);
    }

    @Test
    void trendFollowsAComponentAcrossCycles() {
        Map<String, Object> trendOrg = org("RBS", "trust", "specialist", "QYG", "Y62");
        AssessmentFixtures.submitted("a-trend-1", "2021-22-trend", trendOrg, 1, "NATIONAL", AssessmentFixtures.allAt(1));
        AssessmentFixtures.submitted("a-trend-2", "2022-23-trend", trendOrg, 1, "NATIONAL", AssessmentFixtures.allAt(2));
        JsonPath t = Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", national())
                .queryParam("component", "C3").get("/api/v1/reports/trends/self-assessment").jsonPath(),
                p -> p.getList("points.findAll { it.period.endsWith('-trend') }").size() == 2);
        assertThat(t.getList("points.findAll { it.period.endsWith('-trend') }.period", String.class)).isEqualTo(List.of("2021-22-trend", "2022-23-trend"));
        assertThat(t.getList("points.findAll { it.period.endsWith('-trend') }.medianLevel", Integer.class)).isEqualTo(List.of(1, 2));
        given().header("Authorization", national()).when().get("/api/v1/reports/trends/self-assessment")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("component"));
    }
}
