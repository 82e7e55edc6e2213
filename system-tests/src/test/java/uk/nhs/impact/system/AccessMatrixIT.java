package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The access matrix on the running system, through the gateway: every caller in {@code access/matrix.csv} against every
 * resource kind of the five services, at every sharing step of the self-assessments, must get exactly the status in the
 * table. Then the tokens that must never get in, at the gateway and at each service directly (the gateway is never the
 * only check): missing, expired, from another issuer, for another audience, unsigned ({@code alg: none}), tampered.
 */
@ExtendWith(SharedStack.class)
@Order(10)
class AccessMatrixIT {
    private static final String PROBLEM = "application/problem+json";
    private static final List<String> STEPS = List.of("PRIVATE", "ICB", "REGION", "NATIONAL", "NARROWED");
    private static final String ALWAYS = "NATIONAL";
    /** An NHS England national directorate (platform/src/main/resources/reference/directorates.csv): not national. */
    private static final String DIRECTORATE = "X24-DIR-MEDICAL";

    private static final Map<String, Supplier<String>> CALLERS = new LinkedHashMap<>();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    // the data the rows are about
    private static String rhaAssessment;
    private static String qt1Assessment;
    private static String rhaDraft;
    private static final String CYCLE = "matrix-" + RUN;
    private static final String QT1_CYCLE = "matrix-icb-" + RUN;
    private static final String COLLECTION = "matrix-" + RUN;
    private static final String SURVEY_RUN = "matrix-" + RUN;
    private static String surveyResponse;
    private static final java.util.concurrent.atomic.AtomicInteger CELLS = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger WRONG = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger TOKEN_CASES = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger TOKENS_IN = new java.util.concurrent.atomic.AtomicInteger();

    private record Row(String kind, String step, Map<String, Integer> expected) {
    }

    @BeforeAll
    static void startAndFile() throws Exception {
        SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
        System.setProperty("impact.test.keycloak-url", RunningStack.KEYCLOAK);
        CALLERS.put("own-submitter", () -> Tokens.bearer("RHA", "submitter", "viewer"));
        CALLERS.put("own-viewer", () -> Tokens.bearer("RHA", "viewer"));
        CALLERS.put("own-system", () -> "Bearer " + DemoTokens.client("trust-system-rha", "dev-only-trust-system-secret"));
        CALLERS.put("sibling-trust", () -> Tokens.bearer("RK5", "submitter", "viewer"));
        CALLERS.put("other-trust", () -> Tokens.bearer("R0A", "submitter", "viewer"));
        CALLERS.put("parent-icb", () -> Tokens.bearer("QT1", "icb-oversight", "submitter", "viewer"));
        CALLERS.put("other-icb", () -> Tokens.bearer("QUA", "icb-oversight", "submitter", "viewer"));
        CALLERS.put("parent-region", () -> Tokens.bearer("Y60", "region-analyst", "viewer"));
        CALLERS.put("other-region", () -> Tokens.bearer("Y62", "region-analyst", "viewer"));
        CALLERS.put("national", () -> Tokens.bearer("X24", "national-analyst"));
        CALLERS.put("admin", () -> Tokens.bearer("X24", "instrument-admin"));
        CALLERS.put("trust-as-region", () -> Tokens.bearer("RHA", "region-analyst"));
        CALLERS.put("region-nonanalyst", () -> Tokens.bearer("Y60", "submitter", "viewer"));
        CALLERS.put("directorate", () -> Tokens.bearer(DIRECTORATE, "submitter", "viewer"));
        CALLERS.put("admin-elsewhere", () -> Tokens.bearer("RHA", "instrument-admin"));

        String rha = as("own-submitter");
        String qt1 = as("parent-icb");
        String admin = as("admin");
        rhaAssessment = Filing.assessment(rha, CYCLE);
        qt1Assessment = Filing.assessment(qt1, QT1_CYCLE);
        Response draft = given().header("Authorization", rha).header("Idempotency-Key", "matrix-draft-" + RUN).contentType("application/json")
                .body(Bodies.assessment("matrix-draft-" + RUN)).post("/api/v1/assessments");
        assertThat(draft.statusCode()).as(draft.asString()).isEqualTo(201);
        rhaDraft = draft.path("id");
        Filing.share(rha, rhaDraft, "NATIONAL"); // shared, but a draft: still the trust's own

        Filing.openCollection(admin, COLLECTION, "Access matrix");
        Filing.baselineReturn(rha, COLLECTION, "RHA");
        Filing.baselineReturn(qt1, COLLECTION, "QT1");

        given().header("Authorization", admin).contentType("application/json")
                .body(Bodies.surveyRun(SURVEY_RUN, "Access matrix", Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400)))
                .post("/api/v1/survey-runs").then().statusCode(201);
        String responses = "/api/v1/survey-runs/" + SURVEY_RUN + "/responses";
        Response started = given().header("Authorization", rha).header("Idempotency-Key", "matrix-response-" + RUN).contentType("application/json")
                .body("""
                        {"respondentRole":"chief_executive"}""").post(responses);
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(201);
        surveyResponse = started.path("id");
        String etag = given().header("Authorization", rha).header("If-Match", started.header("ETag")).contentType("application/json")
                .body(Bodies.trustProgress("just_underway")).patch(responses + "/" + surveyResponse)
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", rha).header("If-Match", etag).post(responses + "/" + surveyResponse + "/submit").then().statusCode(200);

