package uk.nhs.impact.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.TopicProbe;

/** DRAFT → SIGNED_OFF → SUBMITTED, reopen and withdraw: every illegal step refused with a reason, history kept. */
@QuarkusTest
class LifecycleTest {
    private static final String ORG = "RK5";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String cycle() {
        return "life-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aDraftCannotBeSubmittedOrReopenedAndAnIncompleteOneCannotBeSignedOff() {
        AssessmentApi.Ref a = AssessmentApi.create(ORG, cycle());
        refused(AssessmentApi.post(ORG, a, "submit", null), "DRAFT");
        refused(AssessmentApi.post(ORG, a, "reopen", AssessmentApi.reason("why not")), "DRAFT");
        a = AssessmentApi.answer(ORG, a, Map.of("Q01", "STARTING", "Q02", "DEVELOPING"));
        AssessmentApi.signOffRequest(ORG, a).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("20 question(s) have no level"))
                .body("context.unansweredQuestions", hasItems("Q03", "Q22"));
        AssessmentApi.as(ORG).when().get(AssessmentApi.BASE + "/" + a.id()).then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("completeness.answered", equalTo(2)).body("completeness.percent", equalTo(9.1f));
    }

    @Test
    void aSignedOffAssessmentIsLockedUntilSubmittedOrReopened() {
        AssessmentApi.Ref a = AssessmentApi.create(ORG, cycle());
        a = AssessmentApi.answer(ORG, a, AssessmentApi.byCode(AssessmentApi.SEED_001));
        a = AssessmentApi.signOff(ORG, a);
        refused(AssessmentApi.patch(ORG, a, Map.of("Q01", AssessmentApi.level("DEVELOPING"))), "SIGNED_OFF");
        refused(AssessmentApi.signOffRequest(ORG, a), "SIGNED_OFF");
        a = AssessmentApi.submit(ORG, a);
        refused(AssessmentApi.post(ORG, a, "submit", null), "SUBMITTED");
        refused(AssessmentApi.signOffRequest(ORG, a), "SUBMITTED");
        refused(AssessmentApi.patch(ORG, a, Map.of("Q01", AssessmentApi.level("DEVELOPING"))), "SUBMITTED");
    }

    @Test
    void reopenStartsRevisionTwoAndKeepsRevisionOneReadable() throws Exception {
        AssessmentApi.Ref a = AssessmentApi.file(ORG, cycle(), AssessmentApi.byCode(AssessmentApi.SEED_001));
        var reopened = AssessmentApi.post(ORG, a, "reopen", AssessmentApi.reason("Board asked for Q01 to be revisited"));
        reopened.then().statusCode(200).body("status", equalTo("DRAFT")).body("revision", equalTo(2)).body("signOff", equalTo(null));
        a = new AssessmentApi.Ref(a.id(), reopened.header("ETag"));
        a = AssessmentApi.answer(ORG, a, Map.of("Q01", "DEVELOPING"));
        a = AssessmentApi.submit(ORG, AssessmentApi.signOff(ORG, a));

        JsonPath revisions = AssessmentApi.as(ORG).when().get(AssessmentApi.BASE + "/" + a.id() + "/revisions")
                .then().statusCode(200).extract().jsonPath();
        assertThat(revisions.getList("revision", Integer.class)).containsExactly(1, 2);
        assertThat(revisions.getString("[0].outcome")).isEqualTo("REOPENED");
        assertThat(revisions.getString("[0].closeReason")).isEqualTo("Board asked for Q01 to be revisited");
        AssessmentApi.as(ORG).when().get(AssessmentApi.BASE + "/" + a.id() + "/revisions/1").then().statusCode(200)
                .body("answers.Q01.levelCode", equalTo("STARTING")).body("signOff.minuteReference", equalTo("BM/23/114"));
        AssessmentApi.as(ORG).when().get(AssessmentApi.BASE + "/" + a.id() + "/revisions/2").then().statusCode(200)
                .body("outcome", equalTo("SUBMITTED")).body("answers.Q01.levelCode", equalTo("DEVELOPING"));
        AssessmentApi.as(ORG).when().get(AssessmentApi.BASE + "/" + a.id() + "/revisions/3").then().statusCode(404);

        String id = a.id();
        var events = TopicProbe.await(bootstrap, Topics.ASSESSMENT, r -> r.value().contains(id), 3, Duration.ofSeconds(30));
        assertThat(events.stream().map(r -> TopicProbe.header(r, "ce_type")).toList()).containsExactly(
                EventTypes.ASSESSMENT_SUBMITTED, EventTypes.ASSESSMENT_REOPENED, EventTypes.ASSESSMENT_SUBMITTED);
        JsonNode reopenedEvent = new ObjectMapper().readTree(events.get(1).value());
        assertThat(reopenedEvent.get("revision").asInt()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(events.get(2).value()).get("revision").asInt()).isEqualTo(2);
    }

    @Test
    void oneLiveAssessmentPerCycleAndWithdrawnIsFinal() {
        String cycle = cycle();
        AssessmentApi.Ref a = AssessmentApi.file(ORG, cycle, AssessmentApi.byCode(AssessmentApi.SEED_001));
        AssessmentApi.as(ORG).contentType("application/json")
                .body(AssessmentApi.newAssessment(cycle, 1))
                .when().post(AssessmentApi.BASE).then().statusCode(409).body("detail", containsString("already has an assessment"));
        var withdrawn = AssessmentApi.post(ORG, a, "withdraw", AssessmentApi.reason("Filed against the wrong cycle"));
        withdrawn.then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        AssessmentApi.Ref w = new AssessmentApi.Ref(a.id(), withdrawn.header("ETag"));
        refused(AssessmentApi.post(ORG, w, "withdraw", AssessmentApi.reason("again")), "WITHDRAWN");
        refused(AssessmentApi.post(ORG, w, "reopen", AssessmentApi.reason("undo")), "WITHDRAWN");
        refused(AssessmentApi.as(ORG).header("If-Match", w.etag()).contentType("application/json").body(Map.of("level", "ICB"))
                .when().put(AssessmentApi.BASE + "/" + a.id() + "/sharing"), "WITHDRAWN");
        AssessmentApi.create(ORG, cycle);
    }

    @Test
    void everyChangeNeedsTheCurrentETag() {
        AssessmentApi.Ref a = AssessmentApi.create(ORG, cycle());
        AssessmentApi.Ref stale = a;
        a = AssessmentApi.answer(ORG, a, Map.of("Q01", "STARTING"));
        AssessmentApi.patch(ORG, stale, Map.of("Q02", AssessmentApi.level("STARTING"))).then().statusCode(412)
                .contentType("application/problem+json");
        AssessmentApi.as(ORG).contentType("application/json").body(Map.of("answers", Map.of("Q02", AssessmentApi.level("STARTING"))))
                .when().patch(AssessmentApi.BASE + "/" + a.id() + "/answers").then().statusCode(428);
        AssessmentApi.as(ORG).when().get(AssessmentApi.BASE + "/" + a.id()).then().body("answers.Q02", equalTo(null))
                .header("ETag", a.etag());
    }

    private static void refused(io.restassured.response.Response r, String state) {
        r.then().statusCode(409).contentType("application/problem+json").body("detail", containsString("while it is " + state))
                .body("context.status", equalTo(state));
    }
}
