package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
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

/** Seed 002's published table, reproduced from raw return events sent through the real broker. */
@QuarkusTest
class BaselineReportTest {
    private static final String COLLECTION = "baseline-2023-oracle";
    private static final LocalDate REF = LocalDate.of(2023, 8, 31);
    private static final OrganisationHierarchy H = OrganisationHierarchy.loadBundled();
    private static final int PROVIDERS = 200;
    private static final int ICB_RETURNS = 100;
    private static boolean loaded;

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @BeforeEach
    void fileTheReturnsOnce() {
        if (loaded) {
            return;
        }
        BaselineFixtures.collectionOpened(COLLECTION);
        List<Organisation> trusts = H.all(OrgLevel.TRUST, REF).subList(0, PROVIDERS);
        for (int i = 0; i < PROVIDERS; i++) {
            Organisation t = trusts.get(i);
            List<String> methods = i < 150 ? (i < 100 ? List.of("QSIR", "Lean") : List.of("QSIR")) : (i < 190 ? List.of("Lean") : List.of());
            BaselineFixtures.submit(COLLECTION, org(t.odsCode(), "trust", t.trustType(), H.icbOf(t.odsCode(), REF).orElseThrow(),
                    H.regionOf(t.odsCode(), REF).orElseThrow()), 1, BaselineFixtures.answers(i, new int[]{192, 190, 168, 82}, methods));
        }
        // 1% of ICB answers needs at least 67 of them, so one return per ICB (42) cannot give the published figures:
        // the fixture files 100 ICB-level returns (e.g. from ICB places), which gives 90/46/89/1 exactly.
        for (int i = 0; i < ICB_RETURNS; i++) {
            String code = String.format("ICB-PLACE-%03d", i);
            BaselineFixtures.submit(COLLECTION, org(code, "icb", null, null, "Y60"), 1,
                    BaselineFixtures.answers(i, new int[]{90, 46, 89, 1}, null));
        }
        List<Organisation> regions = H.all(OrgLevel.REGION, REF);
        for (int i = 0; i < regions.size(); i++) {
            String r = regions.get(i).odsCode();
            BaselineFixtures.submit(COLLECTION, org(r, "region", null, null, r), 1, BaselineFixtures.answers(i, new int[]{7, 5, 5, 0}, null));
        }
        List<Organisation> directorates = H.all(OrgLevel.DIRECTORATE, REF).subList(0, 10);
        for (int i = 0; i < directorates.size(); i++) {
            BaselineFixtures.submit(COLLECTION, org(directorates.get(i).odsCode(), "directorate", null, null, null), 1,
                    BaselineFixtures.answers(i, new int[]{7, 8, 4, 1}, null));
        }
        Eventually.await(Duration.ofSeconds(90), () -> headline(national(), null).getInt("orgTypes.sum { it.returns }"),
                n -> n == PROVIDERS + ICB_RETURNS + 7 + 10);
        loaded = true;
    }

    private static String national() {
        return Tokens.bearer("X24", "national-analyst");
    }

    private static JsonPath headline(String bearer, String area) {
        var request = given().header("Authorization", bearer);
        if (area != null) {
            request.queryParam("area", area);
        }
        return request.when().get("/api/v1/reports/baseline/" + COLLECTION + "/headline").then().statusCode(200).extract().jsonPath();
    }

    private static List<Integer> percentages(JsonPath table, String orgType) {
        return table.getList("orgTypes.find { it.orgType == '" + orgType + "' }.measures.figure.percentage", Integer.class);
    }