        // the views are built from events: wait until each one the rows read exists
        String national = as("national");
        awaitStatus(national, "/api/v1/reports/survey/" + SURVEY_RUN + "/results", 200);
        awaitStatus(national, "/api/v1/reports/baseline/" + COLLECTION + "/headline", 200);
        // (RHA's self-assessment is still private, so the reporting service holds nothing of it to wait for: each sharing step
        // below waits until the views count it)
    }

    @AfterAll
    static void recordSummary() {
        SuiteSummary.record("Access matrix (through the gateway, " + CALLERS.size() + " callers)", String.format("%d cells checked (%d wrong); %d bad-token "
                + "cases at the gateway and each service directly (%d let through)", CELLS.get(), WRONG.get(), TOKEN_CASES.get(), TOKENS_IN.get()));
    }

    // ---- the matrix -------------------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicNode> everyCallerGetsExactlyTheStatusInTheTable() throws IOException {
        List<Row> rows = load();
        assertThat(rows).as("the table has its rows").hasSizeGreaterThanOrEqualTo(50);
        return STEPS.stream().map(step -> DynamicContainer.dynamicContainer("sharing " + step, Stream.concat(
                Stream.of(DynamicTest.dynamicTest("share both self-assessments at " + step, () -> shareAt(step))),
                rows.stream().filter(r -> r.step.equals(step) || (r.step.equals("-") && step.equals(ALWAYS)))
                        .map(r -> DynamicTest.dynamicTest(r.kind, () -> check(r))))));
    }

    private static void check(Row row) {
        List<String> wrong = new ArrayList<>();
        row.expected.forEach((caller, expected) -> {
            CELLS.incrementAndGet();
            Subject subject = Subject.freshFor(row);
            Response r = call(row.kind, caller, subject);
            if (r.statusCode() != expected) {
                wrong.add(caller + " got " + r.statusCode() + " expected " + expected + ": " + abbreviate(r.asString()));
            } else if (expected >= 400 && !String.valueOf(r.contentType()).startsWith(PROBLEM)) {
                wrong.add(caller + " got " + expected + " as " + r.contentType() + ", not problem+json");
            } else if (subject != null && !subject.reviewState().equals(expected == 200 ? "RETURNED" : "AWAITING_REVIEW")) {
                wrong.add(caller + " got " + expected + " but left the review state " + subject.reviewState());
            } else if (row.kind.equals("assessment.review-status") && expected == 200
                    && r.asString().contains(rhaAssessment) != caller.equals("parent-icb")) {
                wrong.add(caller + "'s review status " + (caller.equals("parent-icb") ? "lacks" : "shows") + " RHA's assessment");
            }
        });
        WRONG.addAndGet(wrong.size());
        assertThat(wrong).as(row.kind + " at " + row.step).isEmpty();
    }

    /**
     * One request of the row's kind, as the caller, about the cell's own subject where the row has one; writes use the
     * current ETag, as a well-behaved client would.
     */
    private static Response call(String kind, String caller, Subject subject) {
        String token = as(caller);
        String unique = RUN + "-" + caller + "-" + System.nanoTime();
        String tag = Integer.toHexString(unique.hashCode());
        Instant now = Instant.now();
        String returns = "/api/v1/baseline-collections/" + COLLECTION + "/returns/";
        String response = "/api/v1/survey-runs/" + SURVEY_RUN + "/responses/" + surveyResponse;
        return switch (kind) {
            case "assessment.read RHA" -> get(token, "/api/v1/assessments/" + rhaAssessment);
            case "assessment.results RHA" -> get(token, "/api/v1/assessments/" + rhaAssessment + "/results");
            case "assessment.read QT1" -> get(token, "/api/v1/assessments/" + qt1Assessment);
            case "assessment.draft RHA" -> get(token, "/api/v1/assessments/" + rhaDraft);
            case "assessment.revisions RHA" -> get(token, "/api/v1/assessments/" + rhaAssessment + "/revisions");
            case "assessment.sharing RHA" -> get(token, "/api/v1/assessments/" + rhaAssessment + "/sharing");
            case "assessment.audit RHA" -> get(token, "/api/v1/assessments/" + rhaAssessment + "/audit");
            case "assessment.audit-verify" -> get(token, "/api/v1/assessments/audit/verify");
            case "assessment.publish-shipped" -> json(token, null).post("/api/v1/assessment-instruments/nhs-impact-self-assessment/versions/1/publish");
            case "assessment.write RHA" -> json(token, etagOf("/api/v1/assessments/" + rhaDraft))
                    .body(Map.of("answers", Map.of("Q01", Map.of("levelCode", "DEVELOPING", "evidence", "Checked by " + caller))))
                    .patch("/api/v1/assessments/" + rhaDraft + "/answers");
            case "assessment.share RHA" -> json(token, etagOf("/api/v1/assessments/" + rhaAssessment)).body("""
                    {"level":"NATIONAL"}""")
                    .put("/api/v1/assessments/" + rhaAssessment + "/sharing");
            case "assessment.create RHA" -> json(token, null).header("Idempotency-Key", unique)
                    .body(withEntry(Bodies.assessment("m-" + unique.hashCode()), "organisation", "RHA"))
                    .post("/api/v1/assessments");
            case "assessment.instruments" -> get(token, "/api/v1/assessment-instruments");
            case "report.position RHA" -> get(token, "/api/v1/reports/self-assessment/" + CYCLE + "/position/RHA");
            case "baseline.read RHA" -> get(token, returns + "RHA");
            case "baseline.history RHA" -> get(token, returns + "RHA/history");
            case "baseline.read QT1" -> get(token, returns + "QT1");
            case "baseline.audit RHA" -> get(token, returns + "RHA/audit");
            case "baseline.audit-verify" -> get(token, "/api/v1/baseline-collections/audit/verify");
            case "baseline.write RHA" -> json(token, etagOf(returns + "RHA")).body(Bodies.BASELINE_ANSWERS).put(returns + "RHA");
            case "baseline.review RHA", "baseline.review QT1", "assessment.review RHA", "assessment.review QT1" ->
                json(token, etagOf(subject.owner(), subject.path())).body(Map.of("outcome", "RETURNED", "comments", "Returned by " + caller))
                        .post(subject.path() + "/review");
            case "assessment.review-status" -> get(token, "/api/v1/assessments/review-status?cycle=" + CYCLE);
            case "baseline.completeness QT1" -> get(token, "/api/v1/baseline-collections/" + COLLECTION + "/completeness?area=QT1");
            case "baseline.open-collection" -> json(token, null)
                    .body(Bodies.baselineCollection("m-" + tag, "Refused unless admin", now, now.plusSeconds(3600))).post("/api/v1/baseline-collections");
            case "baseline.close-collection" -> closeAsAdminOpened("/api/v1/baseline-collections", token,
                    Bodies.baselineCollection("mc-" + tag, "Closed by " + caller, now, now.plusSeconds(3600)));
            case "survey.read RHA" -> get(token, response);
            case "survey.history RHA" -> get(token, response + "/history");
            case "survey.audit RHA" -> get(token, response + "/audit");
            case "survey.audit-verify" -> get(token, "/api/v1/survey-runs/audit/verify");
            case "survey.publish-shipped" -> json(token, null).post("/api/v1/survey-instruments/nhsp-improvement-survey-2023/versions/1/publish");
            case "survey.write RHA" -> json(token, etagOf(response)).body(Bodies.trustProgress("just_underway")).patch(response);
            case "survey.completeness" -> get(token, "/api/v1/survey-runs/" + SURVEY_RUN + "/completeness");
            case "survey.run" -> get(token, "/api/v1/survey-runs/" + SURVEY_RUN);
            case "survey.open-run" -> json(token, null)
                    .body(Bodies.surveyRun("m-" + tag, "Refused unless admin", now, now.plusSeconds(3600))).post("/api/v1/survey-runs");
            case "survey.close-run" -> closeAsAdminOpened("/api/v1/survey-runs", token,
                    Bodies.surveyRun("mr-" + tag, "Closed by " + caller, now, now.plusSeconds(3600)));
            case "report.rebuild-status" -> get(token, "/api/v1/reports/admin/rebuild");
            case "feed.changes" -> get(token, "/api/v1/changes?limit=5");
            case "organisation.list" -> get(token, "/api/v1/organisations?level=icb&parent=Y60");
            case "organisation.read RXK" -> get(token, "/api/v1/organisations/RXK");
            case "organisation.change-sets" -> get(token, "/api/v1/organisations/change-sets");
            case "organisation.load-change-set" -> json(token, null).header("Idempotency-Key", unique)
                    .body(Bodies.openTrustIn2099(unique)).post("/api/v1/organisations/change-sets");
            default -> report(kind, token);
        };
    }

    /** {@code report.<view> <area>}: the reporting views for an area. */
    private static Response report(String kind, String token) {
        String[] parts = kind.split(" ");
        String area = parts.length > 1 ? parts[1] : "";
        return switch (parts[0]) {
            case "report.survey" -> get(token, "/api/v1/reports/survey/" + SURVEY_RUN + "/results?area=" + area);
            case "report.baseline" -> get(token, "/api/v1/reports/baseline/" + COLLECTION + "/headline?area=" + area);
            case "report.completeness" -> get(token, "/api/v1/reports/baseline/" + COLLECTION + "/completeness?area=" + area);
            case "report.distribution" -> get(token, "/api/v1/reports/self-assessment/" + CYCLE + "/distribution?area=" + area);
            case "report.profile" -> get(token, "/api/v1/reports/organisations/" + area + "/profile?cycle=" + financialYear());
            default -> throw new IllegalArgumentException("no request for row kind '" + kind + "'");
        };
    }

    /** The financial year the matrix runs in, e.g. 2026-27 from 1 April 2026: the profile's cycle. */
    private static String financialYear() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        int start = today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
        return String.format(java.util.Locale.ROOT, "%d-%02d", start, (start + 1) % 100);
    }

    private static List<Row> load() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                AccessMatrixIT.class.getResourceAsStream("/access/matrix.csv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.stream(line.split(",")).map(String::trim).toList();
                if (header == null) {
                    header = cells;
                    assertThat(header.subList(2, header.size())).as("callers in the table").isEqualTo(List.copyOf(CALLERS.keySet()));
                    continue;
                }
                assertThat(cells).as("cells in row " + line).hasSameSizeAs(header);
                assertThat(cells.get(1)).as("sharing step of " + line).satisfiesAnyOf(
                        step -> assertThat(step).isEqualTo("-"), step -> assertThat(STEPS).contains(step));
                Map<String, Integer> expected = new LinkedHashMap<>();
                for (int i = 2; i < cells.size(); i++) {
                    expected.put(header.get(i), Integer.parseInt(cells.get(i)));
                }
                rows.add(new Row(cells.get(0), cells.get(1), expected));
            }
        }
        return rows;
    }

    // ---- sharing steps ---------------------------------------------------------------------------------------------------

    /**
     * Shares both assessments at the step's level and waits until the reporting service has applied it: the number of
     * organisations in RHA's cycle that its ICB, its region and national views count is (ICB, region, national) = (0,0,0)
     * private, (1,0,0) ICB, (1,1,0) region, (1,1,1) national.
     */
    private static void shareAt(String step) throws InterruptedException {
        String level = step.equals("NARROWED") ? "ICB" : step;
        Filing.share(as("own-submitter"), rhaAssessment, level);
        Filing.share(as("parent-icb"), qt1Assessment, level);
        int[] counts = switch (level) {
            case "PRIVATE" -> new int[]{0, 0, 0};
            case "ICB" -> new int[]{1, 0, 0};
            case "REGION" -> new int[]{1, 1, 0};
            default -> new int[]{1, 1, 1};
        };
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int[] seen = null;
        while (System.nanoTime() < deadline) {
            seen = new int[]{organisations("parent-icb", "QT1"), organisations("parent-region", "Y60"), organisations("national", "X24")};
            if (Arrays.equals(seen, counts)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("views never counted " + Arrays.toString(counts) + " for " + step + ": " + Arrays.toString(seen));
    }

    private static int organisations(String caller, String area) {
        Response r = get(as(caller), "/api/v1/reports/self-assessment/" + CYCLE + "/distribution?area=" + area);
        return r.statusCode() == 200 ? ((Number) r.path("organisations")).intValue() : 0;
    }

    // ---- tokens that must never get in ----------------------------------------------------------------------------------

    static Stream<Arguments> badTokens() {
        Map<String, String> doors = new LinkedHashMap<>();
        doors.put("gateway", RunningStack.GATEWAY + "/api/v1/assessments");
        doors.put("assessment-service", "http://127.0.0.1:8081/api/v1/assessments");
        doors.put("survey-service", "http://127.0.0.1:8082/api/v1/survey-runs");
        doors.put("baseline-service", "http://127.0.0.1:8083/api/v1/baseline-collections");
        doors.put("reporting-service", "http://127.0.0.1:8084/api/v1/reports/trends/self-assessment?component=C1");
        doors.put("organisation-service", "http://127.0.0.1:8085/api/v1/organisations");
        List<String> kinds = List.of("missing", "garbage", "expired", "other-issuer", "other-audience", "alg-none", "tampered");
        return doors.entrySet().stream().flatMap(d -> kinds.stream().map(k -> Arguments.of(d.getKey(), d.getValue(), k)));
    }

    private static String expired;

    @ParameterizedTest(name = "{0}: {2} token -> 401")
    @MethodSource("badTokens")
    void tokensThatMustNeverGetIn(String door, String url, String kind) throws InterruptedException {
        String valid = Tokens.forOrg("RHA", "submitter", "viewer");
        assertThat(given().header("Authorization", "Bearer " + valid).get(url).statusCode()).as("a valid token gets in at " + door).isEqualTo(200);
        String authorization = switch (kind) {
            case "missing" -> null;
            case "garbage" -> "Bearer not-a-token";
            case "expired" -> "Bearer " + expiredToken();
            case "other-issuer" -> "Bearer " + otherRealmToken();
            case "other-audience" -> "Bearer " + Tokens.fromProbeClient("matrix-no-audience", 300, false, "RHA", "submitter", "viewer");
            case "alg-none" -> {
                String[] parts = valid.split("\\.");
                yield "Bearer " + b64("""
                        {"alg":"none","typ":"JWT"}""") + "." + parts[1] + ".";
            }
            case "tampered" -> {
                String[] parts = valid.split("\\.");
                String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"RHA\"", "\"RK5\"");
                assertThat(claims).as("the organisation claim was changed").contains("\"RK5\"");
                yield "Bearer " + parts[0] + "." + b64(claims) + "." + parts[2];
            }
            default -> throw new IllegalArgumentException(kind);
        };
        RequestSpecification request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        Response r = request.get(url);
        TOKEN_CASES.incrementAndGet();
        if (r.statusCode() != 401) {
            TOKENS_IN.incrementAndGet();
        }
        assertThat(r.statusCode()).as(door + " let a " + kind + " token through: " + abbreviate(r.asString())).isEqualTo(401);
        assertThat(String.valueOf(r.contentType())).as("401 as problem+json").startsWith(PROBLEM);
    }

    /** A genuine token of this realm that has run out: minted with a 5-second life, used once, then kept past its expiry. */
    private static synchronized String expiredToken() throws InterruptedException {
        if (expired == null) {
            String token = Tokens.fromProbeClient("matrix-short-lived", 5, true, "RHA", "submitter", "viewer");
            assertThat(given().header("Authorization", "Bearer " + token).get("/api/v1/assessments").statusCode()).as("valid while fresh")
                    .isEqualTo(200);
            Thread.sleep(7_000);
            expired = token;
        }
        return expired;
    }

    /** A genuine token signed by the same Keycloak, but for its master realm: the right server, the wrong issuer and keys. */
    private static String otherRealmToken() {
        return given().baseUri(RunningStack.KEYCLOAK + "/realms/master/protocol/openid-connect/token")
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post().then().statusCode(200).extract().path("access_token");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------------

    private static String as(String caller) {
        return CALLERS.get(caller).get();
    }

    private static Response get(String token, String path) {
        return given().header("Authorization", token).get(path);
    }

    private static RequestSpecification json(String token, String ifMatch) {
        return Filing.json(token, ifMatch);
    }

    /** The resource's current ETag, read by RHA's submitter. */
    private static String etagOf(String path) {
        return etagOf("own-submitter", path);
    }

    /** The resource's current ETag, read by its owner. */
    private static String etagOf(String owner, String path) {
        Response r = get(as(owner), path);
        assertThat(r.statusCode()).as(owner + " reads " + path).isEqualTo(200);
        return r.header("ETag");
    }

    // ---- the subjects of the review rows ----------------------------------------------------------------------------------

    private static final java.util.concurrent.atomic.AtomicInteger SUBJECTS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * What one cell of a review row reviews: made for that cell alone, so that one caller's review never decides the next
     * caller's outcome. {@code owner} is the caller of the organisation that filed it.
     */
    private record Subject(String owner, String path) {
        /**
         * For a {@code baseline.review <ods>} row a submitted return in a collection of its own; for an
         * {@code assessment.review <ods>} row a submitted self-assessment of a cycle of its own, shared at the row's step
         * (NARROWED: shared nationally, then narrowed to the ICB); for any other row none.
         */
        static Subject freshFor(Row row) {
            String[] parts = row.kind().split(" ");
            if (!parts[0].endsWith(".review")) {
                return null;
            }
            String owner = parts[1].equals("RHA") ? "own-submitter" : "parent-icb";
            String token = as(owner);
            String unique = "mrv-" + RUN + "-" + SUBJECTS.incrementAndGet();
            if (parts[0].equals("baseline.review")) {
                Filing.openCollection(as("admin"), unique, "Access matrix review");
                return new Subject(owner, Filing.baselineReturn(token, unique, parts[1]));
            }
            String id = Filing.assessment(token, unique);
            switch (row.step()) {
                case "PRIVATE" -> {
                    // submitted, never shared
                }
                case "NARROWED" -> {
                    Filing.share(token, id, "NATIONAL");
                    Filing.share(token, id, "ICB");
                }
                default -> Filing.share(token, id, row.step());
            }
            return new Subject(owner, "/api/v1/assessments/" + id);
        }

        /** Where it stands in review, as its owner reads it. */
        String reviewState() {
            return get(as(owner), path).then().statusCode(200).extract().path("reviewState");
        }
    }

    /** Opens the collection or run as the administrator, then has the caller close it. */
    private static Response closeAsAdminOpened(String collection, String token, Map<String, Object> body) {
        String etag = json(as("admin"), null).body(body).post(collection).then().statusCode(201).extract().header("ETag");
        return json(token, etag).post(collection + "/" + body.get("id") + "/close");
    }

    /** The body with one more entry. */
    private static Map<String, Object> withEntry(Map<String, Object> body, String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(body);
        more.put(key, value);
        return more;
    }

    private static void awaitStatus(String token, String path, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            seen = get(token, path).statusCode();
            if (seen == status) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(path + " answered " + seen + ", never " + status);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
