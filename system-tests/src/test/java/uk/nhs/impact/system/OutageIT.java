package uk.nhs.impact.system;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The broker goes away while returns are being submitted: the services keep accepting (the events wait in their outbox),
 * and once the broker is back every accepted return reaches the reporting views exactly once.
 */
class OutageIT {
    private static final int RETURNS = 2_000;
    private static final int CLIENTS = 8;
    private static RunningStack stack;

    @BeforeAll
    static void start() throws Exception {
        // the load comes from one organisation's system: lift the per-client rate limit for it
        stack = new RunningStack(Map.of("GATEWAY_RATE_PER_SECOND", "100000", "GATEWAY_RATE_BURST", "100000")).start();
        RestAssured.baseURI = RunningStack.GATEWAY;
    }

    @AfterAll
    static void stop() throws Exception {
        assertEquals(List.of(), stack.stopAndListLeftovers(), "still running after ./stack.sh stop");
    }

    @Test
    void everyReturnAcceptedDuringABrokerOutageIsCountedOnce() throws Exception {
        String admin = "Bearer " + DemoTokens.user("instrument.admin", "dev-only-Admin-1");
        String trust = "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1");
        String analyst = "Bearer " + DemoTokens.user("national.analyst", "dev-only-National-1");
        String run = "outage-" + Long.toString(System.currentTimeMillis(), 36);
        given().header("Authorization", admin).contentType("application/json")
                .body("{\"id\":\"" + run + "\",\"name\":\"Outage\",\"instrumentId\":\"nhsp-improvement-survey-2023\",\"instrumentVersion\":1,"
                        + "\"referenceDate\":\"2023-08-31\",\"opensAt\":\"" + Instant.now().minusSeconds(60) + "\",\"closesAt\":\""
                        + Instant.now().plusSeconds(86400) + "\",\"organisationTypes\":[\"trust\"]}")
                .post("/api/v1/survey-runs").then().statusCode(201);

        long kafka = Long.parseLong(Files.readString(stack.root().resolve(".stack-data/logs/kafka.pid")).trim());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger acceptedDuringOutage = new AtomicInteger();
        List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        Object outage = new Object();
        boolean[] brokerDown = {false};
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < CLIENTS; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < RETURNS; i = next.getAndIncrement()) {
                    String ref = "respondent-" + i;
                    String path = "/api/v1/survey-runs/" + run + "/responses";
                    Response startResponse = given().header("Authorization", trust).contentType("application/json").queryParam("respondentReference", ref)
                            .body("{\"respondentRole\":\"chief_executive\",\"respondentReference\":\"" + ref + "\"}").post(path);
                    if (startResponse.statusCode() != 201) {
                        refused.add(ref + " start " + startResponse.statusCode());
                        continue;
                    }
                    String id = startResponse.path("id");
                    Response saved = given().header("Authorization", trust).header("If-Match", startResponse.header("ETag"))
                            .queryParam("respondentReference", ref).contentType("application/json")
                            .body("{\"answers\":{\"Q1_trust_progress\":{\"option\":\"underway_maturing\"}}}").patch(path + "/" + id);
                    Response submitted = saved.statusCode() != 200 ? saved : given().header("Authorization", trust)
                            .header("If-Match", saved.header("ETag")).queryParam("respondentReference", ref).post(path + "/" + id + "/submit");
                    if (submitted.statusCode() != 200) {
                        refused.add(ref + " " + submitted.statusCode());
                        continue;
                    }
                    int n = accepted.incrementAndGet();
                    synchronized (outage) {
                        if (brokerDown[0]) {
                            acceptedDuringOutage.incrementAndGet();
                        }
                        if (n == 400 && !brokerDown[0]) {
                            signal("STOP", kafka);
                            brokerDown[0] = true;
                        } else if (n == 1_600 && brokerDown[0]) {
                            signal("CONT", kafka);
                            brokerDown[0] = false;
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        synchronized (outage) {
            if (brokerDown[0]) {
                signal("CONT", kafka);
                brokerDown[0] = false;
            }
        }
        double submitSeconds = (System.nanoTime() - started) / 1e9;

        long drainStarted = System.nanoTime();
        long inViews = 0;
        while (System.nanoTime() - drainStarted < Duration.ofMinutes(4).toNanos()) {
            Response r = given().header("Authorization", analyst).get("/api/v1/reports/survey/" + run + "/results");
            inViews = r.statusCode() == 200 ? ((Number) r.path("meta.respondents")).longValue() : 0;
            if (inViews >= accepted.get()) {
                break;
            }
            Thread.sleep(1_000);
        }
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
        Thread.sleep(5_000);   // anything still arriving would now show as a duplicate
        long settled = ((Number) given().header("Authorization", analyst).get("/api/v1/reports/survey/" + run + "/results")
                .path("meta.respondents")).longValue();
        long inService = ((Number) given().header("Authorization", admin).get("/api/v1/survey-runs/" + run + "/completeness")
                .path("respondents")).longValue();

        SuiteSummary.record("Broker outage (Kafka stopped mid-load, then resumed)", String.format("%d returns sent in %.1f s, %d accepted "
                        + "(%d while the broker was down), %d refused; %d in the service, %d in the reporting views %.1f s after the last "
                        + "submit; lost %d, duplicated %d",
                RETURNS, submitSeconds, accepted.get(), acceptedDuringOutage.get(), refused.size(), inService, settled, drainSeconds,
                Math.max(0, accepted.get() - settled), Math.max(0, settled - accepted.get())));
        assertEquals(List.of(), refused, "the services must keep accepting while the broker is down");
        assertEquals(RETURNS, accepted.get());
        assertEquals(accepted.get(), inService);
        assertEquals(accepted.get(), settled, "every accepted return counted exactly once");
        org.junit.jupiter.api.Assertions.assertTrue(acceptedDuringOutage.get() >= 1_000, "most of the load arrived during the outage");
    }

    private static void signal(String signal, long pid) {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
            System.out.println("Kafka broker " + (signal.equals("STOP") ? "stopped" : "resumed") + " at " + Instant.now());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