    @Test
    void reproducesThePublishedTable() {
        JsonPath t = headline(national(), null);
        assertThat(percentages(t, "trust")).isEqualTo(List.of(96, 95, 84, 41));
        assertThat(percentages(t, "icb")).isEqualTo(List.of(90, 46, 89, 1));
        assertThat(percentages(t, "region")).isEqualTo(List.of(100, 71, 71, 0));
        assertThat(percentages(t, "directorate")).isEqualTo(List.of(70, 80, 40, 10));
        assertThat(t.getList("orgTypes.find { it.orgType == 'region' }.measures.figure.numerator", Integer.class)).isEqualTo(List.of(7, 5, 5, 0));
        assertThat(t.getList("orgTypes.find { it.orgType == 'region' }.measures.figure.denominator", Integer.class)).isEqualTo(List.of(7, 7, 7, 7));
        assertThat(t.getList("orgTypes.find { it.orgType == 'directorate' }.measures.figure.denominator", Integer.class)).isEqualTo(List.of(10, 10, 10, 10));
        assertThat(t.getList("orgTypes.find { it.orgType == 'trust' }.measures.domain", String.class))
                .isEqualTo(List.of("leadership", "tools", "governance", "capability"));
    }

    @Test
    void methodsAreRankedByHowManyCiteThem() {
        JsonPath t = headline(national(), null);
        assertThat(t.getList("methods.method", String.class)).isEqualTo(List.of("QSIR", "Lean"));
        assertThat(t.getInt("methods[0].figure.numerator")).isEqualTo(150);
        assertThat(t.getInt("methods[1].figure.numerator")).isEqualTo(140);
        assertThat(t.getInt("methods[0].figure.denominator")).as("providers that answered which methods they use").isEqualTo(200);
    }

