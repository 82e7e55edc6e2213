package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;

/**
 * One organisation's profile, built from events on the real broker. RHA (mental health, ICB QT1, region Y60) in cycle 2031-32:
 * its self-assessment shared with its ICB; three Midlands mental health trusts outside QT1 (RLY, RP1, RP7) and one in the
 * East of England (R1L) share theirs nationally. Baseline returns from RHA, RLY, RP1 and R1L; survey respondents: 12 at RHA,
 * 12 at RLY, 5 at R1L. In 2030-31 RHA alone filed, sharing nationally.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProfileReportTest {
    private static final String CYCLE = "2031-32";
    private static final String PREVIOUS = "2030-31";
    private static final String RHA_ID = "profile-rha-2031";
    private static final Map<String, Object> RHA = org("RHA", "trust", "mental_health", "QT1", "Y60");
    private static final Map<String, Map<String, Object>> PEERS = new LinkedHashMap<>();
    private static boolean loaded;

    static {
        PEERS.put("RLY", org("RLY", "trust", "mental_health", "QNC", "Y60"));
        PEERS.put("RP1", org("RP1", "trust", "mental_health", "QPM", "Y60"));
        PEERS.put("RP7", org("RP7", "trust", "mental_health", "QJM", "Y60"));
        PEERS.put("R1L", org("R1L", "trust", "mental_health", "QH8", "Y61"));
    }

    @Inject
    Pool pool;

    @BeforeEach
    void publishOnce() {
        if (loaded) {
            return;
        }
        AssessmentFixtures.submitted(RHA_ID, CYCLE, RHA, 1, 1L, "ICB", AssessmentFixtures.seed001());
        AssessmentFixtures.submitted("profile-rha-2030", PREVIOUS, RHA, 1, 1L, "NATIONAL", AssessmentFixtures.allAt(1));
        PEERS.forEach((ods, org) -> AssessmentFixtures.submitted("profile-" + ods + "-2031", CYCLE, org, 1, 1L, "NATIONAL",
                AssessmentFixtures.allAt(ods.equals("R1L") ? 3 : 2)));

        collection("profile-2031", "2031-08-31");
        collection("profile-2030", "2030-08-31");
        int[] yes = {2, 1, 4, 0};
        List<Map<String, Object>> filers = List.of(RHA, PEERS.get("RLY"), PEERS.get("RP1"), PEERS.get("R1L"));
        for (int i = 0; i < filers.size(); i++) {
            baseline("profile-2031", "2031-08-31", filers.get(i), BaselineFixtures.answers(i, yes, null));
        }
        baseline("profile-2030", "2030-08-31", RHA, BaselineFixtures.answers(0, new int[]{0, 0, 0, 0}, null));

        Events.publish(Topics.SURVEY, EventTypes.SURVEY_RUN_OPENED, "X24", Map.of("runId", "profile-2031-survey", "instrumentId",
                "nhsp-improvement-survey-2023", "instrumentVersion", 1, "referenceDate", "2031-08-31", "opensAt", "2031-08-01T00:00:00Z",
                "closesAt", "2031-08-31T23:59:59Z"));
        for (int i = 0; i < 12; i++) {
            respond("rha-" + i, RHA, Map.of("P1_progress", i < 9 ? "embedded" : "underway", "P2_comments", Map.of("text", "=SUM(A1:A9) " + i)));
            respond("rly-" + i, PEERS.get("RLY"), Map.of("P1_progress", "embedded"));
        }
        for (int i = 0; i < 5; i++) {
            respond("r1l-" + i, PEERS.get("R1L"), Map.of("P1_progress", "planning"));
        }
        Eventually.await(Duration.ofSeconds(60), () -> count("select count(*) from survey_response where run_id = 'profile-2031-survey'")
                + count("select count(*) from baseline_return where collection_id like 'profile-203%'")
                + count("select count(*) from assessment_record where cycle in ('2031-32', '2030-31')"), n -> n == 29 + 5 + 6);
        loaded = true;
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private static void collection(String id, String date) {
        Events.publish(Topics.BASELINE, EventTypes.BASELINE_COLLECTION_OPENED, "X24", Map.of("collectionId", id, "name", "Profile " + id,
                "referenceDate", date, "opensAt", date + "T00:00:00Z", "closesAt", date + "T23:59:59Z"));
    }

    private static void baseline(String collection, String date, Map<String, Object> org, Map<String, Object> answers) {
        Map<String, Object> data = BaselineFixtures.returnEvent(collection, org, 1, answers);
        data.put("referenceDate", date);
        Events.publish(Topics.BASELINE, EventTypes.BASELINE_RETURN_SUBMITTED, (String) org.get("odsCode"), data);
    }

    private static void respond(String id, Map<String, Object> org, Map<String, Object> answers) {
        Events.publish(Topics.SURVEY, EventTypes.SURVEY_RESPONSE_SUBMITTED, (String) org.get("odsCode"), Map.of("runId", "profile-2031-survey",
                "respondentId", "profile-" + id, "respondentRole", "chief_executive", "organisation", org, "revision", 1, "answers", answers));
    }

    static JsonPath profile(String bearer) {
        return given().header("Authorization", bearer).queryParam("cycle", CYCLE).when().get("/api/v1/reports/organisations/RHA/profile")
                .then().statusCode(200).extract().jsonPath();
    }

    private static String section(String kind, String period) {
        return "sections.find { it.kind == '" + kind + "' && it.period == '" + period + "' }";
    }

    private static String group(String kind, String period, String group) {
        return section(kind, period) + ".groups.find { it.group == '" + group + "' }";
    }

    /** numerator/denominator=percentage of one line. */
    private static String figure(JsonPath p, String group, String item, String option) {
        Map<String, Object> f = p.getMap(group + ".lines.find { it.item == '" + item + "' && it.option == '" + option + "' }.figure");
        return f == null ? null : f.get("numerator") + "/" + f.get("denominator") + "=" + f.get("percentage");
    }

    @Test
    @Order(1)
    void theTrustSeesItsOwnReturnsAndPeersWhereNoHiddenValueFollows() {
        JsonPath p = profile(Tokens.bearer("RHA", "viewer"));
        assertThat(p.getString("cycle")).isEqualTo(CYCLE);
        assertThat(p.getString("previousCycle")).isEqualTo(PREVIOUS);
        // self-assessment: own levels; national peers (RHA and four others) published; the Midlands group would leave R1L
        // alone by difference with the national group and the position view's trust-type peers
        String own = group("self-assessment", "current", "own");
        assertThat(p.getString(section("self-assessment", "current") + ".own")).isEqualTo("AVAILABLE");
        assertThat(figure(p, own, "Q1", "1")).isEqualTo("1/1=100");
        assertThat(figure(p, own, "C2", "2")).isEqualTo("2/4=50");
        String national = group("self-assessment", "current", "national");
        assertThat(p.getString(national + ".code")).isEqualTo("X24:mental_health");
        assertThat(p.getInt(national + ".contributors")).isEqualTo(5);
        assertThat(List.of(figure(p, national, "Q1", "1"), figure(p, national, "Q1", "2"), figure(p, national, "Q1", "3")))
                .containsExactly("1/5=20", "3/5=60", "1/5=20");
        String region = group("self-assessment", "current", "region");
        assertThat(p.getInt(region + ".contributors")).isEqualTo(4);
        assertThat(p.getBoolean(region + ".suppressed")).isTrue();
        assertThat(p.getList(region + ".lines")).isEmpty();
        // baseline: own answers as filed; nationally RHA, RLY, RP1 and R1L; the Midlands' two others are too few
        assertThat(p.getBoolean(section("baseline", "current") + ".answers.leadership_exec_responsibility")).isTrue();
        assertThat(figure(p, group("baseline", "current", "own"), "tools_improvement_methods", "yes")).isEqualTo("1/1=100");
        String bNational = group("baseline", "current", "national");
        assertThat(List.of(figure(p, bNational, "leadership_exec_responsibility", "yes"), figure(p, bNational, "tools_improvement_methods", "yes"),
                figure(p, bNational, "governance_reporting", "yes"), figure(p, bNational, "capability_staff_training", "yes")))
                .containsExactly("2/4=50", "1/4=25", "4/4=100", "0/4=0");
        assertThat(p.getBoolean(group("baseline", "current", "region") + ".suppressed")).isTrue();
        assertThat(p.getString(group("baseline", "current", "region") + ".suppressionReason")).startsWith("fewer than 3 organisations");
        // survey: own 12 respondents, as the survey view of RHA; national 29; the Midlands' 24 would leave R1L's 5 by difference
        String sOwn = group("survey", "current", "own");
        assertThat(List.of(figure(p, sOwn, "P1_progress", "answered"), figure(p, sOwn, "P1_progress", "embedded"),
                figure(p, sOwn, "P1_progress", "underway"))).containsExactly("12/12=100", "9/12=75", "3/12=25");
        assertThat(p.getList(section("survey", "current") + ".comments", String.class)).hasSize(12);
        String sNational = group("survey", "current", "national");
        assertThat(List.of(figure(p, sNational, "P1_progress", "embedded"), figure(p, sNational, "P1_progress", "underway"),
                figure(p, sNational, "P1_progress", "planning"))).containsExactly("21/29=72", "3/29=10", "5/29=17");
        assertThat(p.getBoolean(group("survey", "current", "region") + ".suppressed")).isTrue();
        assertThat(p.getString(group("survey", "current", "region") + ".suppressionReason")).contains("by difference");
        // the cycle before: RHA alone
        assertThat(figure(p, group("self-assessment", "previous", "own"), "Q1", "1")).isEqualTo("1/1=100");
        assertThat(figure(p, group("baseline", "previous", "own"), "leadership_exec_responsibility", "yes")).isEqualTo("0/1=0");
        assertThat(p.getString(section("survey", "previous") + ".own")).isEqualTo("NONE");
    }

    @Test
    @Order(2)
    void theTierDecidesWhatCounts() {
        // national: RHA shares with its ICB only in 2031-32, so it does not count and is not shown; in 2030-31 it shared nationally
        JsonPath n = profile(Tokens.bearer("X24", "national-analyst"));
        assertThat(n.getString(section("self-assessment", "current") + ".own")).isEqualTo("NOT_AVAILABLE");
        assertThat(n.getList(group("self-assessment", "current", "own"))).isNull();
        assertThat(n.getInt(group("self-assessment", "current", "national") + ".contributors")).isEqualTo(4);
        assertThat(figure(n, group("self-assessment", "current", "national"), "Q1", "2")).isEqualTo("3/4=75");
        assertThat(figure(n, group("self-assessment", "current", "region"), "Q1", "2")).isEqualTo("3/3=100");
        assertThat(n.getString(section("self-assessment", "previous") + ".own")).isEqualTo("AVAILABLE");
        assertThat(figure(n, group("baseline", "current", "region"), "leadership_exec_responsibility", "yes")).isEqualTo("2/3=67");
        // the region analyst reads the Midlands peers one by one; R1L alone would make the national group
        JsonPath r = profile(Tokens.bearer("Y60", "region-analyst"));
        assertThat(r.getString(section("self-assessment", "current") + ".own")).isEqualTo("NOT_AVAILABLE");
        assertThat(figure(r, group("self-assessment", "current", "region"), "Q1", "2")).isEqualTo("3/3=100");
        assertThat(r.getBoolean(group("self-assessment", "current", "national") + ".suppressed")).isTrue();
        assertThat(r.getBoolean(group("baseline", "current", "national") + ".suppressed")).isTrue();
        // the ICB reads RHA's assessment, shared with it
        JsonPath i = profile(Tokens.bearer("QT1", "icb-oversight"));
        assertThat(i.getString(section("self-assessment", "current") + ".own")).isEqualTo("AVAILABLE");
        assertThat(figure(i, group("self-assessment", "current", "own"), "Q6", "2")).isEqualTo("1/1=100");
    }

    @ParameterizedTest(name = "{0} reads the survey of RHA as the survey view shows it")
    @CsvSource({"RHA, viewer", "QT1, icb-oversight", "Y60, region-analyst", "X24, national-analyst"})
    @Order(3)
    void ownSurveyFiguresAreSuppressedExactlyAsTheSurveyView(String org, String role) {
        String bearer = Tokens.bearer(org, role);
        JsonPath p = profile(bearer);
        JsonPath view = given().header("Authorization", bearer).queryParam("area", "RHA").when()
                .get("/api/v1/reports/survey/profile-2031-survey/results").then().statusCode(200).extract().jsonPath();
        String q = "questions.find { it.code == 'P1_progress' }";
        boolean viewSuppressed = view.getBoolean(q + ".answered.suppressed");
        String own = group("survey", "current", "own");
        boolean suppressed = p.getBoolean(own + ".suppressed") || p.getBoolean(own + ".lines.find { it.item == 'P1_progress' }.figure.suppressed");
        assertThat(suppressed).as("suppressed as the survey view of RHA").isEqualTo(viewSuppressed);
        assertThat(p.getList(section("survey", "current") + ".comments")).hasSize(viewSuppressed
                ? 0
                : view.getList("questions.find { it.code == "
                        + "'P2_comments' }.comments").size());
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @CsvSource({
            "RHA, viewer,                200",
            "RHA, submitter+viewer,      200",
            "QT1, icb-oversight,         200",
            "Y60, region-analyst,        200",
            "X24, national-analyst,      200",
            "RK5, submitter+viewer,      404",
            "QUA, icb-oversight,         404",
            "Y62, region-analyst,        404",
            "X24, instrument-admin,      404",
            "Y60, submitter+viewer,      404",
            "RHA, region-analyst,        404",
    })
    @Order(4)
    void accessMatrix(String org, String roles, int status) {
        var r = given().header("Authorization", Tokens.bearer(org, roles.split("\\+"))).queryParam("cycle", CYCLE).when()
                .get("/api/v1/reports/organisations/RHA/profile");
        assertThat(r.statusCode()).isEqualTo(status);
        if (status == 404) {
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    @Order(5)
    void unknownCodesAre404AndABadCycleIs400NamingIt() {
        String national = Tokens.bearer("X24", "national-analyst");
        given().header("Authorization", national).queryParam("cycle", CYCLE).get("/api/v1/reports/organisations/NOPE1/profile").then()
                .statusCode(404).contentType("application/problem+json");
        for (String bad : new String[]{"2031-33", "baseline-2031", ""}) {
            JsonPath e = given().header("Authorization", national).queryParam("cycle", bad).get("/api/v1/reports/organisations/RHA/profile")
                    .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
            assertThat(e.getList("errors.field", String.class)).as(bad).anySatisfy(f -> assertThat(f).endsWith("cycle"));
        }
    }

    @Test
    @Order(6)
    void csvCarriesTheSameFiguresWithFreeTextNeutralised() {
        String csv = given().header("Authorization", Tokens.bearer("RHA", "viewer")).accept("text/csv").queryParam("cycle", CYCLE).when()
                .get("/api/v1/reports/organisations/RHA/profile").then().statusCode(200).extract().asString().replace("\uFEFF", "");
        assertThat(csv).startsWith("ods_code,cycle,section,period,source,own,group,group_code,contributors,item,option,numerator,denominator,"
                + "percentage,suppressed,suppression_reason");
        assertThat(csv).contains("RHA,2031-32,survey,current,profile-2031-survey,available,national,X24:mental_health,29,P1_progress,embedded,21,29,72,false,");
        assertThat(csv).contains("RHA,2031-32,self-assessment,current,2031-32,available,national,X24:mental_health,5,Q1,2,3,5,60,false,");
        assertThat(csv).contains(",comment,\"'=SUM(A1:A9) 0\"");
        assertThat(csv.lines().flatMap(l -> java.util.Arrays.stream(l.split(","))).noneMatch(c -> c.startsWith("="))).isTrue();
    }

    @Test
    @Order(7)
    void afterTheSharingIsNarrowedTheAssessmentIsNotAvailableToAnyone() {
        AssessmentFixtures.sharingChanged(RHA_ID, CYCLE, RHA, 2, 2L, "SUBMITTED", "ICB", "PRIVATE", AssessmentFixtures.seed001());
        AssessmentFixtures.awaitApplied(pool, RHA_ID, 2L);
        for (String bearer : List.of(Tokens.bearer("RHA", "viewer"), Tokens.bearer("QT1", "icb-oversight"))) {
            JsonPath p = profile(bearer);
            assertThat(p.getString(section("self-assessment", "current") + ".own")).isEqualTo("NOT_AVAILABLE");
            assertThat(p.getString(section("self-assessment", "current") + ".note")).isEqualTo(
                    "No self-assessment of this organisation for the cycle is available to the caller.");
            assertThat(p.getInt(group("self-assessment", "current", "national") + ".contributors")).isEqualTo(4);
        }
    }
}
