package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The change feed on the running system, through the gateway with real tokens: a trust files and amends a baseline return,
 * a survey response and a self-assessment it shares with its ICB; replaying the trust's feed from the start then rebuilds
 * the trust's view of those resources exactly as the services' own GET endpoints show them, and replaying its ICB's feed
 * rebuilds the ICB's view of its trust's baseline return and of the shared assessment.
 */
@ExtendWith(SharedStack.class)
@Order(14)
class ChangeFeedIT {
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String COLLECTION = "feed-" + RUN;
    private static final String SURVEY_RUN = "feed-run-" + RUN;
    private static final String CYCLE = "feed-" + RUN;
    private static String trust;
    private static String icb;
    private static String assessment;
    private static String response;

    @BeforeAll
    static void fileAndAmend() throws Exception {
        SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
        System.setProperty("impact.test.keycloak-url", RunningStack.KEYCLOAK);
        trust = "Bearer " + DemoTokens.client("trust-system-rha", "dev-only-trust-system-secret");
        icb = "Bearer " + DemoTokens.client("icb-system-qt1", "dev-only-icb-system-secret");
        String admin = Tokens.bearer("X24", "instrument-admin");
        Instant now = Instant.now();
        json(admin, null).body(Bodies.baselineCollection(COLLECTION, "Feed", now.minusSeconds(60), now.plusSeconds(86400 * 3)))
                .post("/api/v1/baseline-collections").then().statusCode(201);
        json(admin, null).body(Bodies.surveyRun(SURVEY_RUN, "Feed", now.minusSeconds(60), now.plusSeconds(86400 * 3)))
                .post("/api/v1/survey-runs").then().statusCode(201);

        String path = "/api/v1/baseline-collections/" + COLLECTION + "/returns/RHA";
        String etag = json(trust, null).body(Bodies.BASELINE_ANSWERS).put(path).then().statusCode(201).extract().header("ETag");
        etag = json(trust, etag).post(path + "/submit").then().statusCode(200).extract().header("ETag");
        etag = json(trust, etag).body(Bodies.BASELINE_ANSWERS.replace("\"capability_staff_training\":false", "\"capability_staff_training\":true"))
                .put(path).then().statusCode(200).extract().header("ETag");
        json(trust, etag).post(path + "/submit").then().statusCode(200);

        String responses = "/api/v1/survey-runs/" + SURVEY_RUN + "/responses";
        Response started = json(trust, null).body(Bodies.respondent("chief_executive", "feed-" + RUN)).post(responses);
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(201);
        response = started.path("id");
        String item = responses + "/" + response + "?respondentReference=feed-" + RUN;
        etag = json(trust, started.header("ETag")).body(Bodies.trustProgress("just_underway")).patch(item).then().statusCode(200).extract().header("ETag");
        etag = json(trust, etag).post(responses + "/" + response + "/submit?respondentReference=feed-" + RUN).then().statusCode(200).extract().header("ETag");
        etag = json(trust, etag).body(Bodies.trustProgress("underway_maturing")).patch(item).then().statusCode(200).extract().header("ETag");
        json(trust, etag).post(responses + "/" + response + "/submit?respondentReference=feed-" + RUN).then().statusCode(200);

        Response created = json(trust, null).body(Bodies.assessment(CYCLE)).post("/api/v1/assessments");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assessment = created.path("id");
        etag = json(trust, created.header("ETag")).body(Bodies.levels(q -> q % 2 == 0)).patch("/api/v1/assessments/" + assessment + "/answers")
                .then().statusCode(200).extract().header("ETag");
        etag = json(trust, etag).body(Bodies.SIGN_OFF).post("/api/v1/assessments/" + assessment + "/sign-off").then().statusCode(200).extract().header("ETag");
        etag = json(trust, etag).post("/api/v1/assessments/" + assessment + "/submit").then().statusCode(200).extract().header("ETag");
        json(trust, etag).body(Map.of("level", "ICB", "reason", "For the ICB's assurance")).put("/api/v1/assessments/" + assessment + "/sharing")
                .then().statusCode(200);
    }

    @Test
    void theTrustsFeedReplayedFromTheStartRebuildsItsResourcesExactly() throws InterruptedException {
        List<Map<String, Object>> feed = awaitFeed(trust, "sharing-changed");
        assertThat(replayedReturn(feed)).isEqualTo(returnAsServed(trust));
        assertThat(replayedAssessment(feed)).isEqualTo(assessmentAsServed(trust));
        Map<String, Object> survey = last(feed, e -> "uk.nhs.impact.survey.response-amended.v1".equals(e.get("type"))
                && SURVEY_RUN.equals(data(e).get("runId")));
        JsonPath served = given().header("Authorization", trust).get("/api/v1/survey-runs/" + SURVEY_RUN + "/responses/" + response
                + "?respondentReference=feed-" + RUN).then().statusCode(200).extract().jsonPath();
        assertThat(((Map<?, ?>) data(survey).get("answers")).get("Q1_trust_progress")).isEqualTo(served.getString("answers.Q1_trust_progress.option"));
        assertThat(data(survey).get("revision")).isEqualTo(served.getInt("revision"));
    }