    @Test
    void csvCarriesTheSameNumbers() {
        JsonPath json = headline(national(), null);
        String csv = given().header("Authorization", national()).accept("text/csv")
                .when().get("/api/v1/reports/baseline/" + COLLECTION + "/headline")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)
                .endsWith("collection_id,area,reference_date,org_type,domain,question,numerator,denominator,percentage,suppressed,suppression_reason"))
                .isTrue();
        assertThat(lines.contains(COLLECTION + ",X24,2023-08-31,region,tools,tools_improvement_methods,5,7,71,false,")).as(csv).isTrue();
        assertThat(lines.contains(COLLECTION + ",X24,2023-08-31,icb,capability,capability_staff_training,1,100,1,false,")).as(csv).isTrue();
        long jsonFigures = json.getList("orgTypes.measures.flatten()").size() + json.getList("methods").size();
        assertThat(lines.size() - 1).as("one CSV row per JSON figure").isEqualTo(jsonFigures);
    }

    @Test
    void regionalViewCoversOnlyTheRegion() {
        JsonPath t = headline(Tokens.bearer("Y60", "region-analyst"), "Y60");
        long midlandsTrusts = H.all(OrgLevel.TRUST, REF).subList(0, PROVIDERS).stream()
                .filter(o -> "Y60".equals(H.regionOf(o.odsCode(), REF).orElse(null))).count();
        assertThat(t.getLong("orgTypes.find { it.orgType == 'trust' }.returns")).isEqualTo(midlandsTrusts);
        assertThat(t.getInt("orgTypes.find { it.orgType == 'region' }.returns")).isEqualTo(1);
    }

    @Test
    void accessFollowsTheHierarchy() {
        String url = "/api/v1/reports/baseline/" + COLLECTION + "/headline";
        Map<String, Integer> expected = Map.of(
                "Y56|Y60|region-analyst", 404, "Y60|Y60|region-analyst", 200, "Y60|X24|region-analyst", 404,
                "QT1|QT1|icb-oversight", 200, "QT1|Y60|icb-oversight", 404, "RHA|RHA|viewer", 200,
                "RHA|QT1|viewer", 404, "X24|Y56|national-analyst", 200, "RX1|RHA|viewer", 404);
        expected.forEach((key, status) -> {
            String[] k = key.split("\\|");
            given().header("Authorization", Tokens.bearer(k[0], k[2])).queryParam("area", k[1])
                    .when().get(url).then().statusCode(status);
        });
        given().when().get(url).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void duplicateDeliveryCountsOnceAndAmendmentReplaces() {
        String collection = "baseline-2023-amend";
        Map<String, Object> rha = org("RHA", "trust", "mental_health", "QT1", "Y60");
        String id = BaselineFixtures.submit(collection, rha, 1, BaselineFixtures.answers(0, new int[]{1, 1, 0, 0}, List.of("QSIR")));
        Events.publish(Topics.BASELINE, id, EventTypes.BASELINE_RETURN_SUBMITTED, "RHA",
                BaselineFixtures.returnEvent(collection, rha, 1, BaselineFixtures.answers(0, new int[]{1, 1, 0, 0}, List.of("QSIR"))));
        String url = "/api/v1/reports/baseline/" + collection + "/headline";
        Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", national()).get(url).statusCode(), s -> s == 200);
        given().header("Authorization", national()).when().get(url).then().statusCode(200)
                .body("orgTypes[0].returns", equalTo(1))
                .body("orgTypes[0].measures[2].figure.numerator", equalTo(0));

        BaselineFixtures.submit(collection, rha, 2, BaselineFixtures.answers(0, new int[]{1, 1, 1, 0}, List.of("QSIR")));
        Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", national()).get(url).jsonPath()
                .getInt("orgTypes[0].measures[2].figure.numerator"), n -> n == 1);
        given().header("Authorization", national()).when().get(url).then()
                .body("orgTypes[0].returns", equalTo(1))
                .body("orgTypes[0].measures[2].figure.denominator", equalTo(1));

        // A late copy of revision 1 must not undo the amendment.
        BaselineFixtures.submit(collection, rha, 1, BaselineFixtures.answers(0, new int[]{1, 1, 0, 0}, List.of("QSIR")));
        BaselineFixtures.submit(collection, org("RX1", "trust", "acute", "QT1", "Y60"), 1,
                BaselineFixtures.answers(0, new int[]{1, 1, 1, 1}, List.of()));
        Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", national()).get(url).jsonPath()
                .getInt("orgTypes[0].returns"), n -> n == 2);
        given().header("Authorization", national()).when().get(url).then()
                .body("orgTypes[0].measures[2].figure.numerator", equalTo(2));
    }

    @Test
    void completenessNamesEveryRegionAndTheMissingDirectorates() {
        JsonPath c = given().header("Authorization", national()).when()
                .get("/api/v1/reports/baseline/" + COLLECTION + "/completeness").then().statusCode(200).extract().jsonPath();
        assertThat(c.getInt("byOrgType.find { it.code == 'region' }.submitted.numerator")).isEqualTo(7);
        assertThat(c.getInt("byOrgType.find { it.code == 'region' }.submitted.denominator")).isEqualTo(7);
        assertThat(c.getInt("byOrgType.find { it.code == 'directorate' }.submitted.numerator")).isEqualTo(10);
        assertThat(c.getInt("byOrgType.find { it.code == 'directorate' }.submitted.denominator")).isEqualTo(12);
        assertThat(c.getList("notSubmitted.findAll { it.orgType == 'directorate' }.odsCode", String.class).stream().sorted().toList())
                .isEqualTo(List.of("X24-DIR-TRANSFORMATION", "X24-DIR-WTE").stream().sorted().toList());
        assertThat(c.getInt("byOrgType.find { it.code == 'trust' }.submitted.numerator")).isEqualTo(PROVIDERS);
        assertThat(c.getInt("byOrgType.find { it.code == 'trust' }.submitted.denominator")).isEqualTo(210);
    }

    @Test
    void completenessShowsEachReturnsReviewStateAndCountsEachState() {
        String collection = "baseline-2023-review";
        String url = "/api/v1/reports/baseline/" + collection + "/completeness";
        String icb = Tokens.bearer("QT1", "icb-oversight");
        String comments = "Governance reporting is answered no, but the board paper of June says yes";
        BaselineFixtures.collectionOpened(collection);
        // QT1's four trusts, then the ICB itself
        List<Map<String, Object>> t = new java.util.ArrayList<>(H.trustsOfIcb("QT1", REF).stream()
                .map(o -> org(o.odsCode(), "trust", o.trustType(), "QT1", "Y60")).toList());
        t.add(org("QT1", "icb", null, null, "Y60"));
        Map<String, Object> answers = BaselineFixtures.answers(0, new int[]{1, 1, 0, 0}, List.of("QSIR"));
        // accepted, and the acceptance delivered twice
        BaselineFixtures.submit(collection, t.get(0), 1, answers);
        String accepted = BaselineFixtures.review(collection, t.get(0), 1, "ACCEPTED", null);
        Events.publish(Topics.BASELINE, accepted, EventTypes.BASELINE_RETURN_REVIEWED, (String) t.get(0).get("odsCode"),
                BaselineFixtures.reviewEvent(collection, t.get(0), 1, "ACCEPTED", null));
        // returned with comments, then revised and resubmitted: awaits review again
        BaselineFixtures.submit(collection, t.get(1), 1, answers);
        BaselineFixtures.review(collection, t.get(1), 1, "RETURNED", comments);
        String resubmitted = BaselineFixtures.submit(collection, t.get(1), 2, answers);
        // returned, resubmitted and accepted; then a late review of the first revision and a late copy of its submission
        BaselineFixtures.submit(collection, t.get(2), 1, answers);
        BaselineFixtures.review(collection, t.get(2), 1, "RETURNED", comments);
        BaselineFixtures.submit(collection, t.get(2), 2, answers);
        BaselineFixtures.review(collection, t.get(2), 2, "ACCEPTED", null);
        BaselineFixtures.review(collection, t.get(2), 1, "RETURNED", comments);
        String lateSubmission = BaselineFixtures.submit(collection, t.get(2), 1, answers);
        // returned and not yet resubmitted
        BaselineFixtures.submit(collection, t.get(3), 1, answers);
        String returned = BaselineFixtures.review(collection, t.get(3), 1, "RETURNED", comments);
        // submitted, never reviewed
        String waiting = BaselineFixtures.submit(collection, t.get(4), 1, answers);
        for (String id : List.of(accepted, resubmitted, lateSubmission, returned, waiting)) {
            Eventually.await(Duration.ofSeconds(30), () -> applied(id), a -> a);
        }

        JsonPath c = given().header("Authorization", icb).when().get(url).then().statusCode(200).extract().jsonPath();
        List<String> states = t.stream().map(o -> c.getString("submitted.find { it.odsCode == '" + o.get("odsCode") + "' }.reviewState"))
                .toList();
        assertThat(states).isEqualTo(List.of("ACCEPTED", "AWAITING_REVIEW", "ACCEPTED", "RETURNED", "AWAITING_REVIEW"));
        assertThat(c.getList("submitted")).hasSize(5);
        assertThat(c.getList("notSubmitted")).isEmpty();
        assertThat(figure(c, "total.submitted")).isEqualTo(List.of(5, 5, 100));
        assertThat(figure(c, "total.awaitingReview")).isEqualTo(List.of(2, 5, 40));
        assertThat(figure(c, "total.accepted")).isEqualTo(List.of(2, 5, 40));
        assertThat(figure(c, "total.returned")).isEqualTo(List.of(1, 5, 20));
        assertThat(figure(c, "byOrgType.find { it.code == 'trust' }.returned")).isEqualTo(List.of(1, 4, 25));
        assertThat(figure(c, "byOrgType.find { it.code == 'trust' }.accepted")).isEqualTo(List.of(2, 4, 50));
        assertThat(figure(c, "byOrgType.find { it.code == 'icb' }.awaitingReview")).isEqualTo(List.of(1, 1, 100));
        assertThat(figure(c, "byIcb.find { it.code == 'QT1' }.accepted")).isEqualTo(List.of(2, 5, 40));
        String json = given().header("Authorization", icb).when().get(url).asString();
        assertThat(json).as("review comments stay between the trust and its ICB").doesNotContain("board paper").doesNotContain("comments");

        String csv = given().header("Authorization", icb).accept("text/csv").when().get(url).then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).endsWith("grouping,code,name,org_type,submitted,expected,percentage,review_state,awaiting_review,"
                + "awaiting_review_percentage,accepted,accepted_percentage,returned,returned_percentage");
        String prefix = collection + ",QT1,2023-08-31,";
        assertThat(lines).as(csv).anyMatch(l -> l.startsWith(prefix + "total,QT1,") && l.endsWith(",icb,5,5,100,,2,40,2,40,1,20"));
        assertThat(lines).as(csv).anyMatch(l -> l.startsWith(prefix + "submitted," + t.get(3).get("odsCode") + ",")
                && l.endsWith(",trust,1,1,100,RETURNED,0,0,0,0,1,100"));
        assertThat(lines.stream().filter(l -> l.startsWith(prefix + "submitted,")).count()).isEqualTo(5);
        assertThat(csv).doesNotContain("board paper");
    }

    private boolean applied(String eventId) {
        return pool.preparedQuery("select count(*) from processed_event where consumer = 'reporting' and event_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(eventId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0) == 1;
    }

    private static List<Integer> figure(JsonPath c, String path) {
        return Arrays.asList(c.getObject(path + ".numerator", Integer.class), c.getObject(path + ".denominator", Integer.class),
                c.getObject(path + ".percentage", Integer.class));
    }

    @Test
    void icbSeesItsOwnTrustsCompletenessOnly() {
        given().header("Authorization", Tokens.bearer("QT1", "icb-oversight"))
                .when().get("/api/v1/reports/baseline/" + COLLECTION + "/completeness")
                .then().statusCode(200)
                .body("area", equalTo("QT1"))
                .body("byIcb", hasSize(1))
                .body("byIcb[0].code", equalTo("QT1"));
    }

    @Test
    void segmentedByOversightSegmentAtTheReferenceDate() {
        List<Organisation> trusts = H.all(OrgLevel.TRUST, REF).subList(0, 3);
        String admin = Tokens.bearer("X24", "instrument-admin");
        Map<String, Object> body = Map.of("effectiveFrom", "2023-04-01", "effectiveTo", "2024-03-31", "segments", List.of(
                Map.of("odsCode", trusts.get(0).odsCode(), "segment", 3),
                Map.of("odsCode", trusts.get(1).odsCode(), "segment", 3),
                Map.of("odsCode", trusts.get(2).odsCode(), "segment", 1)));
        given().header("Authorization", admin).contentType("application/json").body(body)
                .when().put("/api/v1/reports/reference/oversight-segments/nof-2022-23/2023-24")
                .then().statusCode(200).body("size()", equalTo(3));
        given().header("Authorization", admin).contentType("application/json")
                .body("""
                        {"effectiveFrom": "2023-04-01", "segments": [{"odsCode": "RHA", "segment": 5}]}""")
                .when().put("/api/v1/reports/reference/oversight-segments/nof-2022-23/2023-24")
                .then().statusCode(400).body("errors[0].field", equalTo("segments[0].segment"));

        JsonPath t = given().header("Authorization", national()).queryParam("segment", "nof-2022-23:3")
                .when().get("/api/v1/reports/baseline/" + COLLECTION + "/headline").then().statusCode(200).extract().jsonPath();
        assertThat(t.getList("orgTypes").size()).isEqualTo(1);
        assertThat(t.getInt("orgTypes[0].returns")).isEqualTo(2);
        given().header("Authorization", national()).queryParam("segment", "nof-2022-23")
                .when().get("/api/v1/reports/baseline/" + COLLECTION + "/headline").then().statusCode(400)
                .body("errors[0].field", equalTo("segment"));
    }
}
