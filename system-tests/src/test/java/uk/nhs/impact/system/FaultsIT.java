package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults on the running system: the reporting service killed mid-stream and started again (its views then equal a full
 * rebuild from the topics), and PostgreSQL restarted under load (requests fail fast with 503 problem+json, the services
 * recover by themselves, and nothing is half-written).
 */
@Order(20)
@ExtendWith(SharedStack.class)
class FaultsIT {
    private static RunningStack stack;
    private static SurveyLoad survey;

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
        survey = new SurveyLoad();
    }

    @Test
    void aReportingServiceKilledMidStreamCatchesUpToExactlyAFullRebuild() throws Exception {
        String run = survey.openRun("crash");
        Path logs = stack.root().resolve(".stack-data/logs");
        long reporting = Processes.pid(logs, "reporting-service");
        Processes.Launch launch = Processes.launchOf(reporting);
        AtomicBoolean killed = new AtomicBoolean();
        SurveyLoad.Tally tally = survey.load(run, 400, 4, Duration.ofMinutes(3), n -> {
            if (n == 150 && killed.compareAndSet(false, true)) {
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
        Processes.recordPid(logs, "reporting-service", restarted);
        RunningStack.awaitOk(RunningStack.management(8084) + "/q/health/ready", Duration.ofMinutes(2));

        String view = SurveyLoad.resultsView(run);
        survey.awaitRespondents(view, tally.accepted.get());
        String incremental = given().header("Authorization", survey.analyst).get(view).asString();

        given().header("Authorization", survey.admin).post("/api/v1/reports/admin/rebuild").then().statusCode(202);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String state = "RUNNING";
        while (state.equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            state = given().header("Authorization", survey.admin).get("/api/v1/reports/admin/rebuild").path("state");
        }
        assertThat(state).isEqualTo("DONE");
        String rebuilt = given().header("Authorization", survey.analyst).get(view).asString();
        SuiteSummary.record("Consumer crash (reporting service killed mid-stream, restarted)", String.format("killed after 150 of %d "
                + "accepted returns; views after catching up equal a full rebuild from the topics: %b", tally.accepted.get(), incremental.equals(rebuilt)));
        assertThat(rebuilt).isEqualTo(incremental);
    }

    @Test
    void aDatabaseRestartUnderLoadFailsCleanlyAndRecoversWithNothingHalfWritten() throws Exception {
        String run = survey.openRun("db");
        Path data = stack.root().resolve(".stack-data/postgres");
        long postmaster = Processes.postmaster(data);
        Processes.Launch launch = Processes.postgresLaunch(data);
        AtomicBoolean restarted = new AtomicBoolean();
        SurveyLoad.Tally tally = survey.load(run, 500, 4, Duration.ofMinutes(4), n -> {
            if (n == 150 && restarted.compareAndSet(false, true)) {
                new Thread(() -> {
                    try {
                        Processes.signal("INT", postmaster); // fast shutdown: sessions are cut
                        Processes.awaitExit(postmaster, Duration.ofSeconds(60));
                        System.out.println("PostgreSQL stopped at " + Instant.now());
                        Thread.sleep(5_000);
                        Processes.restartPostgres(launch, stack.root().resolve(".stack-data/logs/postgres-restart.log"));
                        System.out.println("PostgreSQL started again at " + Instant.now());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).start();
            }
        });
        long inService = survey.storedInService(run);
        survey.awaitRespondents(SurveyLoad.resultsView(run), tally.accepted.get());
        SuiteSummary.record("Database restart under load (PostgreSQL stopped, started 5 s later)", String.format("%d returns accepted, "
                + "%d requests answered 503 problem+json while it was down, slowest answer %d ms, 0 other errors; %d stored in the "
                + "service, %d in the views", tally.accepted.get(), tally.unavailable.get(), tally.slowestMillis.get(), inService, tally.accepted.get()));
        assertThat(restarted.get()).isTrue();
        assertThat(tally.unavailable.get()).as("the restart was felt").isPositive();
        assertThat(tally.slowestMillis.get()).as("no request hung: slowest (ms)").isLessThan(15_000);
        assertThat(inService).as("every accepted submission stored, nothing else").isEqualTo(tally.accepted.get());
        assertThat(tally.accepted.get()).as("after the restart every return went through").isEqualTo(500);
    }
}
