package uk.nhs.impact.assessment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.stack.test.ReviewChecks;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The ICB's review of RHA's self-assessment (Nottinghamshire Healthcare: ICB QT1, region Y60): returned with comments,
 * reopened, revised, signed off and resubmitted, accepted; only while shared with the ICB; who may review; bad input;
 * If-Match; the audit trail and the outbox.
 */
@QuarkusTest
class ReviewTest {
    private static final String ODS = "RHA";
    private static final String PROBLEM = "application/problem+json";
    private static final Map<String, Object> RETURNED = Map.of("outcome", "RETURNED",
            "comments", "The evidence for C2 does not support the level chosen: please review with the board.");
    private static final Map<String, Object> ACCEPTED = Map.of("outcome", "ACCEPTED", "comments", "Thank you");

    @Inject
    DataSource db;

    @Test
    void returnedRevisedResubmittedAccepted() throws Exception {
        AssessmentApi.Ref a = shared("ICB");
        assertThat(read(a, ODS, "viewer").getString("reviewState")).isEqualTo("AWAITING_REVIEW");
        JsonPath seenByIcb = read(a, "QT1", "icb-oversight");
        a = new AssessmentApi.Ref(a.id(), etagAs(a, "QT1", "icb-oversight"));
        assertThat(seenByIcb.getString("reviewState")).isEqualTo("AWAITING_REVIEW");
        a = AssessmentApi.review(a, "QT1", "icb-oversight", RETURNED);

        // the trust reads the comments, reopens, revises, has the board sign off again and resubmits
        JsonPath returned = read(a, ODS, "viewer");
        assertThat(returned.getString("reviewState")).isEqualTo("RETURNED");
        assertThat(returned.getList("reviews.comments")).containsExactly(RETURNED.get("comments"));
        assertThat(returned.getList("reviews.reviewerOrganisation")).containsExactly("QT1");
        assertThat(returned.getList("reviews.revision")).containsExactly(1);
        AssessmentApi.Ref r = new AssessmentApi.Ref(a.id(), etagAs(a, ODS, "viewer"));
        r = next(AssessmentApi.post(ODS, r, "reopen", AssessmentApi.reason("Returned by the ICB: C2 reviewed")), r);
        // still returned for the ICB while the trust revises it
        JsonPath status = reviewStatus(a);
        assertThat(status.getString("organisations.find { it.odsCode == 'RHA' }.reviewState")).isEqualTo("RETURNED");
        assertThat(status.getInt("counts.returned")).isEqualTo(1);
        r = AssessmentApi.answer(ODS, r, Map.of("Q05", "DEVELOPING"));
        r = AssessmentApi.submit(ODS, AssessmentApi.signOff(ODS, r));
        JsonPath again = read(r, "QT1", "icb-oversight");
        assertThat(again.getString("reviewState")).isEqualTo("AWAITING_REVIEW");
        assertThat(again.getInt("revision")).isEqualTo(2);
        assertThat(again.getList("reviews.outcome")).containsExactly("RETURNED");

        r = AssessmentApi.review(r, "QT1", "icb-oversight", ACCEPTED);
        JsonPath accepted = read(r, ODS, "viewer");
        assertThat(accepted.getString("reviewState")).isEqualTo("ACCEPTED");
        assertThat(accepted.getList("reviews.revision")).containsExactly(1, 2);
        assertThat(accepted.getList("reviews.outcome")).containsExactly("RETURNED", "ACCEPTED");
        AssessmentApi.reviewRequest(r, "QT1", "icb-oversight", ACCEPTED).then().statusCode(409).contentType(PROBLEM);
        status = reviewStatus(a);
        assertThat(status.getString("organisations.find { it.odsCode == 'RHA' }.reviewState")).isEqualTo("ACCEPTED");
        assertThat(status.getString("organisations.find { it.odsCode == 'RX1' }.reviewState")).isEqualTo("NOT_SHARED");
        assertThat(status.getInt("counts.accepted")).isEqualTo(1);
        assertThat(status.getInt("counts.returned") + status.getInt("counts.awaitingReview")).isZero();
        assertThat(status.getInt("counts.notShared")).isEqualTo(status.getList("organisations").size() - 1);
        for (String[] other : new String[][]{{"RHA", "viewer"}, {"Y60", "region-analyst"}, {"QT1", "viewer"}, {"X24", "national-analyst"}}) {
            given().header("Authorization", Tokens.bearer(other[0], other[1])).queryParam("cycle", cycle(a)).when()
                    .get(AssessmentApi.BASE + "/review-status").then().statusCode(404).contentType(PROBLEM);
        }

        JsonPath trail = given().header("Authorization", AssessmentApi.submitter(ODS)).when()
                .get(AssessmentApi.BASE + "/" + a.id() + "/audit").then().statusCode(200).extract().jsonPath();
        assertThat(trail.getList("action")).containsSubsequence("SUBMITTED", "REVIEW_RETURNED", "REOPENED", "SUBMITTED", "REVIEW_ACCEPTED");
        assertThat(trail.getList("actorOrg", String.class)).contains("QT1");
        List<Outbox.Event> events = Outbox.of(db, a.id()).stream().filter(e -> e.type().equals(EventTypes.ASSESSMENT_REVIEWED)).toList();
        assertThat(events).hasSize(2);
        assertThat(JsonPath.from(events.get(0).payload()).getString("outcome")).isEqualTo("RETURNED");
        assertThat(JsonPath.from(events.get(0).payload()).getString("reviewer.odsCode")).isEqualTo("QT1");
        assertThat(JsonPath.from(events.get(1).payload()).getInt("revision")).isEqualTo(2);
        assertThat(events).allSatisfy(e -> assertThat(JsonPath.from(e.payload()).getMap("$")).doesNotContainKey("answers"));
    }

