package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The leaks reported against the old rules, over HTTP with real tokens, against the new access table and disclosure guard.
 * The data go straight into the read models (a cycle, survey run and baseline collection of this class's own):
 * <ul>
 *   <li>QYG's specialist trusts: three share nationally (all at level 2), one only with its region (all at level 5);</li>
 *   <li>a Midlands ambulance trust shares with its region, the only one of its type there that does;</li>
 *   <li>survey: 3 community-trust respondents nationally (2 Midlands, 1 North West); in the North West 24 respondents of
 *   acute trusts and 6 of others, so region minus acute would leave 6.</li>
 * </ul>
 */
@QuarkusTest
class DisclosureRegressionTest {
    private static final String CYCLE = "regress-2023-24";
    private static final String RUN = "regress-survey-2023";
    private static final String COLLECTION = "regress-baseline-2023";
    private static final LocalDate REF = LocalDate.of(2023, 9, 30);
    private static boolean loaded;

    @Inject
    Pool pool;
    @Inject
    OrganisationHierarchy hierarchy;

    @BeforeEach
    void loadOnce() {
        if (loaded) {
            return;
        }
        List<Organisation> specialists = trusts(null, "QYG", "specialist");
        for (int i = 0; i < 4; i++) {
            assessment(specialists.get(i), i < 3 ? "NATIONAL" : "REGION", i < 3 ? 2 : 5);
        }
        assessment(trusts("Y60", null, "ambulance").get(0), "REGION", 4);
        assessment(trusts("Y60", null, "acute").get(0), "NATIONAL", 3);

        respondents(trusts("Y60", null, "acute").get(0), 15);
        respondents(trusts("Y60", null, "community").get(0), 2);
        respondents(trusts("Y62", null, "community").get(0), 1);
        List<Organisation> acute = trusts("Y62", null, "acute");
        respondents(acute.get(0), 10);
        respondents(acute.get(1), 8);
        respondents(acute.get(2), 6);
        respondents(trusts("Y62", null, "specialist").get(0), 3);
        respondents(trusts("Y62", null, "mental_health").get(0), 2);
        pool.preparedQuery("insert into survey_run(run_id, instrument_id, instrument_version, reference_date, closed) values ($1, 'x', 1, $2, true)")
                .execute(Tuple.of(RUN, REF)).await().atMost(Duration.ofSeconds(30));

        Organisation rha = hierarchy.find("RHA").orElseThrow();
        pool.preparedQuery("insert into baseline_collection(collection_id, name, reference_date, closed) values ($1, 'regression', $2, true)")
                .execute(Tuple.of(COLLECTION, REF)).await().atMost(Duration.ofSeconds(30));
        pool.preparedQuery("""
                insert into baseline_return(collection_id, ods_code, org_type, trust_type, icb_code, region_code, reference_date,
                    revision, answers, submitted_at) values ($1, $2, 'trust', $3, 'QT1', 'Y60', $4, 1, $5, $6)""")
                .execute(Tuple.tuple(List.of(COLLECTION, rha.odsCode(), rha.trustType(), REF,
                        new JsonObject().put("leadership_exec_responsibility", true), OffsetDateTime.now(ZoneOffset.UTC))))
                .await().atMost(Duration.ofSeconds(30));
        loaded = true;
    }

    // ---- (a) region staff without the analyst role ------------------------------------------------------------------

    @Test
    void regionStaffWithoutTheAnalystRoleReadNoSelfAssessmentView() {
        String staff = Tokens.bearer("Y60", "submitter", "viewer");
        distribution(staff, Map.of()).then().statusCode(404);
        distribution(staff, Map.of("area", "Y60")).then().statusCode(404);
        distribution(staff, Map.of("area", "Y60", "trustType", "ambulance")).then().statusCode(404);
        survey(staff, Map.of()).then().statusCode(404);
        // the region's analysts do read it: it is the role, not the data, that closes it
        distribution(Tokens.bearer("Y60", "region-analyst"), Map.of("area", "Y60", "trustType", "ambulance")).then().statusCode(200);
    }

    // ---- a directorate is not national ------------------------------------------------------------------------------

    @Test
    void directorateStaffReadNoNationalView() {
        String directorate = Tokens.bearer("X24-DIR-MEDICAL", "submitter", "viewer");
        String national = Tokens.bearer("X24", "national-analyst");
        for (String bearer : List.of(national, directorate)) {
            int expected = bearer.equals(national) ? 200 : 404;
            distribution(bearer, Map.of()).then().statusCode(expected);
            distribution(bearer, Map.of("area", "X24")).then().statusCode(expected);
            survey(bearer, Map.of("area", "X24")).then().statusCode(expected);
            given().header("Authorization", bearer).queryParam("area", "X24")
                    .when().get("/api/v1/reports/baseline/" + COLLECTION + "/headline").then().statusCode(expected);
            given().header("Authorization", bearer).queryParam("area", "X24")
                    .when().get("/api/v1/reports/baseline/" + COLLECTION + "/completeness").then().statusCode(expected);
            given().header("Authorization", bearer).queryParam("component", "C1").queryParam("area", "X24")
                    .when().get("/api/v1/reports/trends/self-assessment").then().statusCode(expected);
            given().header("Authorization", bearer).queryParam("question", "leadership_exec_responsibility").queryParam("orgType", "trust")
                    .queryParam("area", "X24").when().get("/api/v1/reports/trends/baseline").then().statusCode(expected);
        }
        distribution(directorate, Map.of("area", "X24-DIR-MEDICAL")).then().statusCode(404);
    }

    // ---- (b) national analyst narrowing to an ICB and a trust type ---------------------------------------------------

    @Test
    void nationalAnalystsNarrowedViewDoesNotCountTheRegionSharedTrust() {
        JsonPath d = distribution(Tokens.bearer("X24", "national-analyst"), Map.of("area", "QYG", "trustType", "specialist"))
                .then().statusCode(200).extract().jsonPath();
        List<Boolean> suppressed = d.getList("questions.distribution.suppressed", Boolean.class);
        assertThat(suppressed.isEmpty()).isFalse();
        if (suppressed.stream().allMatch(s -> s)) {
            return; // suppressed: nothing to subtract from
        }
        assertThat(d.getInt("organisations")).as("only the three national sharers count for a national analyst").isEqualTo(3);
        for (int q = 0; q < 22; q++) {
            assertThat(d.getList("questions[" + q + "].distribution.levels.level", Integer.class))
                    .as("no level 5 of the region-only sharer in question " + (q + 1)).isEqualTo(List.of(2));
            assertThat(d.getList("questions[" + q + "].distribution.levels.figure.numerator", Integer.class)).isEqualTo(List.of(3));
        }
    }

    // ---- (c) survey small groups ----------------------------------------------------------------------------------

    @Test
    void nationalSurveyOfThreeCommunityRespondentsIsSuppressed() {
        String national = Tokens.bearer("X24", "national-analyst");
        JsonPath all = survey(national, Map.of()).then().statusCode(200).extract().jsonPath();
        assertThat(all.getInt("meta.respondents")).isEqualTo(47);
        assertThat(all.getBoolean("questions.find { it.code == 'S1_progress' }.options[0].figure.suppressed")).as("47 respondents: published").isFalse();

        JsonPath community = survey(national, Map.of("trustType", "community")).then().statusCode(200).extract().jsonPath();
        assertThat(community.getInt("meta.respondents")).isEqualTo(3);
        List<Boolean> suppressed = community.getList("questions.find { it.code == 'S1_progress' }.options.figure.suppressed", Boolean.class);
        assertThat(suppressed.isEmpty()).isFalse();
        assertThat(suppressed.stream().allMatch(s -> s)).as("3 community respondents: every option figure suppressed").isTrue();
        assertThat(community.getList("questions.find { it.code == 'S1_progress' }.options.figure.numerator.findAll { it != null }")).isEqualTo(List.of());
        assertThat(community.getList("questions.find { it.code == 'S4_comments' }.comments.flatten()")).isEqualTo(List.of());
    }

    @Test
    void regionMinusAcuteLeavingFewerThanTenSuppressesTheAcuteFigures() {
        String region = Tokens.bearer("Y62", "region-analyst");
        JsonPath whole = survey(region, Map.of()).then().statusCode(200).extract().jsonPath();
        assertThat(whole.getString("area")).isEqualTo("Y62");
        assertThat(whole.getInt("meta.respondents")).isEqualTo(30);
        JsonPath acute = survey(region, Map.of("trustType", "acute")).then().statusCode(200).extract().jsonPath();
        assertThat(acute.getInt("meta.respondents")).isEqualTo(24);
        boolean wholePublished = !whole.getBoolean("questions.find { it.code == 'S1_progress' }.options[0].figure.suppressed");
        boolean acutePublished = !acute.getBoolean("questions.find { it.code == 'S1_progress' }.options[0].figure.suppressed");
        assertThat(wholePublished && acutePublished).as("both published: the 6 non-acute respondents follow by difference").isFalse();
        assertThat(wholePublished).as("the region as a whole (30 respondents) is decided first and published").isTrue();
        assertThat(acutePublished).as("so acute (24) is suppressed, leaving 6 behind").isFalse();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private static io.restassured.response.Response distribution(String bearer, Map<String, String> params) {
        return request(bearer, params).when().get("/api/v1/reports/self-assessment/" + CYCLE + "/distribution");
    }

    private static io.restassured.response.Response survey(String bearer, Map<String, String> params) {
        return request(bearer, params).when().get("/api/v1/reports/survey/" + RUN + "/results");
    }

    private static RequestSpecification request(String bearer, Map<String, String> params) {
        RequestSpecification r = given().header("Authorization", bearer);
        params.forEach(r::queryParam);
        return r;
    }

    private List<Organisation> trusts(String region, String icb, String type) {
        return hierarchy.all(OrgLevel.TRUST, REF).stream().filter(t -> type.equals(t.trustType()))
                .filter(t -> region == null || hierarchy.regionOf(t.odsCode(), REF).filter(region::equals).isPresent())
                .filter(t -> icb == null || hierarchy.icbOf(t.odsCode(), REF).filter(icb::equals).isPresent()).toList();
    }

    private void assessment(Organisation trust, String sharing, int level) {
        JsonObject answers = new JsonObject();
        int q = 0;
        for (int c = 0; c < AssessmentFixtures.QUESTIONS.length; c++) {
            for (int i = 0; i < AssessmentFixtures.QUESTIONS[c]; i++) {
                answers.put("Q" + (++q), new JsonObject().put("component", "C" + (c + 1)).put("level", level).put("levelCode", "level-" + level));
            }
        }
        String icb = hierarchy.icbOf(trust.odsCode(), REF).orElseThrow();
        pool.preparedQuery("""
                insert into assessment_record(assessment_id, ods_code, org_type, trust_type, icb_code, region_code, cycle,
                    reference_date, instrument_id, instrument_version, revision, status, sharing, answers, submitted_at)
                values ($1, $2, 'trust', $3, $4, $5, $6, $7, 'nhs-impact-self-assessment', 1, 1, 'SUBMITTED', $8, $9, $10)""")
                .execute(Tuple.tuple(List.of("regress-" + trust.odsCode(), trust.odsCode(), trust.trustType(), icb,
                        hierarchy.regionOf(icb, REF).orElseThrow(), CYCLE, REF, sharing, answers, OffsetDateTime.now(ZoneOffset.UTC))))
                .await().atMost(Duration.ofSeconds(30));
    }

    private int respondent;

    private void respondents(Organisation trust, int n) {
        String icb = hierarchy.icbOf(trust.odsCode(), REF).orElseThrow();
        String region = hierarchy.regionOf(icb, REF).orElseThrow();
        List<Tuple> rows = new ArrayList<>();
        String[] options = {"embedded", "maturing", "underway", "planning"};
        for (int i = 0; i < n; i++) {
            respondent++;
            JsonObject answers = new JsonObject().put("S1_progress", options[respondent % options.length])
                    .put("S4_comments", new JsonObject().put("text", "Comment of respondent " + respondent));
            rows.add(Tuple.tuple(List.of(RUN, "regress-" + respondent, trust.odsCode(), trust.trustType(), icb, region, "lead", 1, answers)));
        }
        pool.preparedQuery("""
                insert into survey_response(run_id, respondent_id, ods_code, trust_type, icb_code, region_code, respondent_role,
                    revision, answers) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .executeBatch(rows).await().atMost(Duration.ofSeconds(30));
    }
}