    @Test
    void theIcbsFeedRebuildsItsTrustsReturnAndTheSharedAssessment() throws InterruptedException {
        List<Map<String, Object>> feed = awaitFeed(icb, "sharing-changed");
        assertThat(replayedReturn(feed)).isEqualTo(returnAsServed(trust));
        assertThat(replayedAssessment(feed)).isEqualTo(assessmentAsServed(icb));
        assertThat(feed).as("the trust's survey response is its own").noneMatch(e -> String.valueOf(e.get("type")).startsWith("uk.nhs.impact.survey.response-")
                && SURVEY_RUN.equals(data(e).get("runId")));
    }

    // ---- replaying ---------------------------------------------------------------------------------------------------------

    /** The caller's whole feed from the start, once this test's last change (of {@code lastKind}) is in it. */
    private static List<Map<String, Object>> awaitFeed(String bearer, String lastKind) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            List<Map<String, Object>> all = new ArrayList<>();
            String after = null;
            while (true) {
                JsonPath page = given().header("Authorization", bearer).queryParam("limit", 500).queryParams(after == null ? Map.of() : Map.of("after", after))
                        .get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> items = page.getList("items");
                if (items.isEmpty()) {
                    break;
                }
                all.addAll(items);
                after = page.getString("next");
            }
            if (all.stream().anyMatch(e -> String.valueOf(e.get("type")).contains(lastKind) && assessment.equals(data(e).get("assessmentId")))) {
                return all;
            }
            assertThat(System.nanoTime()).as("the feed never showed the sharing change").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** The baseline return as the feed's last return event for it says: revision and answers. */
    private static Map<String, Object> replayedReturn(List<Map<String, Object>> feed) {
        Map<String, Object> e = data(last(feed, x -> String.valueOf(x.get("type")).startsWith("uk.nhs.impact.baseline.return-")
                && COLLECTION.equals(data(x).get("collectionId"))));
        return Map.of("revision", e.get("revision"), "answers", new TreeMap<>((Map<?, ?>) e.get("answers")));
    }

    private static Map<String, Object> returnAsServed(String bearer) {
        JsonPath r = given().header("Authorization", bearer).get("/api/v1/baseline-collections/" + COLLECTION + "/returns/RHA")
                .then().statusCode(200).extract().jsonPath();
        return Map.of("revision", r.getInt("revision"), "answers", new TreeMap<>(r.getMap("answers")));
    }

    /** The assessment as its last event in the feed says: status, sharing and the level of each answered question. */
    private static Map<String, Object> replayedAssessment(List<Map<String, Object>> feed) {
        Map<String, Object> e = data(last(feed, x -> String.valueOf(x.get("type")).startsWith("uk.nhs.impact.assessment.")
                && assessment.equals(data(x).get("assessmentId"))));
        Map<String, Object> levels = new TreeMap<>();
        for (Object a : (List<?>) e.get("answers")) {
            levels.put((String) ((Map<?, ?>) a).get("questionCode"), ((Map<?, ?>) a).get("levelCode"));
        }
        return Map.of("status", e.get("status") == null ? "SUBMITTED" : e.get("status"), "sharing", e.get("sharing"), "levels", levels);
    }

    private static Map<String, Object> assessmentAsServed(String bearer) {
        JsonPath a = given().header("Authorization", bearer).get("/api/v1/assessments/" + assessment).then().statusCode(200).extract().jsonPath();
        Map<String, Object> levels = new TreeMap<>();
        Map<String, Map<String, Object>> answers = a.getMap("answers");
        answers.forEach((q, answer) -> {
            if (answer.get("levelCode") != null) {
                levels.put(q, answer.get("levelCode"));
            }
        });
        return Map.of("status", a.getString("status"), "sharing", a.getString("sharing"), "levels", levels);
    }

    private static Map<String, Object> last(List<Map<String, Object>> feed, java.util.function.Predicate<Map<String, Object>> wanted) {
        return feed.stream().filter(wanted).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no such entry in " + feed.size() + " entries"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> entry) {
        Object d = entry.get("data");
        return d instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    private static io.restassured.specification.RequestSpecification json(String token, String ifMatch) {
        var spec = given().header("Authorization", token).contentType("application/json");
        return ifMatch == null ? spec : spec.header("If-Match", ifMatch);
    }

}
