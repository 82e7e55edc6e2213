package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker is shut down while returns are being submitted and started again later: the services keep accepting (the
 * events wait in their outbox), and once the broker is back every accepted return reaches the reporting views exactly once.
 */
@Order(21)
@ExtendWith(SharedStack.class)
class OutageIT {
    private static final int RETURNS = 1_200;
    private static final int CLIENTS = 8;
    private static RunningStack stack;
    private static final List<Process> RESTARTED = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        // the load comes from one organisation's system: lift the per-client rate limit for it
        stack = SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
    }

    @Test
    void everyReturnAcceptedDuringABrokerOutageIsCountedOnce() throws Exception {
        String admin = "Bearer " + DemoTokens.user("instrument.admin", "dev-only-Admin-1");
        String trust = "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1");
        String analyst = "Bearer " + DemoTokens.user("national.analyst", "dev-only-National-1");
        String run = "outage-" + Long.toString(System.currentTimeMillis(), 36);
        given().header("Authorization", admin).contentType("application/json")
                .body(Bodies.surveyRun(run, "Outage", Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400)))
                .post("/api/v1/survey-runs").then().statusCode(201);

        Path logs = stack.root().resolve(".stack-data/logs");
        long kafka = Processes.pid(logs, "kafka");
        Processes.Launch kafkaLaunch = Processes.launchOf(kafka);
        Thread[] outageThread = new Thread[1];
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
                            .body(Bodies.respondent("chief_executive", ref)).post(path);
                    if (startResponse.statusCode() != 201) {
                        refused.add(ref + " start " + startResponse.statusCode());
                        continue;
                    }
                    String id = startResponse.path("id");
                    Response saved = given().header("Authorization", trust).header("If-Match", startResponse.header("ETag"))
                            .queryParam("respondentReference", ref).contentType("application/json")
                            .body(Bodies.trustProgress("underway_maturing")).patch(path + "/" + id);
                    Response submitted = saved.statusCode() != 200
                            ? saved
                            : given().header("Authorization", trust)
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
                        if (n == 250) {
                            // the broker shuts down (SIGTERM), stays down for about 750 returns, then starts again as it was
                            outageThread[0] = new Thread(() -> brokerOutage(kafka, kafkaLaunch, logs, accepted, 1_000, brokerDown, outage));
                            outageThread[0].start();
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
        outageThread[0].join(Duration.ofMinutes(3).toMillis());
        if (outageThread[0].isAlive() || RESTARTED.isEmpty()) {
            throw new IllegalStateException("the broker was not started again");
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
        Thread.sleep(5_000); // anything still arriving would now show as a duplicate
        long settled = ((Number) given().header("Authorization", analyst).get("/api/v1/reports/survey/" + run + "/results")
                .path("meta.respondents")).longValue();
        long inService = ((Number) given().header("Authorization", admin).get("/api/v1/survey-runs/" + run + "/completeness")
                .path("respondents")).longValue();

        SuiteSummary.record("Broker outage (Kafka shut down mid-load, started again later)", String.format("%d returns sent in %.1f s, %d accepted "
                + "(%d while the broker was down), %d refused; %d in the service, %d in the reporting views %.1f s after the last "
                + "submit; lost %d, duplicated %d",
                RETURNS, submitSeconds, accepted.get(), acceptedDuringOutage.get(), refused.size(), inService, settled, drainSeconds,
                Math.max(0, accepted.get() - settled), Math.max(0, settled - accepted.get())));
        assertThat(refused).as("the services must keep accepting while the broker is down").isEmpty();
        assertThat(accepted.get()).isEqualTo(RETURNS);
        assertThat(inService).isEqualTo(accepted.get());
        assertThat(settled).as("every accepted return counted exactly once").isEqualTo(accepted.get());
        assertThat(acceptedDuringOutage.get()).as("most of the load arrived during the outage").isGreaterThanOrEqualTo(600);
    }

    /** Stops the broker, waits until {@code accepted} reaches {@code restartAt} (or the load ends), starts it again. */
    private static void brokerOutage(long pid, Processes.Launch launch, Path logs, AtomicInteger accepted, int restartAt, boolean[] brokerDown,
            Object lock) {
        try {
            Processes.signal("TERM", pid);
            Processes.awaitExit(pid, Duration.ofSeconds(60));
            synchronized (lock) {
                brokerDown[0] = true;
            }
            System.out.println("Kafka broker stopped at " + Instant.now() + " after " + accepted.get() + " accepted returns");
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (accepted.get() < restartAt && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            synchronized (lock) {
                brokerDown[0] = false;
            }
            Process restarted = Processes.restart(launch, logs.resolve("kafka.log"));
            RESTARTED.add(restarted);
            Processes.recordPid(logs, "kafka", restarted);
            System.out.println("Kafka broker started again at " + Instant.now() + " after " + accepted.get() + " accepted returns");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
