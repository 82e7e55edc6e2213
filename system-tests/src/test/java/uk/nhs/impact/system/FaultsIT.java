package uk.nhs.impact.system;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults on the running system: the reporting service killed mid-stream and started again (its views then equal a full
 * rebuild from the topics), and PostgreSQL restarted under load (requests fail fast with 503 problem+json, the services
 * recover by themselves, and nothing is half-written).
 */
@Order(2)
class FaultsIT {
    private static RunningStack stack;
    private static String admin;
    private static String trust;
    private static String analyst;
    private static final List<Process> KEEP = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stack = new RunningStack(RunningStack.LIFTED_RATE_LIMITS).start();
        RestAssured.baseURI = RunningStack.GATEWAY;
        admin = "Bearer " + DemoTokens.user("instrument.admin", "dev-only-Admin-1");
        trust = "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1");
        analyst = "Bearer " + DemoTokens.user("national.analyst", "dev-only-National-1");
    }

    @AfterAll
    static void stop() throws Exception {
        Processes.stopRestarted(KEEP);
        assertEquals(List.of(), stack.stopAndListLeftovers(), "still running after ./stack.sh stop");
        for (Process p : KEEP) {
            assertTrue(!p.isAlive() || p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "restarted process still alive");
        }
    }

    @Test
    void aReportingServiceKilledMidStreamCatchesUpToExactlyAFullRebuild() throws Exception {
        String run = openRun("crash");
        Path logs = stack.root().resolve(".stack-data/logs");
        long reporting = Long.parseLong(Files.readString(logs.resolve("reporting-service.pid")).trim());
        Processes.Launch launch = Processes.launchOf(reporting);
        AtomicInteger accepted = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        load(run, 600, 4, Duration.ofMinutes(3), accepted, new AtomicInteger(), new AtomicLong(), n -> {
            if (n == 200 && killed.compareAndSet(false, true)) {
                try {
                    Processes.signal("KILL", reporting);
                    System.out.println("Reporting service killed at " + Instant.now());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        Processes.awaitExit(reporting, Duration.ofSeconds(30));
        Process restarted = Processes.restart(launch, logs.resolve("reporting-service.log"));
        Files.writeString(logs.resolve("reporting-service.pid"), Long.toString(restarted.pid()));
        awaitReady(RunningStack.management(8084) + "/q/health/ready", Duration.ofMinutes(2));

        String view = "/api/v1/reports/survey/" + run + "/results";
        awaitRespondents(view, accepted.get());
        String incremental = given().header("Authorization", analyst).get(view).asString();

        given().header("Authorization", admin).post("/api/v1/reports/admin/rebuild").then().statusCode(202);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String state = "RUNNING";
        while (state.equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            state = given().header("Authorization", admin).get("/api/v1/reports/admin/rebuild").path("state");
        }
        assertEquals("DONE", state);
        String rebuilt = given().header("Authorization", analyst).get(view).asString();
        SuiteSummary.record("Consumer crash (reporting service killed mid-stream, restarted)", String.format("killed after 200 of %d "
                + "accepted returns; views after catching up equal a full rebuild from the topics: %b", accepted.get(), incremental.equals(rebuilt)));
        assertEquals(incremental, rebuilt);
    }

    @Test
    void aDatabaseRestartUnderLoadFailsCleanlyAndRecoversWithNothingHalfWritten() throws Exception {
        String run = openRun("db");
        Path data = stack.root().resolve(".stack-data/postgres");
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        Processes.Launch found = Processes.launchOf(postmaster);
        // PostgreSQL refuses to run as root; the embedded server is started in a user namespace, and so is its restart
        Processes.Launch launch = "root".equals(System.getProperty("user.name"))
                ? new Processes.Launch(java.util.stream.Stream.concat(java.util.stream.Stream.of("unshare", "-U"), found.command().stream()).toList(),
                found.environment(), found.directory())
                : found;
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicLong slowestMillis = new AtomicLong();
        AtomicBoolean restarted = new AtomicBoolean();
        load(run, 800, 4, Duration.ofMinutes(4), accepted, unavailable, slowestMillis, n -> {
            if (n == 150 && restarted.compareAndSet(false, true)) {
                new Thread(() -> {
                    try {
                        Processes.signal("INT", postmaster);   // fast shutdown: sessions are cut
                        Processes.awaitExit(postmaster, Duration.ofSeconds(60));
                        System.out.println("PostgreSQL stopped at " + Instant.now());
                        Thread.sleep(5_000);
                        KEEP.add(Processes.restart(launch, stack.root().resolve(".stack-data/logs/postgres-restart.log")));
                        System.out.println("PostgreSQL started again at " + Instant.now());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).start();
            }
        });
        long inService = ((Number) given().header("Authorization", admin).get("/api/v1/survey-runs/" + run + "/completeness")
                .path("respondents")).longValue();
        awaitRespondents("/api/v1/reports/survey/" + run + "/results", accepted.get());
        SuiteSummary.record("Database restart under load (PostgreSQL stopped, started 5 s later)", String.format("%d returns accepted, "
                + "%d requests answered 503 problem+json while it was down, slowest answer %d ms, 0 other errors; %d stored in the "
                + "service, %d in the views", accepted.get(), unavailable.get(), slowestMillis.get(), inService, accepted.get()));
        assertTrue(restarted.get());
        assertTrue(unavailable.get() > 0, "the restart was felt");
        assertTrue(slowestMillis.get() < 15_000, "no request hung: slowest " + slowestMillis.get() + " ms");
        assertEquals(accepted.get(), inService, "every accepted submission stored, nothing else");
        assertEquals(800, accepted.get(), "after the restart every return went through");
    }

    private interface OnAccepted {
        void accepted(int n);
    }

    /**
     * Files {@code total} survey responses from {@code clients} clients; a step answered 503 problem+json is retried (as a
     * trust system would), anything else that is not a success fails the test.
     */
    private static void load(String run, int total, int clients, Duration limit, AtomicInteger accepted, AtomicInteger unavailable,
                             AtomicLong slowest, OnAccepted hook) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + limit.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    String ref = "r-" + i;
                    String path = "/api/v1/survey-runs/" + run + "/responses";
                    Response started = retry(() -> given().header("Authorization", trust).contentType("application/json")
                            .header("Idempotency-Key", run + "-" + ref).queryParam("respondentReference", ref)
                            .body("{\"respondentRole\":\"chair\",\"respondentReference\":\"" + ref + "\"}").post(path), unavailable, slowest, deadline);
                    if (started.statusCode() != 201) {
                        failures.add(ref + " start " + started.statusCode() + " " + started.asString());
                        continue;
                    }
                    String id = started.path("id");
                    Response saved = retry(() -> {
                        Response current = given().header("Authorization", trust).queryParam("respondentReference", ref).get(path + "/" + id);
                        if (current.statusCode() != 200) {
                            return current;
                        }
                        if ("SUBMITTED".equals(current.path("status")) || current.path("answers.Q1_trust_progress") != null) {
                            return current;
                        }
                        return given().header("Authorization", trust).header("If-Match", current.header("ETag")).queryParam("respondentReference", ref)
                                .contentType("application/json").body("{\"answers\":{\"Q1_trust_progress\":{\"option\":\"just_underway\"}}}")
                                .patch(path + "/" + id);
                    }, unavailable, slowest, deadline);
                    Response submitted = saved.statusCode() != 200 ? saved : retry(() -> {
                        Response current = given().header("Authorization", trust).queryParam("respondentReference", ref).get(path + "/" + id);
                        if (current.statusCode() != 200 || "SUBMITTED".equals(current.path("status"))) {
                            return current;
                        }
                        return given().header("Authorization", trust).header("If-Match", current.header("ETag"))
                                .queryParam("respondentReference", ref).post(path + "/" + id + "/submit");
                    }, unavailable, slowest, deadline);
                    if (submitted.statusCode() != 200) {
                        failures.add(ref + " submit " + submitted.statusCode() + " " + submitted.asString());
                        continue;
                    }
                    hook.accepted(accepted.incrementAndGet());
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " returns failed");
    }

    private static Response retry(java.util.function.Supplier<Response> call, AtomicInteger unavailable, AtomicLong slowest, long deadline)
            throws InterruptedException {
        while (true) {
            long t0 = System.nanoTime();
            Response r = call.get();
            slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
            if (r.statusCode() != 503 || System.nanoTime() > deadline) {
                return r;
            }
            assertTrue(String.valueOf(r.contentType()).startsWith("application/problem+json"), "503 must be a problem: " + r.asString());
            unavailable.incrementAndGet();
            Thread.sleep(200);
        }
    }

    private static String openRun(String prefix) {
        String run = prefix + "-" + Long.toString(System.nanoTime(), 36);
        given().header("Authorization", admin).contentType("application/json")
                .body("{\"id\":\"" + run + "\",\"name\":\"Faults\",\"instrumentId\":\"nhsp-improvement-survey-2023\",\"instrumentVersion\":1,"
                        + "\"referenceDate\":\"2023-08-31\",\"opensAt\":\"" + Instant.now().minusSeconds(60) + "\",\"closesAt\":\""
                        + Instant.now().plusSeconds(86400) + "\",\"organisationTypes\":[\"trust\"]}")
                .post("/api/v1/survey-runs").then().statusCode(201);
        return run;
    }

    private static void awaitReady(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (given().baseUri(url).get().statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet (the client throws ConnectException without declaring it)
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " not ready within " + timeout);
    }

    private static void awaitRespondents(String view, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            Response r = given().header("Authorization", analyst).get(view);
            seen = r.statusCode() == 200 ? ((Number) r.path("meta.respondents")).longValue() : -1;
            if (seen == expected) {
                Thread.sleep(3_000);
                long settled = ((Number) given().header("Authorization", analyst).get(view).path("meta.respondents")).longValue();
                assertEquals(expected, settled, "no duplicates arrive later");
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(view + " shows " + seen + " respondents, expected " + expected);
    }
}
