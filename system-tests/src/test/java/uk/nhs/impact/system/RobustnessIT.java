package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the whole running system, through the gateway: every write endpoint answers the bad-input corpus with a 4xx
 * problem+json and stores nothing; duplicate creations with one Idempotency-Key from parallel clients make one record;
 * concurrent updates with the same If-Match let exactly one through.
 */
@ExtendWith(SharedStack.class)
@Order(11)
class RobustnessIT {
    private static String trust;
    private static String admin;
    private static String icb;

    @BeforeAll
    static void start() throws Exception {
        SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
        trust = "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1");
        admin = "Bearer " + DemoTokens.user("instrument.admin", "dev-only-Admin-1");
        icb = "Bearer " + DemoTokens.user("icb.oversight", "dev-only-Icb-1");
    }

    private record Target(String name, String method, String path, String bearer, String ifMatch) {
    }

    @Test
    void everyWriteEndpointRefusesTheCorpusAndStoresNothing() throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        // the resources the corpus is aimed at
        Response draft = given().header("Authorization", trust).contentType("application/json")
                .body(Bodies.assessment("corpus-" + run))
                .post("/api/v1/assessments");
        assertThat(draft.statusCode()).as(draft.asString()).isEqualTo(201);
        String assessment = "/api/v1/assessments/" + draft.path("id");
        String collection = "corpus-" + run;
        given().header("Authorization", admin).contentType("application/json")
                .body(Bodies.baselineCollection(collection, "Corpus", Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400)))
                .post("/api/v1/baseline-collections").then().statusCode(201);
        String surveyRun = "corpus-" + run;
        given().header("Authorization", admin).contentType("application/json")
                .body(Bodies.surveyRun(surveyRun, "Corpus", Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400)))
                .post("/api/v1/survey-runs").then().statusCode(201);
        Response response = given().header("Authorization", trust).contentType("application/json").body("""
                {"respondentRole":"chief_executive"}""")
                .post("/api/v1/survey-runs/" + surveyRun + "/responses");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        String responsePath = "/api/v1/survey-runs/" + surveyRun + "/responses/" + response.path("id");

        String etag = draft.header("ETag");
        List<String> reviewed = reviewSubjects("corpus-review-" + run);
        List<Target> targets = List.of(
                new Target("create assessment", "POST", "/api/v1/assessments", trust, null),
                new Target("save answers", "PATCH", assessment + "/answers", trust, etag),
                new Target("sign off", "POST", assessment + "/sign-off", trust, etag),
                new Target("share", "PUT", assessment + "/sharing", trust, etag),
                new Target("reopen", "POST", assessment + "/reopen", trust, etag),
                new Target("draft instrument version", "POST", "/api/v1/assessment-instruments/nhs-impact-self-assessment/versions", admin, null),
                new Target("open baseline collection", "POST", "/api/v1/baseline-collections", admin, null),
                new Target("save baseline return", "PUT", "/api/v1/baseline-collections/" + collection + "/returns/RHA", trust, null),
                new Target("open survey run", "POST", "/api/v1/survey-runs", admin, null),
                new Target("extend survey run", "POST", "/api/v1/survey-runs/" + surveyRun + "/extend", admin, "*"),
                new Target("start survey response", "POST", "/api/v1/survey-runs/" + surveyRun + "/responses", trust, null),
                new Target("save survey response", "PATCH", responsePath, trust, response.header("ETag")),
                new Target("draft survey version", "POST", "/api/v1/survey-instruments/nhsp-improvement-survey-2023/versions", admin, null),
                new Target("load oversight segments", "PUT", "/api/v1/reports/reference/oversight-segments/nof-2022-23/2023-q2", admin, null),
                new Target("review baseline return", "POST", reviewed.get(0) + "/review", icb, etagOf(reviewed.get(0))),
                new Target("review self-assessment", "POST", reviewed.get(1) + "/review", icb, etagOf(reviewed.get(1))));

        Map<String, Integer> before = counts(assessment, collection, surveyRun, responsePath);
        Map<String, Object> reviewsBefore = reviewsOf(reviewed);
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (BadInputCorpus.Entry entry : BadInputCorpus.load()) {
            for (Target t : targets) {
                var request = given().header("Authorization", t.bearer()).contentType(entry.contentType());
                // a form body must go as text, or the client would try to encode it as form fields
                if (entry.contentType().startsWith("application/x-www-form-urlencoded")) {
                    request.body(new String(entry.body(), java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    request.body(entry.body());
                }
                if (t.ifMatch() != null) {
                    request.header("If-Match", t.ifMatch());
                }
                Response r = request.request(t.method(), t.path());
                tried++;
                String type = r.contentType() == null ? "" : r.contentType();
                if (r.statusCode() < 400 || r.statusCode() > 499 || !type.startsWith("application/problem+json")) {
                    failures.add(t.name() + " / " + entry.name() + " -> " + r.statusCode() + " " + type + " " + abbreviate(r.asString()));
                }
            }
        }
        long serverErrors = failures.stream().filter(f -> f.matches(".* -> 5\\d\\d .*")).count();
        SuiteSummary.record("Bad-input corpus (every write endpoint, through the gateway)", String.format(
                "%d inputs tried, %d not answered 4xx problem+json, %d 5xx seen, nothing stored", tried, failures.size(), serverErrors));
        assertThat(failures).isEmpty();
        assertThat(counts(assessment, collection, surveyRun, responsePath)).as("something was stored").isEqualTo(before);
        assertThat(reviewsOf(reviewed)).as("a review was stored").isEqualTo(reviewsBefore);
    }

    @Test
    void reviewEndpointsRefuseBadReviewsNamingTheFieldAndChangeNothing() throws Exception {
        List<String> subjects = reviewSubjects("bad-review-" + Long.toString(System.currentTimeMillis(), 36));
        Map<String, Object> before = reviewsOf(subjects);
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (BadInputCorpus.Review bad : BadInputCorpus.reviews()) {
            for (String subject : subjects) {
                var request = given().header("Authorization", icb).contentType("application/json").body(bad.body());
                if (!bad.ifMatch().equals("none")) {
                    request.header("If-Match", bad.ifMatch().replace("current", etagOf(subject)));
                }
                Response r = request.post(subject + "/review");
                tried++;
                String type = r.contentType() == null ? "" : r.contentType();
                List<String> fields = type.startsWith("application/problem+json") ? r.jsonPath().getList("errors.field", String.class) : null;
                if (r.statusCode() != bad.status() || !type.startsWith("application/problem+json")
                        || (bad.field() != null && (fields == null || fields.stream().noneMatch(f -> f.endsWith(bad.field()))))) {
                    failures.add(subject + " / " + bad.name() + " -> " + r.statusCode() + " " + type + " " + abbreviate(r.asString()));
                }
            }
        }
        long serverErrors = failures.stream().filter(f -> f.matches(".* -> 5\\d\\d .*")).count();
        boolean unchanged = reviewsOf(subjects).equals(before);
        SuiteSummary.record("Bad reviews (both ICB review endpoints, as the reviewing ICB, through the gateway)", String.format(
                "%d inputs tried, %d not answered with the expected 4xx problem+json naming the field, %d 5xx seen, subjects unchanged: %s",
                tried, failures.size(), serverErrors, unchanged));
        assertThat(failures).isEmpty();
        assertThat(reviewsOf(subjects)).as("a review was stored").isEqualTo(before);
        // they could be reviewed all along: the same ICB's well-formed review with the current ETag is accepted
        for (String subject : subjects) {
            given().header("Authorization", icb).header("If-Match", etagOf(subject)).contentType("application/json").body("""
                    {"outcome":"ACCEPTED"}""").post(subject + "/review").then().statusCode(200);
            assertThat(given().header("Authorization", trust).get(subject).path("reviewState").toString()).isEqualTo("ACCEPTED");
        }
    }

    @Test
    void parallelDuplicatesWithOneIdempotencyKeyCreateOneRecord() throws Exception {
        String cycle = "idem-" + Long.toString(System.currentTimeMillis(), 36);
        Map<String, Object> body = Bodies.assessment(cycle);
        List<Response> responses = parallel(12, () -> given().header("Authorization", trust).header("Idempotency-Key", "key-" + cycle)
                .contentType("application/json").body(body).post("/api/v1/assessments"));
        List<Object> ids = new ArrayList<>();
        for (Response r : responses) {
            assertThat(r.statusCode()).as(r.asString()).isIn(201, 409);
            if (r.statusCode() == 201) {
                ids.add(r.path("id"));
            }
        }
        assertThat(ids.stream().distinct().toList()).as("every 201 names the same record: " + ids).hasSize(1);
        given().header("Authorization", trust).queryParam("cycle", cycle).get("/api/v1/assessments").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1));
        SuiteSummary.record("Idempotency (12 parallel POSTs, one Idempotency-Key)", ids.size() + " answered 201 naming one record, "
                + (responses.size() - ids.size()) + " answered 409 while the first was in flight; 1 record stored");
    }

    @Test
    void concurrentUpdatesWithOneETagLetExactlyOneThrough() throws Exception {
        Response draft = given().header("Authorization", trust).contentType("application/json")
                .body(Bodies.assessment("race-" + Long.toString(System.currentTimeMillis(), 36)))
                .post("/api/v1/assessments");
        String path = "/api/v1/assessments/" + draft.path("id") + "/answers";
        String etag = draft.header("ETag");
        List<Response> responses = parallel(10, () -> given().header("Authorization", trust).header("If-Match", etag)
                .contentType("application/json").body("""
                        {"answers":{"Q01":{"levelCode":"DEVELOPING"}}}""").patch(path));
        Map<Integer, Integer> byStatus = new LinkedHashMap<>();
        responses.forEach(r -> byStatus.merge(r.statusCode(), 1, Integer::sum));
        assertThat(byStatus).isEqualTo(Map.of(200, 1, 412, 9));
        SuiteSummary.record("Concurrency (10 parallel updates, one If-Match)", "answers " + byStatus + ": exactly one applied");
    }

    private static List<Response> parallel(int n, Callable<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call));
            }
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /** What the corpus must not change: ETags of the targets and the sizes of the lists creations would grow. */
    private static Map<String, Integer> counts(String assessment, String collection, String surveyRun, String responsePath) {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("assessment etag", Integer.parseInt(given().header("Authorization", trust).get(assessment).header("ETag").replace("\"", "")));
        out.put("assessments", given().header("Authorization", trust).queryParam("limit", 500).get("/api/v1/assessments").path("items.size()"));
        out.put("collections", given().header("Authorization", admin).get("/api/v1/baseline-collections").path("size()"));
        out.put("return", given().header("Authorization", trust).get("/api/v1/baseline-collections/" + collection + "/returns/RHA").statusCode());
        out.put("survey runs", given().header("Authorization", admin).queryParam("limit", 500).get("/api/v1/survey-runs").path("items.size()"));
        out.put("run etag", Integer.parseInt(given().header("Authorization", admin).get("/api/v1/survey-runs/" + surveyRun).header("ETag").replace("\"", "")));
        out.put("response etag", Integer.parseInt(given().header("Authorization", trust).get(responsePath).header("ETag").replace("\"", "")));
        out.put("instrument versions", given().header("Authorization", admin)
                .get("/api/v1/assessment-instruments/nhs-impact-self-assessment/versions").path("size()"));
        return out;
    }

    /**
     * What the ICB's review is aimed at: RHA's submitted baseline return in a collection of its own and its submitted
     * self-assessment shared with the ICB, both filed by the trust and awaiting QT1's review; their paths.
     */
    private static List<String> reviewSubjects(String id) {
        Filing.openCollection(admin, id, "Bad reviews");
        String baseline = Filing.baselineReturn(trust, id, "RHA");
        String assessment = Filing.assessment(trust, id);
        Filing.share(trust, assessment, "ICB");
        return List.of(baseline, "/api/v1/assessments/" + assessment);
    }

    /** Each subject's ETag, review state and reviews, as the trust reads them. */
    private static Map<String, Object> reviewsOf(List<String> subjects) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String subject : subjects) {
            Response r = given().header("Authorization", trust).get(subject);
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
            out.put(subject + " etag", r.header("ETag"));
            out.put(subject + " reviewState", r.path("reviewState"));
            out.put(subject + " reviews", r.path("reviews"));
        }
        return out;
    }

    private static String etagOf(String path) {
        return given().header("Authorization", icb).get(path).then().statusCode(200).extract().header("ETag");
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
