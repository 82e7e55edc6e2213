package uk.nhs.impact.baseline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.stack.test.ReviewChecks;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The ICB's review of RHA's return (Nottinghamshire Healthcare: ICB QT1, region Y60): returned with comments, revised and
 * resubmitted, accepted; who may review; bad input; If-Match; the audit trail, the outbox and completeness.
 */
@QuarkusTest
class ReviewTest {
    private static final String PROBLEM = "application/problem+json";
    private static final Map<String, Object> RETURNED = Map.of("outcome", "RETURNED",
            "comments", "Governance reporting is answered no, but the June board paper says yes: please check.");
    private static final Map<String, Object> ACCEPTED = Map.of("outcome", "ACCEPTED");

    @Inject
    DataSource db;

    @Test
    void returnedReviseResubmitAccepted() throws Exception {
        BaselineApi.openCollection("review-trip");
        String etag = BaselineApi.file("review-trip", "RHA", BaselineApi.headline(true, true, false, false));
        // the trust sees its submission waiting, the ICB reads it and sends it back
        JsonPath waiting = read("review-trip", "RHA", "RHA", "viewer");
        assertThat(waiting.getString("reviewState")).isEqualTo("AWAITING_REVIEW");
        assertThat(waiting.getList("reviews")).isEmpty();
        String icbEtag = given().header("Authorization", Tokens.bearer("QT1", "icb-oversight")).when().get(BaselineApi.path("review-trip", "RHA"))
                .then().statusCode(200).extract().header("ETag");
        assertThat(icbEtag).isEqualTo(etag);
        JsonPath returned = BaselineApi.review("review-trip", "RHA", "QT1", "icb-oversight", icbEtag, RETURNED).then().statusCode(200)
                .extract().jsonPath();
        assertThat(returned.getString("reviewState")).isEqualTo("RETURNED");
        assertThat(completenessOfQt1("review-trip")).containsEntry("returned", 1).containsEntry("awaitingReview", 0);

        // the trust reads the comments, revises and resubmits
        JsonPath seen = read("review-trip", "RHA", "RHA", "viewer");
        assertThat(seen.getList("reviews.outcome")).containsExactly("RETURNED");
        assertThat(seen.getList("reviews.comments")).containsExactly(RETURNED.get("comments"));
        assertThat(seen.getList("reviews.reviewerOrganisation")).containsExactly("QT1");
        assertThat(seen.getList("reviews.revision")).containsExactly(1);
        assertThat(seen.getString("reviews[0].reviewedAt")).isNotBlank();
        etag = BaselineApi.save("review-trip", "RHA", BaselineApi.headline(true, true, true, false), BaselineApi.etag("review-trip", "RHA"))
                .then().statusCode(200).extract().header("ETag");
        etag = BaselineApi.submit("review-trip", "RHA", etag).then().statusCode(200).extract().header("ETag");
        JsonPath again = read("review-trip", "RHA", "QT1", "icb-oversight");
        assertThat(again.getString("reviewState")).isEqualTo("AWAITING_REVIEW");
        assertThat(again.getInt("revision")).isEqualTo(2);
        assertThat(again.getList("reviews.revision")).as("revision 1's review, shown while revision 2 awaits its own").containsExactly(1);
        assertThat(completenessOfQt1("review-trip")).containsEntry("awaitingReview", 1).containsEntry("returned", 0);

        // the ICB accepts revision 2; a second review of it is refused
        etag = BaselineApi.review("review-trip", "RHA", "QT1", "icb-oversight", etag, ACCEPTED).then().statusCode(200).extract().header("ETag");
        JsonPath accepted = read("review-trip", "RHA", "RHA", "viewer");
        assertThat(accepted.getString("reviewState")).isEqualTo("ACCEPTED");
        assertThat(accepted.getList("reviews.revision")).containsExactly(1, 2);
        assertThat(accepted.getList("reviews.outcome")).containsExactly("RETURNED", "ACCEPTED");
        BaselineApi.review("review-trip", "RHA", "QT1", "icb-oversight", etag, ACCEPTED).then().statusCode(409).contentType(PROBLEM);
        assertThat(completenessOfQt1("review-trip")).containsEntry("accepted", 1).containsEntry("awaitingReview", 0).containsEntry("returned", 0);
        JsonPath completeness = given().header("Authorization", Tokens.bearer("QT1", "icb-oversight")).when()
                .get("/api/v1/baseline-collections/review-trip/completeness").then().statusCode(200).extract().jsonPath();
        assertThat(completeness.getString("organisations.find { it.odsCode == 'RHA' }.reviewState")).isEqualTo("ACCEPTED");
        assertThat(completeness.getString("organisations.find { it.odsCode == 'RX1' }.reviewState")).isNull();

        // audited, and published once per review
        JsonPath trail = given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BaselineApi.path("review-trip", "RHA") + "/audit")
                .then().statusCode(200).extract().jsonPath();
        assertThat(trail.getList("action")).containsExactly("DRAFT_CREATED", "SUBMITTED", "REVIEW_RETURNED", "DRAFT_SAVED", "AMENDED",
                "REVIEW_ACCEPTED");
        assertThat(trail.getList("actorOrg")).element(2).isEqualTo("QT1");
        assertThat(trail.getString("[2].reason")).isEqualTo("revision 1: " + RETURNED.get("comments"));
        assertThat(reviewEvents("review-trip")).containsExactly("1 RETURNED QT1", "2 ACCEPTED QT1");
    }

    @ParameterizedTest(name = "{0} as {1} reviews RHA's return -> {2}")
    @MethodSource("uk.nhs.impact.stack.test.ReviewChecks#othersThanTheIcb")
    void onlyTheTrustsOwnIcbReviews(String org, String role, int status) {
        String etag = fileOnce("review-access", "RHA");
        BaselineApi.review("review-access", "RHA", org, role, etag, ACCEPTED).then().statusCode(status).contentType(PROBLEM);
        assertThat(read("review-access", "RHA", "RHA", "viewer").getString("reviewState")).isEqualTo("AWAITING_REVIEW");
    }

    @Test
    void noTokenIsA401() {
        given().contentType("application/json").body(ACCEPTED).when().post(BaselineApi.path("review-access", "RHA") + "/review")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void badInputNamesTheFieldAndChangesNothing() {
        String etag = fileOnce("review-input", "RX1");
        ReviewChecks.refusesBadBodies(body -> BaselineApi.review("review-input", "RX1", "QT1", "icb-oversight", etag, body));
        BaselineApi.review("review-input", "RX1", "QT1", "icb-oversight", "\"999\"", ACCEPTED).then().statusCode(412).contentType(PROBLEM);
        BaselineApi.review("review-input", "RX1", "QT1", "icb-oversight", null, ACCEPTED).then().statusCode(428).contentType(PROBLEM);
        JsonPath unchanged = read("review-input", "RX1", "RX1", "viewer");
        assertThat(unchanged.getString("reviewState")).isEqualTo("AWAITING_REVIEW");
        assertThat(unchanged.getList("reviews")).isEmpty();
    }

    @Test
    void aDraftOrAClosedCollectionIsAConflict() {
        BaselineApi.openCollection("review-draft");
        String draft = BaselineApi.save("review-draft", "RK5", BaselineApi.headline(true, true, true, true), null).then().statusCode(201)
                .extract().header("ETag");
        BaselineApi.review("review-draft", "RK5", "QT1", "icb-oversight", draft, ACCEPTED).then().statusCode(409).contentType(PROBLEM);

        String etag = BaselineApi.file("review-draft", "RX9", BaselineApi.headline(true, true, true, true));
        String version = given().header("Authorization", BaselineApi.admin()).when().get("/api/v1/baseline-collections/review-draft")
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", BaselineApi.admin()).header("If-Match", version)
                .when().post("/api/v1/baseline-collections/review-draft/close").then().statusCode(200);
        BaselineApi.review("review-draft", "RX9", "QT1", "icb-oversight", etag, ACCEPTED).then().statusCode(409).contentType(PROBLEM);
        assertThat(read("review-draft", "RX9", "QT1", "icb-oversight").getString("reviewState")).isEqualTo("AWAITING_REVIEW");
    }

    private static final java.util.Set<String> FILED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Opens the collection and files the organisation's return the first time; its current ETag every time. */
    private static String fileOnce(String collection, String ods) {
        if (FILED.add(collection + "/" + ods)) {
            BaselineApi.openCollection(collection);
            return BaselineApi.file(collection, ods, BaselineApi.headline(true, false, true, false));
        }
        return BaselineApi.etag(collection, ods);
    }

    private static JsonPath read(String collection, String ods, String org, String role) {
        return given().header("Authorization", Tokens.bearer(org, role)).when().get(BaselineApi.path(collection, ods)).then().statusCode(200)
                .extract().jsonPath();
    }

    private static Map<String, Integer> completenessOfQt1(String collection) {
        return given().header("Authorization", Tokens.bearer("QT1", "icb-oversight")).when()
                .get("/api/v1/baseline-collections/" + collection + "/completeness").then().statusCode(200).extract().jsonPath()
                .getMap("reviews", String.class, Integer.class);
    }

    /** The collection's review events in the outbox, as "revision outcome reviewer". */
    private List<String> reviewEvents(String collection) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select payload ->> 'revision', payload ->> 'outcome', payload -> 'reviewer' ->> 'odsCode'"
                        + " from outbox_event where event_type = ? and payload ->> 'collectionId' = ? order by seq")) {
            s.setString(1, EventTypes.BASELINE_RETURN_REVIEWED);
            s.setString(2, collection);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return out;
    }
}
