package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The identity provider crashes (Keycloak SIGKILLed). Instances already running keep serving the tokens already issued:
 * reads, writes and reports. An instance started during the outage cannot verify any token, so it stays not ready (its
 * readiness names the missing keys) instead of taking traffic it can only refuse; once Keycloak is back it turns ready by
 * itself, with no request sent to it, and serves tokens Keycloak issues after its restart.
 */
@Order(23)
@ExtendWith(SharedStack.class)
class IdentityOutageIT {
    private static final int SURVEY_PORT = 8082;
    private static final Duration NOT_READY_FOR = Duration.ofSeconds(15);
    private static RunningStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
    }

    @Test
    void runningInstancesServeIssuedTokensAndANewInstanceIsNotReadyUntilTheKeysAreKnown() throws Exception {
        SurveyLoad issuedBefore = new SurveyLoad();
        String run = issuedBefore.openRun("idp-outage");
        Path logs = stack.root().resolve(".stack-data/logs");
        long keycloak = Processes.pid(logs, "keycloak");
        Processes.Launch keycloakLaunch = Processes.launchOf(keycloak);
        long survey = Processes.pid(logs, "survey-service");
        Processes.Launch surveyLaunch = Processes.launchOf(survey);

        int killed = Processes.crash(keycloak);
        System.out.println("Keycloak crashed at " + Instant.now() + " (" + killed + " processes SIGKILLed)");
        assertThat(RunningStack.listening(18180)).as("Keycloak is down").isFalse();

        // instances already running: reads, writes and reports with the tokens issued before the outage
        SurveyLoad.Tally during = issuedBefore.load(run, 40, 2, Duration.ofMinutes(2), n -> {
        });
        assertThat(during.accepted).hasValue(40);
        issuedBefore.awaitRespondents(SurveyLoad.resultsView(run), 40);
        given().header("Authorization", issuedBefore.admin).get("/api/v1/survey-runs/" + run + "/completeness").then().statusCode(200);

        // an instance started during the outage: alive, never ready while the keys cannot be read
        Processes.crash(survey);
        long logBefore = Files.size(logs.resolve("survey-service.log"));
        Process restarted = Processes.restart(surveyLaunch, logs.resolve("survey-service.log"));
        Processes.recordPid(logs, "survey-service", restarted);
        String management = RunningStack.management(SURVEY_PORT);
        long startedAt = System.nanoTime();
        RunningStack.awaitOk(management + "/q/health/live", Duration.ofMinutes(2));
        double liveAfter = (System.nanoTime() - startedAt) / 1e9;
        int probes = 0;
        long until = System.nanoTime() + NOT_READY_FOR.toNanos();
        while (System.nanoTime() < until) {
            Response ready = get(management + "/q/health/ready");
            assertThat(ready.statusCode()).as("readiness while Keycloak is down: " + ready.asString()).isEqualTo(503);
            probes++;
            Thread.sleep(500);
        }
        Response lastAnswer = get(management + "/q/health/ready");
        assertThat(lastAnswer.<String>path("checks.find { it.name == 'token verification keys' }.status")).isEqualTo("DOWN");
        assertThat(lastAnswer.<String>path("checks.find { it.name == 'token verification keys' }.data.keys")).startsWith("not known");
        assertThat(Files.readString(logs.resolve("survey-service.log")).substring((int) logBefore)).as("the new instance's log")
                .contains("OIDC server is not available");

        // Keycloak back: the new instance turns ready by itself and serves tokens issued after the restart
        Process keycloakAgain = Processes.restart(keycloakLaunch, logs.resolve("keycloak-restart.log"));
        Processes.recordPid(logs, "keycloak", keycloakAgain);
        long keycloakStarted = System.nanoTime();
        RunningStack.awaitOk(RunningStack.KEYCLOAK + "/realms/nhs-impact/.well-known/openid-configuration", Duration.ofMinutes(4));
        double keycloakAfter = (System.nanoTime() - keycloakStarted) / 1e9;
        long back = System.nanoTime();
        RunningStack.awaitOk(management + "/q/health/ready", Duration.ofMinutes(1));
        double readyAfter = (System.nanoTime() - back) / 1e9;
        RunningStack.awaitOk(RunningStack.GATEWAY_MANAGEMENT + "/q/health/ready", Duration.ofMinutes(1));

        SurveyLoad issuedAfter = new SurveyLoad();
        SurveyLoad.Tally after = issuedAfter.load(run, 10, 2, Duration.ofMinutes(1), n -> {
        });
        assertThat(after.accepted).hasValue(10);
        issuedAfter.awaitRespondents(SurveyLoad.resultsView(run), 50);

        SuiteSummary.record("Identity provider crash (Keycloak SIGKILLed, started again later)", String.format("with the tokens issued "
                + "before: %d responses filed and counted in the reports during the outage; survey-service started during the outage: live "
                + "in %.1f s, not ready for all %d probes over %d s (\"%s\"); Keycloak answering %.1f s after its restart, the new "
                + "instance ready %.1f s later by itself; %d responses with new tokens", during.accepted.get(), liveAfter, probes,
                NOT_READY_FOR.toSeconds(), lastAnswer.<String>path("checks.find { it.name == 'token verification keys' }.data.keys"),
                keycloakAfter, readyAfter, after.accepted.get()));
    }

    private static Response get(String url) {
        return given().baseUri(url).get();
    }
}
