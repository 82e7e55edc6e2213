package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Survey responses filed through the gateway by several clients at once, as trust systems would, for the fault tests: each
 * response is started (with an Idempotency-Key), answered ({@value #ANSWER} to Q1) and submitted. A step answered 503
 * problem+json (or another status the load is told to retry) is retried after reading the response back, so a step whose answer was lost in a fault is not repeated and
 * a response is never left between steps; anything else that is not a success fails the test.
 */
final class SurveyLoad {
    static final String ANSWER = "just_underway";

    /** What a load saw. */
    static final class Tally {
        /** Respondent reference → response id, for every response whose submission was answered 200. */
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger accepted = new AtomicInteger();
        /** Steps answered with a retried status (503, or as the load was told) and repeated. */
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicLong slowestMillis = new AtomicLong();
        /** Responses that failed (a step answered neither success nor 503), with the answer. */
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());

        /** Fails the test if any response failed. */
        Tally checked() {
            assertThat(failures.subList(0, Math.min(5, failures.size()))).as(failures.size() + " returns failed").isEmpty();
            return this;
        }
    }

    interface OnAccepted {
        void accepted(int n);
    }

    final String admin;
    final String trust;
    final String analyst;
    private final java.util.Set<Integer> retried;

    /** With fresh tokens of the demo administrator, trust lead and national analyst; a step answered 503 is retried. */
    SurveyLoad() {
        this(java.util.Set.of(503));
    }

    /**
     * As {@link #SurveyLoad()}, retrying a step answered with any of {@code retried} (problem+json), e.g. also 502 where an
     * instance is killed with requests in flight.
     */
    SurveyLoad(java.util.Set<Integer> retried) {
        this.retried = retried;
        admin = "Bearer " + DemoTokens.user("instrument.admin", "dev-only-Admin-1");
        trust = "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1");
        analyst = "Bearer " + DemoTokens.user("national.analyst", "dev-only-National-1");
    }

    /** Opens a new survey run for trusts, named after {@code prefix}. */
    String openRun(String prefix) {
        String run = prefix + "-" + Long.toString(System.nanoTime(), 36);
        given().header("Authorization", admin).contentType("application/json")
                .body(Bodies.surveyRun(run, "Faults", Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400)))
                .post("/api/v1/survey-runs").then().statusCode(201);
        return run;
    }

    /** Files {@code total} responses from {@code clients} clients within {@code limit}; fails the test if any fails. */
    Tally load(String run, int total, int clients, Duration limit, OnAccepted hook) throws Exception {
        return loadUntil(run, total, clients, limit, () -> false, hook).checked();
    }

    /**
     * Files up to {@code total} responses from {@code clients} clients until {@code stop} says so or {@code limit} has
     * passed; a client asked to stop first finishes the response it is filing. Failed responses are in the tally.
     */
    Tally loadUntil(String run, int total, int clients, Duration limit, BooleanSupplier stop, OnAccepted hook) throws Exception {
        Tally tally = new Tally();
        AtomicInteger next = new AtomicInteger();
        List<String> failures = tally.failures;
        long deadline = System.nanoTime() + limit.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total && System.nanoTime() < deadline && !stop.getAsBoolean(); i = next.getAndIncrement()) {
                    String ref = "r-" + i;
                    String path = "/api/v1/survey-runs/" + run + "/responses";
                    Response started = retry(() -> given().header("Authorization", trust).contentType("application/json")
                            .header("Idempotency-Key", run + "-" + ref).queryParam("respondentReference", ref)
                            .body(Bodies.respondent("chair", ref)).post(path), tally, deadline);
                    if (started.statusCode() != 201) {
                        failures.add(ref + " start " + started.statusCode() + " " + started.asString());
                        continue;
                    }
                    String id = started.path("id");
                    Response saved = retry(() -> {
                        Response current = read(run, ref, id);
                        if (current.statusCode() != 200) {
                            return current;
                        }
                        if ("SUBMITTED".equals(current.path("status")) || current.path("answers.Q1_trust_progress") != null) {
                            return current;
                        }
                        return given().header("Authorization", trust).header("If-Match", current.header("ETag")).queryParam("respondentReference", ref)
                                .contentType("application/json").body(Bodies.trustProgress(ANSWER))
                                .patch(path + "/" + id);
                    }, tally, deadline);
                    Response submitted = saved.statusCode() != 200 ? saved : retry(() -> {
                        Response current = read(run, ref, id);
                        if (current.statusCode() != 200 || "SUBMITTED".equals(current.path("status"))) {
                            return current;
                        }
                        return given().header("Authorization", trust).header("If-Match", current.header("ETag"))
                                .queryParam("respondentReference", ref).post(path + "/" + id + "/submit");
                    }, tally, deadline);
                    if (submitted.statusCode() != 200) {
                        failures.add(ref + (saved.statusCode() != 200 ? " answers " : " submit ") + submitted.statusCode() + " " + submitted.asString());
                        continue;
                    }
                    tally.acknowledged.put(ref, id);
                    hook.accepted(tally.accepted.incrementAndGet());
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        return tally;
    }

    /** One response as its respondent's trust system reads it back. */
    Response read(String run, String ref, String id) {
        return given().header("Authorization", trust).queryParam("respondentReference", ref).get("/api/v1/survey-runs/" + run + "/responses/" + id);
    }

    /** Submitted responses the survey service holds for the run (its completeness figure). */
    long storedInService(String run) {
        return ((Number) given().header("Authorization", admin).get("/api/v1/survey-runs/" + run + "/completeness").path("respondents")).longValue();
    }

    /** The run's survey results in the reporting views, as the national analyst reads them. */
    static String resultsView(String run) {
        return "/api/v1/reports/survey/" + run + "/results";
    }

    /** Waits until the view counts {@code expected} respondents and checks that no more arrive within the next 3 s. */
    void awaitRespondents(String view, long expected) throws InterruptedException {
        assertThat(settledRespondents(view, expected, Duration.ofMinutes(3))).as(view + ": respondents counted (3 s after they first "
                + "reached the expected number, or the wait ended)").isEqualTo(expected);
    }

    /**
     * The respondents the view counts once they have reached {@code expected} (or {@code timeout} has passed) and 3 s more
     * have gone by, so that anything arriving late, a duplicate, counts too.
     */
    long settledRespondents(String view, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (respondents(view) < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(3_000);
        return respondents(view);
    }

    private long respondents(String view) {
        Response r = given().header("Authorization", analyst).get(view);
        return r.statusCode() == 200 ? ((Number) r.path("meta.respondents")).longValue() : -1;
    }

    private Response retry(Supplier<Response> call, Tally tally, long deadline) throws InterruptedException {
        while (true) {
            long t0 = System.nanoTime();
            Response r = call.get();
            tally.slowestMillis.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
            if (!retried.contains(r.statusCode()) || System.nanoTime() > deadline) {
                return r;
            }
            assertThat(String.valueOf(r.contentType()).startsWith("application/problem+json")).as(r.statusCode() + " must be a problem: " + r.asString())
                    .isTrue();
            tally.unavailable.incrementAndGet();
            Thread.sleep(200);
        }
    }
}