    @Test
    void privateAndNarrowedAssessmentsStayHiddenFromTheIcb() {
        AssessmentApi.Ref a = shared("PRIVATE");
        AssessmentApi.Ref asIcb = new AssessmentApi.Ref(a.id(), a.etag());
        AssessmentApi.reviewRequest(asIcb, "QT1", "icb-oversight", ACCEPTED).then().statusCode(404).contentType(PROBLEM);

        a = AssessmentApi.share(ODS, a, "REGION");
        a = AssessmentApi.review(a, "QT1", "icb-oversight", RETURNED);
        a = AssessmentApi.share(ODS, a, "PRIVATE");
        given().header("Authorization", Tokens.bearer("QT1", "icb-oversight")).when().get(AssessmentApi.BASE + "/" + a.id())
                .then().statusCode(404);
        AssessmentApi.reviewRequest(a, "QT1", "icb-oversight", ACCEPTED).then().statusCode(404).contentType(PROBLEM);
        // the organisation still reads its reviews
        assertThat(read(a, ODS, "viewer").getList("reviews.outcome")).containsExactly("RETURNED");
    }

    @ParameterizedTest(name = "{0} as {1} reviews RHA's nationally shared assessment -> {2}")
    @MethodSource("uk.nhs.impact.stack.test.ReviewChecks#othersThanTheIcb")
    void onlyTheTrustsOwnIcbReviews(String org, String role, int status) {
        AssessmentApi.Ref a = shared("NATIONAL");
        AssessmentApi.reviewRequest(a, org, role, ACCEPTED).then().statusCode(status).contentType(PROBLEM);
        assertThat(read(a, ODS, "viewer").getString("reviewState")).isEqualTo("AWAITING_REVIEW");
        withdraw(a);
    }

    @Test
    void badInputNamesTheFieldAndChangesNothing() {
        AssessmentApi.Ref a = shared("ICB");
        ReviewChecks.refusesBadBodies(body -> AssessmentApi.reviewRequest(a, "QT1", "icb-oversight", body));
        AssessmentApi.reviewRequest(new AssessmentApi.Ref(a.id(), "\"999\""), "QT1", "icb-oversight", ACCEPTED).then().statusCode(412)
                .contentType(PROBLEM);
        AssessmentApi.reviewRequest(new AssessmentApi.Ref(a.id(), null), "QT1", "icb-oversight", ACCEPTED).then().statusCode(428)
                .contentType(PROBLEM);
        JsonPath unchanged = read(a, ODS, "viewer");
        assertThat(unchanged.getString("reviewState")).isEqualTo("AWAITING_REVIEW");
        assertThat(unchanged.getList("reviews")).isEmpty();
        withdraw(a);
    }

    /** A new assessment of RHA submitted and shared at {@code level}, with its current ETag. */
    private static AssessmentApi.Ref shared(String level) {
        AssessmentApi.Ref a = AssessmentApi.create(ODS, "review-" + UUID.randomUUID().toString().substring(0, 8));
        a = AssessmentApi.answer(ODS, a, AssessmentApi.byCode(AssessmentApi.SEED_001));
        a = AssessmentApi.submit(ODS, AssessmentApi.signOff(ODS, a));
        return level.equals("PRIVATE") ? a : AssessmentApi.share(ODS, a, level);
    }

    private static void withdraw(AssessmentApi.Ref a) {
        AssessmentApi.Ref current = new AssessmentApi.Ref(a.id(), etagAs(a, ODS, "viewer"));
        AssessmentApi.post(ODS, current, "withdraw", AssessmentApi.reason("Test finished")).then().statusCode(200);
    }

    /** The ICB QT1's review status for the cycle of {@code a}. */
    private static JsonPath reviewStatus(AssessmentApi.Ref a) {
        return given().header("Authorization", Tokens.bearer("QT1", "icb-oversight")).queryParam("cycle", cycle(a)).when()
                .get(AssessmentApi.BASE + "/review-status").then().statusCode(200).extract().jsonPath();
    }

    private static String cycle(AssessmentApi.Ref a) {
        return given().header("Authorization", AssessmentApi.submitter(ODS)).when().get(AssessmentApi.BASE + "/" + a.id()).then()
                .statusCode(200).extract().path("cycle");
    }

    private static AssessmentApi.Ref next(io.restassured.response.Response r, AssessmentApi.Ref a) {
        r.then().statusCode(200);
        return new AssessmentApi.Ref(a.id(), r.header("ETag"));
    }

    private static JsonPath read(AssessmentApi.Ref a, String org, String role) {
        return given().header("Authorization", Tokens.bearer(org, role)).when().get(AssessmentApi.BASE + "/" + a.id()).then().statusCode(200)
                .extract().jsonPath();
    }

    private static String etagAs(AssessmentApi.Ref a, String org, String role) {
        return given().header("Authorization", Tokens.bearer(org, role)).when().get(AssessmentApi.BASE + "/" + a.id()).then().statusCode(200)
                .extract().header("ETag");
    }
}
