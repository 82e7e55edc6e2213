package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The ICB's review on the running system, through the gateway, with the realm's demo users' tokens: Nottinghamshire
 * Healthcare (RHA, {@code trust.lead}) files; its ICB (QT1, {@code icb.oversight}) returns it with comments; the trust reads
 * them, revises and resubmits; the ICB accepts. Once for a baseline return, once for a self-assessment shared with the ICB.
 * The region's analyst (who may read both) is refused 403, another ICB 404.
 */
@ExtendWith(SharedStack.class)
@Order(14)
class ReviewIT {
    private static final String ID = "review-" + Long.toString(System.currentTimeMillis(), 36);
    private static final Map<String, Object> RETURNED = Map.of("outcome", "RETURNED", "comments", "Please check governance reporting with the board.");
    private static final Map<String, Object> ACCEPTED = Map.of("outcome", "ACCEPTED");

    private static String trust;
    private static String icb;
    private static String region;
    private static String otherIcb;

    @BeforeAll
    static void tokens() throws Exception {
        SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
        System.setProperty("impact.test.keycloak-url", RunningStack.KEYCLOAK);
        trust = "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1");
        icb = "Bearer " + DemoTokens.user("icb.oversight", "dev-only-Icb-1");
        region = "Bearer " + DemoTokens.user("region.analyst", "dev-only-Region-1");
        otherIcb = Tokens.bearer("QUA", "icb-oversight");
    }

    @Test
    void aBaselineReturnIsReturnedRevisedAndAccepted() {
        String admin = "Bearer " + DemoTokens.user("instrument.admin", "dev-only-Admin-1");
        given().header("Authorization", admin).contentType("application/json")
                .body(Bodies.baselineCollection(ID, "ICB review", Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400)))
                .post("/api/v1/baseline-collections").then().statusCode(201);
        String path = "/api/v1/baseline-collections/" + ID + "/returns/RHA";
        String etag = ok(given().header("Authorization", trust).contentType("application/json").body(Bodies.BASELINE_ANSWERS).put(path), 201);
        etag = ok(given().header("Authorization", trust).header("If-Match", etag).post(path + "/submit"), 200);

        etag = returnedByTheIcb(path, etag);

        etag = ok(given().header("Authorization", trust).header("If-Match", etag).contentType("application/json")
                .body(Bodies.BASELINE_ANSWERS.replace("\"capability_staff_training\":false", "\"capability_staff_training\":true")).put(path), 200);
        etag = ok(given().header("Authorization", trust).header("If-Match", etag).post(path + "/submit"), 200);
        assertThat(given().header("Authorization", icb).get(path).then().statusCode(200).extract().path("reviewState").toString())
                .isEqualTo("AWAITING_REVIEW");
        review(path, icb, etag, ACCEPTED, 200);

        JsonPath completeness = given().header("Authorization", icb).get("/api/v1/baseline-collections/" + ID + "/completeness").then()
                .statusCode(200).extract().jsonPath();
        assertThat(completeness.getInt("reviews.accepted")).isEqualTo(1);
        assertThat(completeness.getInt("reviews.awaitingReview")).isZero();
        assertThat(completeness.getString("organisations.find { it.odsCode == 'RHA' }.reviewState")).isEqualTo("ACCEPTED");
        assertThat(given().header("Authorization", trust).get(path).then().extract().jsonPath().getList("reviews.outcome"))
                .containsExactly("RETURNED", "ACCEPTED");
    }

    @Test
    void aSharedSelfAssessmentIsReturnedRevisedAndAccepted() {
        Response created = given().header("Authorization", trust).contentType("application/json").body(Bodies.assessment(ID))
                .post("/api/v1/assessments");
        String etag = ok(created, 201);
        String path = "/api/v1/assessments/" + created.path("id");
        etag = submitted(path, etag);
        // private: the ICB cannot see it, so cannot review it
        review(path, icb, etag, ACCEPTED, 404);
        etag = ok(given().header("Authorization", trust).header("If-Match", etag).contentType("application/json")
                .body(Map.of("level", "REGION", "reason", "Agreed by the board")).put(path + "/sharing"), 200);
        etag = returnedByTheIcb(path, etag);
        etag = ok(given().header("Authorization", trust).header("If-Match", etag).contentType("application/json")
                .body(Map.of("reason", "Returned by the ICB")).post(path + "/reopen"), 200);
        etag = submitted(path, etag);
        assertThat(given().header("Authorization", icb).get(path).then().statusCode(200).extract().path("reviewState").toString())
                .isEqualTo("AWAITING_REVIEW");
        review(path, icb, etag, ACCEPTED, 200);
        JsonPath accepted = given().header("Authorization", trust).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(accepted.getList("reviews.outcome")).containsExactly("RETURNED", "ACCEPTED");
        assertThat(accepted.getList("reviews.revision")).containsExactly(1, 2);
    }

    /**
     * The region's analyst and another ICB are refused, the trust's ICB returns it with comments, and the trust reads them;
     * the new ETag.
     */
    private static String returnedByTheIcb(String path, String etag) {
        review(path, region, etag, ACCEPTED, 403);
        review(path, otherIcb, etag, ACCEPTED, 404);
        String returned = review(path, icb, etag, RETURNED, 200);
        JsonPath seen = given().header("Authorization", trust).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(seen.getString("reviewState")).isEqualTo("RETURNED");
        assertThat(seen.getList("reviews.comments")).containsExactly(RETURNED.get("comments"));
        assertThat(seen.getList("reviews.reviewerOrganisation")).containsExactly("QT1");
        return returned;
    }

    /** Answers every question, has the board sign off and submits; the new ETag. */
    private static String submitted(String path, String etag) {
        etag = ok(given().header("Authorization", trust).header("If-Match", etag).contentType("application/json")
                .body(Bodies.levels(q -> q % 3 == 0)).patch(path + "/answers"), 200);
        etag = ok(given().header("Authorization", trust).header("If-Match", etag).contentType("application/json").body(Bodies.SIGN_OFF)
                .post(path + "/sign-off"), 200);
        return ok(given().header("Authorization", trust).header("If-Match", etag).post(path + "/submit"), 200);
    }

    /** A review by {@code caller}, answered {@code status}; the new ETag when it was accepted. */
    private static String review(String path, String caller, String etag, Map<String, Object> body, int status) {
        Response r = given().header("Authorization", caller).header("If-Match", etag).contentType("application/json").body(body)
                .post(path + "/review");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        if (status != 200) {
            assertThat(r.contentType()).startsWith("application/problem+json");
            return etag;
        }
        return r.header("ETag");
    }

    private static String ok(Response r, int status) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        return r.header("ETag");
    }
}
