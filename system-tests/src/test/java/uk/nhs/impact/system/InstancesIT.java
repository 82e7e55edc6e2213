package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of every service are safe together (the shared stack runs two of each): the gateway spreads requests over
 * them, the outbox relays of one database and the reporting consumers of one group share the work, and losing one
 * instance of each loses and doubles nothing. Last of the classes on the shared stack: it leaves one instance of each.
 */
@Order(30)
@ExtendWith(SharedStack.class)
class InstancesIT {
    static final List<String> SERVICES = List.of("assessment", "survey", "baseline", "reporting", "organisation");
    private static RunningStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
    }

    /**
     * Two instances of every service under load (survey responses filed by four clients at once); once 100 are
     * acknowledged, one instance of every service is SIGKILLed: for reporting, the one reading the partition the load's
     * events are on. Every acknowledged response then reaches the views exactly once, the trust's events are applied in the
     * order they were committed, every service still answers through the gateway, and the gateway sends nothing to the dead
     * instances.
     */
    @Test
    void oneInstanceOfEveryServiceKilledUnderLoadLosesAndDoublesNothing() throws Exception {
        SurveyLoad survey = new SurveyLoad(Set.of(502, 503));
        String run = survey.openRun("instances");
        Path logs = stack.root().resolve(".stack-data/logs");
        Map<TopicPartition, Long> before = Instances.endOffsets(Instances.SURVEY_TOPIC);
        TopicPartition partition = Instances.partitionOf(Instances.SURVEY_TOPIC, "RHA");
        int reportingPort = Instances.reportingInstanceReading(partition);
        Map<String, Long> victims = new TreeMap<>();
        for (String service : SERVICES) {
            // the other services lose their second instance; reporting the one that reads the load's events
            int instance = service.equals("reporting") ? (reportingPort == 8084 ? 1 : 2) : 2;
            victims.put(service + "-service" + (instance == 1 ? "" : "-" + instance),
                    Processes.pid(logs, service + "-service" + (instance == 1 ? "" : "-" + instance)));
        }
        AtomicBoolean killed = new AtomicBoolean();
        SurveyLoad.Tally tally = survey.load(run, 300, 4, Duration.ofMinutes(4), n -> {
            if (n == 100 && killed.compareAndSet(false, true)) {
                try {
                    for (long pid : victims.values()) {
                        Processes.signal("KILL", pid);
                    }
                    System.out.println("Killed " + victims.keySet() + " at " + Instant.now());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        for (long pid : victims.values()) {
            Processes.awaitExit(pid, Duration.ofSeconds(30));
        }
        long inService = survey.storedInService(run);
        survey.awaitRespondents(SurveyLoad.resultsView(run), tally.accepted.get());

        // the trust's events as the survey service wrote them, as they sit on its partition, and as reporting applied them
        List<String> committed = Instances.committed(run, "RHA");
        List<String> onPartition = Instances.publishedSince(before, partition, run);
        Map<String, java.sql.Timestamp> appliedAt = Instances.appliedAt(committed);
        String outOfOrder = Instances.firstOutOfOrder(onPartition, appliedAt);
        long publishedTwice = onPartition.size() - new java.util.HashSet<>(onPartition).size();

        // every service still answers through the gateway, from its surviving instance, and readiness says which are left
        Map<String, String> reads = Map.of("/api/v1/assessment-instruments", survey.analyst, "/api/v1/survey-runs/" + run + "/completeness",
                survey.admin, "/api/v1/baseline-question-sets", survey.analyst, SurveyLoad.resultsView(run), survey.analyst,
                "/api/v1/organisations/RHA", survey.analyst);
        Map<String, List<Integer>> answered = new TreeMap<>();
        reads.forEach((path, bearer) -> {
            for (int i = 0; i < 6; i++) {
                answered.computeIfAbsent(path, k -> new java.util.ArrayList<>()).add(given().header("Authorization", bearer).when().get(path).statusCode());
            }
        });
        assertThat(answered.values()).as("reads through the gateway after the kill: " + answered)
                .allMatch(statuses -> statuses.stream().allMatch(st -> st == 200));
        String downstream = "checks.find { it.name == 'downstream services' }.data.";
        var readiness = given().baseUri(RunningStack.GATEWAY_MANAGEMENT).when().get("/q/health/ready").then().statusCode(200);
        for (String service : SERVICES) {
            readiness.body(downstream + "'" + service + " instances'", equalTo("1 of 2 ready"));
        }

        SuiteSummary.record("One instance of every service killed under load (two of each)", String.format("killed %s after 100 "
                + "acknowledged responses; reporting instance on port %d was reading the trust's partition %s; %d responses acknowledged "
                + "(%d steps answered 502/503 and retried), %d stored in the service, %d counted in the views; %d events of the trust "
                + "committed, %d on its partition (%d of them a second time), %d applied, each once and in the partition's order: %s",
                victims.keySet(), reportingPort, partition, tally.accepted.get(), tally.unavailable.get(), inService, tally.accepted.get(),
                committed.size(), onPartition.size(), publishedTwice, appliedAt.size(), outOfOrder == null ? "yes" : "no, " + outOfOrder));
        assertThat(inService).as("every acknowledged response stored, nothing else").isEqualTo(tally.accepted.get());
        assertThat(tally.accepted.get()).isEqualTo(300);
        assertThat(new java.util.HashSet<>(onPartition)).as("every committed event of the trust on its partition, nothing else")
                .containsExactlyInAnyOrderElementsOf(committed);
        assertThat(appliedAt.keySet()).as("every committed event of the trust applied by reporting").containsExactlyInAnyOrderElementsOf(committed);
        assertThat(outOfOrder).as("the trust's events applied in the order they sit on its partition").isNull();
    }

}
