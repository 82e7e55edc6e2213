package uk.nhs.impact.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.TopicProbe;

/**
 * Regression "private data leaves the organisation": a self-assessment's answers leave the service only while they are shared,
 * with the level shared, and narrowing the sharing to private publishes a retraction. Checked on the outbox and on the real
 * topic, which must not hold the answers (nor the evidence, actions or sign-off) of an assessment that was never shared.
 */
@QuarkusTest
class DataMinimisationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The answers field as it appears in an event's JSON text. */
    private static final String ANSWERS_FIELD = """
            "answers\"""";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource db;

    private static String cycle() {
        return "min-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPrivateSubmissionPublishesWhoSubmittedButNoAnswers() throws Exception {
        String marker = "private-evidence-" + UUID.randomUUID();
        AssessmentApi.Ref a = submitWithEvidence("RX1", cycle(), marker);

        ConsumerRecord<String, String> record = events(a.id(), 1).get(0);
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo(EventTypes.ASSESSMENT_SUBMITTED);
        JsonNode data = JSON.readTree(record.value());
        assertThat(data.get("sharing").asText()).isEqualTo("PRIVATE");
        assertThat(data.at("/organisation/odsCode").asText()).isEqualTo("RX1");
        assertThat(data.has("submittedAt")).isTrue();
        assertThat(data.has("answers")).as("answers of a private assessment").isFalse();
        assertThat(data.has("signOff")).as("sign-off of a private assessment").isFalse();
        assertThat(record.value()).doesNotContain(marker).doesNotContain("STARTING").doesNotContain("BM/23/114");

        // the outbox row the relay sent is the same minimal payload
        List<String> outbox = outboxPayloads(a.id());
        assertThat(outbox).hasSize(1);
        assertThat(JSON.readTree(outbox.get(0)).has("answers")).isFalse();
        assertThat(outbox.get(0)).doesNotContain(marker);
    }

    @Test
    void sharingPublishesTheAnswersAtTheLevelSharedAndNarrowingToPrivateRetractsThem() throws Exception {
        AssessmentApi.Ref a = submitWithEvidence("RNA", cycle(), "Evidence shared with the ICB");
        a = AssessmentApi.share("RNA", a, "ICB");
        a = AssessmentApi.share("RNA", a, "NATIONAL");
        a = AssessmentApi.share("RNA", a, "ICB");
        a = AssessmentApi.share("RNA", a, "PRIVATE");
        var reopened = AssessmentApi.post("RNA", a, "reopen", AssessmentApi.reason("Board asked for changes"));
        reopened.then().statusCode(200);

        List<ConsumerRecord<String, String>> events = events(a.id(), 6);
        assertThat(events.stream().map(r -> TopicProbe.header(r, "ce_type")).toList()).containsExactly(
                EventTypes.ASSESSMENT_SUBMITTED, EventTypes.ASSESSMENT_SHARING_CHANGED, EventTypes.ASSESSMENT_SHARING_CHANGED,
                EventTypes.ASSESSMENT_SHARING_CHANGED, EventTypes.ASSESSMENT_SHARING_CHANGED, EventTypes.ASSESSMENT_REOPENED);
        List<JsonNode> data = new ArrayList<>();
        for (ConsumerRecord<String, String> r : events) {
            assertThat(r.key()).isEqualTo("RNA");
            data.add(JSON.readTree(r.value()));
        }
        assertThat(data.get(0).has("answers")).as("the private submission").isFalse();

        // widened to the ICB: the answers, with the level shared
        JsonNode icb = data.get(1);
        assertThat(icb.get("sharing").asText()).isEqualTo("ICB");
        assertThat(icb.get("previousSharing").asText()).isEqualTo("PRIVATE");
        assertThat(icb.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(icb.get("answers")).hasSize(22);
        assertThat(icb.at("/answers/0/levelOrdinal").asInt()).isBetween(1, 5);
        assertThat(icb.at("/answers/0/evidence").asText()).isEqualTo("Evidence shared with the ICB");
        assertThat(icb.at("/signOff/minuteReference").asText()).isEqualTo("BM/23/114");
        assertThat(icb.get("cycle").asText()).isNotBlank();
        assertThat(icb.get("instrumentId").asText()).isEqualTo(AssessmentApi.INSTRUMENT);
        assertThat(icb.has("submittedAt")).isTrue();
        // widened nationally, then narrowed back to the ICB: the answers restated at each new level
        assertThat(data.get(2).get("sharing").asText()).isEqualTo("NATIONAL");
        assertThat(data.get(2).get("answers")).hasSize(22);
        assertThat(data.get(3).get("sharing").asText()).isEqualTo("ICB");
        assertThat(data.get(3).get("previousSharing").asText()).isEqualTo("NATIONAL");
        assertThat(data.get(3).get("answers")).hasSize(22);
        // narrowed to private: the retraction, with nothing of the content
        JsonNode retraction = data.get(4);
        assertThat(retraction.get("sharing").asText()).isEqualTo("PRIVATE");
        assertThat(retraction.get("previousSharing").asText()).isEqualTo("ICB");
        assertThat(retraction.has("answers")).isFalse();
        assertThat(retraction.has("signOff")).isFalse();
        assertThat(events.get(4).value()).doesNotContain("Evidence shared with the ICB");
        // reopened: no answers either
        assertThat(data.get(5).has("answers")).isFalse();
        assertThat(data.get(5).get("revision").asInt()).isEqualTo(2);

        // every change is ordered for consumers by a sequence that only grows
        List<Long> sequences = data.stream().map(d -> d.get("sequence").asLong()).toList();
        for (int i = 1; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).as("sequence of event " + i + " in " + sequences).isGreaterThan(sequences.get(i - 1));
        }
    }

    @Test
    void theTopicNeverHoldsTheAnswersOfAnAssessmentThatWasNeverShared() throws Exception {
        String marker = "never-shared-" + UUID.randomUUID();
        String ods = "RK5";
        String cycle = cycle();
        AssessmentApi.Ref a = AssessmentApi.create(ods, cycle);
        a = answerWithEvidence(ods, a, marker);
        // shared while still a draft, then taken back: nothing was submitted while shared
        a = AssessmentApi.share(ods, a, "NATIONAL");
        a = AssessmentApi.share(ods, a, "PRIVATE");
        a = AssessmentApi.submit(ods, AssessmentApi.signOff(ods, a));
        Response reopened = AssessmentApi.post(ods, a, "reopen", AssessmentApi.reason("Board asked for changes"));
        reopened.then().statusCode(200);
        a = new AssessmentApi.Ref(a.id(), reopened.header("ETag"));
        a = AssessmentApi.submit(ods, AssessmentApi.signOff(ods, a));
        AssessmentApi.post(ods, a, "withdraw", AssessmentApi.reason("Filed against the wrong cycle")).then().statusCode(200);

        String id = a.id();
        List<ConsumerRecord<String, String>> ours = events(id, 6);
        assertThat(ours.stream().map(r -> TopicProbe.header(r, "ce_type")).toList()).containsExactly(
                EventTypes.ASSESSMENT_SHARING_CHANGED, EventTypes.ASSESSMENT_SHARING_CHANGED, EventTypes.ASSESSMENT_SUBMITTED,
                EventTypes.ASSESSMENT_REOPENED, EventTypes.ASSESSMENT_SUBMITTED, EventTypes.ASSESSMENT_WITHDRAWN);
        // the organisation's events are in order on one partition, so once its last one is there every earlier one is too:
        // read the whole topic to its end and look for anything of this assessment's content
        List<ConsumerRecord<String, String>> all = wholeTopic();
        List<ConsumerRecord<String, String>> mentioning = all.stream().filter(r -> r.value().contains(id)).toList();
        assertThat(mentioning).hasSize(6);
        for (ConsumerRecord<String, String> r : mentioning) {
            JsonNode data = JSON.readTree(r.value());
            assertThat(data.has("answers")).as(TopicProbe.header(r, "ce_type") + " carries answers").isFalse();
            assertThat(data.has("signOff")).as(TopicProbe.header(r, "ce_type") + " carries the sign-off").isFalse();
        }
        assertThat(all.stream().filter(r -> r.value().contains(marker)).map(r -> TopicProbe.header(r, "ce_type")).toList())
                .as("records on " + Topics.ASSESSMENT + " holding the evidence of an assessment never shared").isEmpty();
        assertThat(outboxPayloads(id).stream().filter(p -> p.contains(marker) || p.contains(ANSWERS_FIELD))).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------------

    private static AssessmentApi.Ref submitWithEvidence(String ods, String cycle, String evidence) {
        AssessmentApi.Ref a = AssessmentApi.create(ods, cycle);
        a = answerWithEvidence(ods, a, evidence);
        return AssessmentApi.submit(ods, AssessmentApi.signOff(ods, a));
    }

    /** Seed 001's levels, each with the given evidence and an action. */
    private static AssessmentApi.Ref answerWithEvidence(String ods, AssessmentApi.Ref a, String evidence) {
        Map<String, Object> body = new LinkedHashMap<>();
        AssessmentApi.byCode(AssessmentApi.SEED_001).forEach((code, level) -> body.put(code, Map.of("levelCode", level, "evidence", evidence,
                "actions", List.of(Map.of("description", "Action on " + evidence, "owner", "Director", "dueDate", "2024-03-31")))));
        Response r = AssessmentApi.patch(ods, a, body);
        r.then().statusCode(200);
        return new AssessmentApi.Ref(a.id(), r.header("ETag"));
    }

    private List<ConsumerRecord<String, String>> events(String assessmentId, int count) {
        return TopicProbe.await(bootstrap, Topics.ASSESSMENT, r -> r.value().contains(assessmentId), count, Duration.ofSeconds(30));
    }

    /** Every record on the assessment topic, from the first to the end as it stands now. */
    private List<ConsumerRecord<String, String>> wholeTopic() {
        Map<String, Object> conf = Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(conf, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(Topics.ASSESSMENT, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("read " + Topics.ASSESSMENT + " to its end in time").isLessThan(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    private List<String> outboxPayloads(String assessmentId) throws Exception {
        return Outbox.of(db, assessmentId).stream().map(Outbox.Event::payload).toList();
    }
}
