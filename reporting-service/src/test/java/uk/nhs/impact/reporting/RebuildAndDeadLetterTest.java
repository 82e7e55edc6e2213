package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;

@QuarkusTest
class RebuildAndDeadLetterTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private static String national() {
        return Tokens.bearer("X24", "national-analyst");
    }

    @Test
    void poisonEventsGoToTheDeadLetterTopicWithTheReasonAndConsumptionCarriesOn() {
        String collection = "baseline-poison";
        Events.publish(Topics.BASELINE, EventTypes.BASELINE_RETURN_SUBMITTED, "RHA", Map.of("organisation", org("RHA", "trust", null, "QT1", "Y60"),
                "answers", Map.of()));
        Events.publishRaw(Topics.BASELINE, "RHA", """
                {"not": "a cloud event"}""");
        Events.publish(Topics.BASELINE, EventTypes.BASELINE_RETURN_SUBMITTED, "RHA", "this is not json");
        BaselineFixtures.submit(collection, org("RHA", "trust", "mental_health", "QT1", "Y60"), 1,
                BaselineFixtures.answers(0, new int[]{1, 1, 1, 1}, List.of("QSIR")));

        Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", national())
                .get("/api/v1/reports/baseline/" + collection + "/headline").statusCode(), s -> s == 200);
        List<String> reasons = deadLetterReasons(3);
        assertThat(reasons.contains("missing field collectionId")).as(reasons.toString()).isTrue();
        assertThat(reasons.stream().anyMatch(r -> r.startsWith("record is not a CloudEvent"))).as(reasons.toString()).isTrue();
        assertThat(reasons.stream().anyMatch(r -> r.startsWith("payload is not JSON"))).as(reasons.toString()).isTrue();
    }

    @Test
    void rebuildFromTheTopicsEqualsTheIncrementallyBuiltViews() {
        String collection = "baseline-rebuild";
        String cycle = "2023-24-rebuild";
        for (int i = 0; i < 12; i++) {
            String ods = String.format("RB-%02d", i);
            BaselineFixtures.submit(collection, org(ods, "trust", "acute", "QT1", "Y60"), 1,
                    BaselineFixtures.answers(i, new int[]{10, 6, 3, 1}, List.of(i % 2 == 0 ? "QSIR" : "Lean")));
            AssessmentFixtures.submitted("a-rebuild-" + i, cycle, org(ods, "trust", "acute", "QT1", "Y60"), 1,
                    i < 8 ? "NATIONAL" : "PRIVATE", AssessmentFixtures.allAt(1 + i % 3));
        }
        // An amendment: the rebuilt view must keep revision 2, not the first submission.
        BaselineFixtures.submit(collection, org("RB-11", "trust", "acute", "QT1", "Y60"), 2,
                BaselineFixtures.answers(0, new int[]{1, 1, 1, 1}, List.of("Lean")));
        // ICB reviews of QT1's trusts: accepted; returned and resubmitted (awaits review again); returned, with a late review of
        // the first revision after the second was accepted. The rebuilt completeness must show the same states.
        Map<String, Object> rha = org("RHA", "trust", "mental_health", "QT1", "Y60");
        Map<String, Object> rx1 = org("RX1", "trust", "acute", "QT1", "Y60");
        Map<String, Object> rk5 = org("RK5", "trust", "acute", "QT1", "Y60");
        Map<String, Object> noYes = BaselineFixtures.answers(20, new int[]{10, 6, 3, 1}, List.of("QSIR"));
        BaselineFixtures.submit(collection, rha, 1, noYes);
        BaselineFixtures.review(collection, rha, 1, "ACCEPTED", null);
        BaselineFixtures.submit(collection, rx1, 1, noYes);
        BaselineFixtures.review(collection, rx1, 1, "RETURNED", "Please check governance reporting");
        BaselineFixtures.submit(collection, rx1, 2, noYes);
        BaselineFixtures.submit(collection, rk5, 1, noYes);
        BaselineFixtures.review(collection, rk5, 1, "RETURNED", "Please check governance reporting");
        BaselineFixtures.submit(collection, rk5, 2, noYes);
        BaselineFixtures.review(collection, rk5, 2, "ACCEPTED", null);
        BaselineFixtures.review(collection, rk5, 1, "RETURNED", "Please check governance reporting");
        // Sharing changes: one assessment shared nationally and narrowed to its ICB, one shared and then retracted (its answers
        // stay on the topic, before the retraction), one reopened after sharing, one never shared. The rebuilt read model must
        // hold exactly what the live one holds: the first at ICB, nothing of the others.
        Map<String, Object> rbOrg = org("RB-20", "trust", "acute", "QT1", "Y60");
        List<Map<String, Object>> levels = AssessmentFixtures.allAt(2);
        AssessmentFixtures.submitted("rb-share-narrowed", cycle, rbOrg, 1, 3, "NATIONAL", levels);
        AssessmentFixtures.sharingChanged("rb-share-narrowed", cycle, rbOrg, 1, 4, "SUBMITTED", "NATIONAL", "ICB", levels);
        AssessmentFixtures.submitted("rb-share-retracted", cycle, rbOrg, 1, 3, "PRIVATE", levels);
        String widened = AssessmentFixtures.sharingChanged("rb-share-retracted", cycle, rbOrg, 1, 4, "SUBMITTED", "PRIVATE", "REGION", levels);
        AssessmentFixtures.sharingChanged("rb-share-retracted", cycle, rbOrg, 1, 5, "SUBMITTED", "REGION", "PRIVATE", null);
        Events.publish(Topics.ASSESSMENT, widened, EventTypes.ASSESSMENT_SHARING_CHANGED, "RB-20", Map.of("assessmentId", "rb-share-retracted",
                "cycle", cycle, "organisation", rbOrg, "revision", 1, "sequence", 4, "status", "SUBMITTED", "sharing", "REGION",
                "answers", levels)); // redelivered after the retraction
        AssessmentFixtures.submitted("rb-share-reopened", cycle, rbOrg, 1, 3, "ICB", levels);
        AssessmentFixtures.reopened("rb-share-reopened", cycle, rbOrg, 2, 4, "ICB");
        AssessmentFixtures.submitted("rb-share-private", cycle, rbOrg, 1, 3, "PRIVATE", levels);
        AssessmentFixtures.awaitApplied(pool, "rb-share-private", 3);
        List<String> assessmentRows = AssessmentFixtures.snapshot(pool, "rb-share-");
        assertThat(assessmentRows.stream().filter(r -> r.startsWith("record ")).count()).as(assessmentRows.toString()).isEqualTo(1);
        assertThat(assessmentRows.stream().anyMatch(r -> r.startsWith("record (rb-share-narrowed,") && r.contains(",ICB,"))).as(assessmentRows.toString())
                .isTrue();
        String headline = "/api/v1/reports/baseline/" + collection + "/headline";
        String distribution = "/api/v1/reports/self-assessment/" + cycle + "/distribution";
        Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", national()).get(headline).jsonPath()
                .getInt("orgTypes[0].measures[3].figure.numerator"), n -> n == 2);
        Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", national()).get(distribution).jsonPath()
                .getInt("organisations"), n -> n == 8);
        String completeness = "/api/v1/reports/baseline/" + collection + "/completeness?area=QT1";
        String states = "submitted.collect { it.odsCode + ':' + it.reviewState }";
        Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", national()).get(completeness).jsonPath().getList(states),
                s -> s.equals(List.of("RHA:ACCEPTED", "RK5:ACCEPTED", "RX1:AWAITING_REVIEW")));
        String beforeCompleteness = given().header("Authorization", national()).get(completeness).asString();
        String before = given().header("Authorization", national()).get(headline).asString();
        String beforeDistribution = given().header("Authorization", national()).get(distribution).asString();

        String admin = Tokens.bearer("X24", "instrument-admin");
        given().header("Authorization", national()).when().post("/api/v1/reports/admin/rebuild").then().statusCode(403);
        given().header("Authorization", admin).when().post("/api/v1/reports/admin/rebuild").then().statusCode(202);
        var done = Eventually.await(Duration.ofSeconds(120), () -> given().header("Authorization", admin)
                .get("/api/v1/reports/admin/rebuild").jsonPath(), p -> !"RUNNING".equals(p.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("DONE");
        assertThat(done.getLong("replayed") >= 34 && done.getLong("replayed") == done.getLong("total")).as(done.prettify()).isTrue();

        assertThat(AssessmentFixtures.snapshot(pool, "rb-share-")).as("the assessment read model after the rebuild").isEqualTo(assessmentRows);
        assertThat(given().header("Authorization", national()).get(headline).asString()).isEqualTo(before);
        assertThat(given().header("Authorization", national()).get(distribution).asString()).isEqualTo(beforeDistribution);
        assertThat(given().header("Authorization", national()).get(completeness).asString()).isEqualTo(beforeCompleteness);
    }

    private List<String> deadLetterReasons(int atLeast) {
        Map<String, Object> conf = Map.of("bootstrap.servers", bootstrap, "group.id", "dlq-probe-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest");
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(conf, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.REPORTING_DEAD_LETTER));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reasons.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    var h = r.headers().lastHeader("dlq-reason");
                    if (h != null) {
                        reasons.add(new String(h.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return reasons;
    }
}
