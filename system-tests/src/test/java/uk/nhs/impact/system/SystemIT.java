package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's one command starts the whole system (the shared stack: two instances of every service, {@code --instances
 * 2}); calls go through the gateway with tokens from the real Keycloak. That the stop command leaves no process and no
 * open port behind is checked when the shared stack is stopped, after the last class.
 */
@Order(1)
@ExtendWith(SharedStack.class)
class SystemIT {
    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
    }

    @Test
    void gatewayIsReadyWithEveryServiceUp() {
        String downstream = "checks.find { it.name == 'downstream services' }.data.";
        given().baseUri(RunningStack.GATEWAY_MANAGEMENT).when().get("/q/health/ready").then().statusCode(200)
                .body(downstream + "assessment", equalTo("UP"))
                .body(downstream + "survey", equalTo("UP"))
                .body(downstream + "baseline", equalTo("UP"))
                .body(downstream + "reporting", equalTo("UP"))
                .body(downstream + "organisation", equalTo("UP"))
                .body(downstream + "'assessment instances'", equalTo("2 of 2 ready"))
                .body(downstream + "'survey instances'", equalTo("2 of 2 ready"))
                .body(downstream + "'baseline instances'", equalTo("2 of 2 ready"))
                .body(downstream + "'reporting instances'", equalTo("2 of 2 ready"))
                .body(downstream + "'organisation instances'", equalTo("2 of 2 ready"))
                .body("checks.find { it.name == 'token verification keys' }.status", equalTo("UP"));
    }

    /** Health, metrics and OpenAPI documents are on the management interfaces only: not public, not routed. */
    @Test
    void managementEndpointsAreOffThePublicPorts() {
        String token = "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1");
        for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/openapi")) {
            given().header("Authorization", token).when().get(path).then().statusCode(404);
            for (int port : RunningStack.SERVICE_PORTS) {
                for (int instance : List.of(port, port + 100)) {
                    given().baseUri("http://127.0.0.1:" + instance).when().get(path).then().statusCode(anyOf(equalTo(401), equalTo(404)));
                }
            }
        }
        given().baseUri(RunningStack.GATEWAY_MANAGEMENT).when().get("/q/metrics").then().statusCode(200);
        for (int port : RunningStack.SERVICE_PORTS) {
            for (int instance : List.of(port, port + 100)) {
                given().baseUri(RunningStack.management(instance)).when().get("/q/health/ready").then().statusCode(200);
                given().baseUri(RunningStack.management(instance)).accept("application/json").when().get("/q/openapi").then().statusCode(200);
            }
        }
        // the merged document for integrators stays public
        given().when().get("/api/openapi.json").then().statusCode(200);
    }

    @Test
    void demoUserCallsAServiceThroughTheGateway() {
        given().header("Authorization", "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1"))
                .queryParam("component", "C1")
                .when().get("/api/v1/reports/trends/self-assessment")
                .then().statusCode(200).body("area", equalTo("RHA"));
    }

    /**
     * The whole journey through the gateway with real services: a trust files its self-assessment and reads it back, a trust
     * system files a baseline return with client credentials, and a national analyst reads both in the national views that
     * the reporting service built from the services' events.
     */
    @Test
    void returnsFiledThroughTheGatewayReachTheNationalViews() {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String trust = "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1");

        // a trust files its self-assessment, signs it off, submits it and shares it nationally
        var created = given().header("Authorization", trust).header("Idempotency-Key", "e2e-" + run).contentType("application/json")
                .body(Bodies.assessment("e2e-" + run))
                .when().post("/api/v1/assessments").then().statusCode(201).extract();
        String id = created.path("id");
        String etag = given().header("Authorization", trust).header("If-Match", created.header("ETag")).contentType("application/json")
                .body(Bodies.levels(java.util.Set.of(7, 8, 10, 11, 19, 20)::contains)).when().patch("/api/v1/assessments/" + id + "/answers").then()
                .statusCode(200).extract().header("ETag");
        etag = given().header("Authorization", trust).header("If-Match", etag).contentType("application/json")
                .body(Bodies.SIGN_OFF)
                .when().post("/api/v1/assessments/" + id + "/sign-off").then().statusCode(200).extract().header("ETag");
        etag = given().header("Authorization", trust).header("If-Match", etag).when().post("/api/v1/assessments/" + id + "/submit")
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", trust).header("If-Match", etag).contentType("application/json").body("""
                {"level":"NATIONAL"}""")
                .when().put("/api/v1/assessments/" + id + "/sharing").then().statusCode(200);
        given().header("Authorization", trust).when().get("/api/v1/assessments/" + id + "/results").then().statusCode(200)
                .body("overall.find { it.levelCode == 'STARTING' }.count", equalTo(16))
                .body("overall.find { it.levelCode == 'DEVELOPING' }.count", equalTo(6));

        // a trust system files the baseline return with its client credentials
        String admin = "Bearer " + DemoTokens.user("instrument.admin", "dev-only-Admin-1");
        String collection = "e2e-" + run;
        given().header("Authorization", admin).contentType("application/json")
                .body(Bodies.baselineCollection(collection, "Baseline e2e", java.time.Instant.now().minusSeconds(3600),
                        java.time.Instant.now().plusSeconds(86400)))
                .when().post("/api/v1/baseline-collections").then().statusCode(201);
        String system = "Bearer " + DemoTokens.client("trust-system-rha", "dev-only-trust-system-secret");
        String returnPath = "/api/v1/baseline-collections/" + collection + "/returns/RHA";
        String returnEtag = given().header("Authorization", system).contentType("application/json")
                .body(Bodies.BASELINE_ANSWERS)
                .when().put(returnPath).then().statusCode(201).extract().header("ETag");
        given().header("Authorization", system).header("If-Match", returnEtag).when().post(returnPath + "/submit").then().statusCode(200);

        // a national analyst reads the national views, built from the events
        String analyst = "Bearer " + DemoTokens.user("national.analyst", "dev-only-National-1");
        await(analyst, "/api/v1/reports/self-assessment/e2e-" + run + "/distribution", "\"organisations\":1");
        given().header("Authorization", analyst).when().get("/api/v1/reports/self-assessment/e2e-" + run + "/distribution")
                .then().statusCode(200).body("organisations", equalTo(1))
                .body("components.find { it.code == 'C1' }.distribution.levels[0].figure.numerator", equalTo(4));
        await(analyst, "/api/v1/reports/baseline/" + collection + "/headline", "\"returns\":1");
        given().header("Authorization", analyst).when().get("/api/v1/reports/baseline/" + collection + "/headline").then().statusCode(200)
                .body("orgTypes.find { it.orgType == 'trust' }.returns", equalTo(1));
    }

    /** Waits until the view answers 200 with {@code expected} in its body: the events have been applied. */
    private static void await(String bearer, String path, String expected) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            var response = given().header("Authorization", bearer).when().get(path).then().extract();
            status = response.statusCode();
            if (status == 200 && response.body().asString().contains(expected)) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError(path + " never showed " + expected + ": last status " + status);
    }

    /**
     * A trust system that traces its calls sends its trace context (W3C traceparent, sampled) with a submission: the
     * gateway and the survey service join that trace, the outbox keeps it with the event and the relay publishes it as the
     * CloudEvents traceparent extension, for the reporting service's span to join (reporting-service's EventTraceTest and the
     * platform's EventTraceTest prove the consumer's side with the SDK's in-memory exporter). The shared stack traces only
     * what a caller asks it to (OTEL_TRACES_SAMPLER_ARG=0).
     */
    @Test
    void aSubmissionCarriesTheCallersTraceIntoItsEvent() throws Exception {
        SurveyLoad survey = new SurveyLoad();
        String run = survey.openRun("traced");
        var before = Instances.endOffsets(Instances.SURVEY_TOPIC);
        String trace = java.util.UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + trace + "-" + trace.substring(16) + "-01";
        String path = "/api/v1/survey-runs/" + run + "/responses";
        var started = given().header("Authorization", survey.trust).header("traceparent", traceparent).header("Idempotency-Key", run + "-t")
                .queryParam("respondentReference", "t-1").contentType("application/json").body(Bodies.respondent("chair", "t-1"))
                .post(path).then().statusCode(201).extract();
        String id = started.path("id");
        String etag = given().header("Authorization", survey.trust).header("traceparent", traceparent).header("If-Match", started.header("ETag"))
                .queryParam("respondentReference", "t-1").contentType("application/json").body(Bodies.trustProgress(SurveyLoad.ANSWER))
                .patch(path + "/" + id).then().statusCode(200).extract().header("ETag");
        given().header("Authorization", survey.trust).header("traceparent", traceparent).header("If-Match", etag)
                .queryParam("respondentReference", "t-1").post(path + "/" + id + "/submit").then().statusCode(200);

        assertThat(Instances.storedTraceparents(run, "RHA")).as("the submission's event, with the trace of the request that wrote it")
                .singleElement().asString().matches("00-" + trace + "-[0-9a-f]{16}-01").doesNotEndWith(trace.substring(16) + "-01");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        List<String> published = List.of();
        while (published.isEmpty() && System.nanoTime() < deadline) {
            published = Instances.headersSince(before, Instances.SURVEY_TOPIC, run, "RHA", "ce_traceparent");
        }
        assertThat(published).as("ce_traceparent of the published event").containsExactlyElementsOf(Instances.storedTraceparents(run, "RHA"));
    }

    @Test
    void callWithoutATokenIsRefusedAtTheGateway() {
        given().when().get("/api/v1/reports/trends/self-assessment")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
