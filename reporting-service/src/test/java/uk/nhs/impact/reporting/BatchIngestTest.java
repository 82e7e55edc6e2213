package uk.nhs.impact.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.platform.consumer.IncomingEvent;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.reporting.ingest.EventIngestor;
import uk.nhs.impact.reporting.ingest.EventIngestor.Outcome;

/**
 * Events applied in batches (one transaction per poll, as the live consumers and a rebuild do) leave the read models, the
 * consumer log and the change feed exactly as the same events applied one at a time do; within a batch a redelivery, a late
 * older revision and a poison event are each treated as on their own.
 */
@QuarkusTest
class BatchIngestTest {
    private static final Logger LOG = Logger.getLogger(BatchIngestTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate REF = LocalDate.of(2023, 8, 31);
    /** Tables built from events, each with the column its rows are found by (their ids start with the test's prefix). */
    private static final Map<String, String> TABLES = Map.of("baseline_collection", "collection_id", "baseline_return", "collection_id",
            "baseline_return_review", "collection_id", "baseline_trend_tally", "collection_id", "survey_run", "run_id", "survey_response", "run_id",
            "assessment_record",
            "assessment_id", "assessment_last_event", "assessment_id", "feed_assessment_sharing", "assessment_id");

    @Inject
    EventIngestor ingestor;
    @Inject
    Pool pool;
    @Inject
    Mutiny.SessionFactory sessionFactory;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aBatchAppliesEachEventAsOnItsOwnWhateverElseItHolds() throws Throwable {
        String p = prefix();
        Map<String, Object> rha = org("RHA", "trust", "mental_health", "QT1", "Y60");
        Map<String, Object> rx1 = org("RX1", "trust", "acute", "QT1", "Y60");
        List<Map<String, Object>> levels = AssessmentFixtures.allAt(2);
        IncomingEvent first = event(p + "-1", EventTypes.BASELINE_RETURN_SUBMITTED, "RHA", BaselineFixtures.returnEvent(p, rha, 1, answers(0)));
        IncomingEvent amended = event(p + "-2", EventTypes.BASELINE_RETURN_AMENDED, "RHA", BaselineFixtures.returnEvent(p, rha, 2, answers(3)));
        IncomingEvent poison = event(p + "-3", EventTypes.BASELINE_RETURN_SUBMITTED, "RHA", Map.of("organisation", rha, "answers", Map.of()));
        IncomingEvent other = event(p + "-4", EventTypes.BASELINE_RETURN_SUBMITTED, "RX1", BaselineFixtures.returnEvent(p, rx1, 1, answers(1)));
        IncomingEvent lateFirst = event(p + "-5", EventTypes.BASELINE_RETURN_SUBMITTED, "RHA", BaselineFixtures.returnEvent(p, rha, 1, answers(0)));
        IncomingEvent submitted = event(p + "-6", EventTypes.ASSESSMENT_SUBMITTED, "RHA",
                AssessmentFixtures.submittedEvent(p + "-a", "2023-24", rha, 1, 3, "NATIONAL", levels));
        IncomingEvent narrowed = event(p + "-7", EventTypes.ASSESSMENT_SHARING_CHANGED, "RHA",
                AssessmentFixtures.sharingChangedEvent(p + "-a", "2023-24", rha, 1, 4, "SUBMITTED", "NATIONAL", "ICB", levels));
        IncomingEvent lateWidened = event(p + "-8", EventTypes.ASSESSMENT_SHARING_CHANGED, "RHA",
                AssessmentFixtures.sharingChangedEvent(p + "-a", "2023-24", rha, 1, 2, "SUBMITTED", "PRIVATE", "REGION", levels));
        IncomingEvent unrouted = event(p + "-9", EventTypes.PREFIX + "baseline.return-archived.v9", "RHA", Map.of("collectionId", p));
        List<IncomingEvent> batch = List.of(first, amended, poison, other, first, lateFirst, submitted, narrowed, lateWidened, unrouted);

        assertThat(ingestAll(batch)).containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.DEAD_LETTERED, Outcome.APPLIED,
                Outcome.DUPLICATE, Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED, Outcome.FED);

        assertThat(rows("select ods_code || ' r' || revision || ' ' || (answers -> 'leadership_exec_responsibility')::text from baseline_return "
                + "where collection_id = $1 order by ods_code", p)).containsExactly("RHA r2 false", "RX1 r1 false");
        assertThat(rows("select sharing || ' r' || revision from assessment_record where assessment_id = $1", p + "-a")).containsExactly("ICB r1");
        assertThat(rows("select sharing || ' ' || sequence from feed_assessment_sharing where assessment_id = $1", p + "-a"))
                .containsExactly("ICB 4");
        List<String> applied = List.of(p + "-1", p + "-2", p + "-4", p + "-5", p + "-6", p + "-7", p + "-8", p + "-9");
        assertThat(processed(p)).containsExactlyInAnyOrderElementsOf(applied);
        assertThat(rows("select event_id from change_feed where event_id like $1 || '-%' order by seq", p))
                .as("one entry per event applied, in event order").containsExactlyElementsOf(applied);
        assertThat(deadLetterReason(poison.id())).isEqualTo("missing field collectionId");

        String before = String.join("\n", snapshot(p));
        assertThat(ingestAll(batch)).as("the batch redelivered").containsExactly(Outcome.DUPLICATE, Outcome.DUPLICATE,
                Outcome.DEAD_LETTERED, Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.DUPLICATE,
                Outcome.DUPLICATE, Outcome.DUPLICATE);
        assertThat(String.join("\n", snapshot(p))).isEqualTo(before);
    }

    @Test
    void anEventFoundUnusableOnlyWhenAppliedIsDeadLetteredAndTheRestOfItsBatchApplied() throws Throwable {
        String p = prefix();
        Map<String, Object> rha = org("RHA", "trust", "mental_health", "QT1", "Y60");
        Map<String, Object> noCycle = AssessmentFixtures.submittedEvent(p + "-a", null, rha, 1, 1, "NATIONAL", AssessmentFixtures.allAt(1));
        List<IncomingEvent> batch = List.of(
                event(p + "-1", EventTypes.BASELINE_RETURN_SUBMITTED, "RHA", BaselineFixtures.returnEvent(p, rha, 1, answers(0))),
                event(p + "-2", EventTypes.ASSESSMENT_SUBMITTED, "RHA", noCycle),
                event(p + "-3", EventTypes.BASELINE_RETURN_AMENDED, "RHA", BaselineFixtures.returnEvent(p, rha, 2, answers(1))));

        assertThat(ingestAll(batch)).containsExactly(Outcome.APPLIED, Outcome.DEAD_LETTERED, Outcome.APPLIED);

        assertThat(processed(p)).containsExactlyInAnyOrder(p + "-1", p + "-3");
        assertThat(rows("select event_id from change_feed where event_id like $1 || '-%' order by seq", p)).containsExactly(p + "-1", p + "-3");
        assertThat(rows("select 'r' || revision from baseline_return where collection_id = $1", p)).containsExactly("r2");
        assertThat(rows("select assessment_id from assessment_last_event where assessment_id = $1", p + "-a")).isEmpty();
        assertThat(deadLetterReason(p + "-2")).isEqualTo("missing field cycle");
    }

    /**
     * The events of many organisations' returns, survey responses and self-assessments, interleaved, with amendments, reviews,
     * sharing changes, late older events and redeliveries: applied one at a time, then, the read models emptied of them,
     * replayed in batches as a rebuild does. Both give the same rows and the same feed. The rates of both are logged
     * ({@code -Dreplay.events=20000} for a larger run).
     */
    @Test
    void replayingInBatchesGivesWhatApplyingOneAtATimeGives() throws Throwable {
        String p = prefix();
        List<IncomingEvent> events = generate(p, Integer.getInteger("replay.events", 3000), new Random(16));

        long started = System.nanoTime();
        for (IncomingEvent e : events) {
            VertxContextSupport.subscribeAndAwait(() -> ingestor.ingest(e));
        }
        double oneByOne = events.size() / ((System.nanoTime() - started) / 1e9);
        List<String> live = snapshot(p);
        assertThat(live.stream().filter(r -> r.startsWith("assessment_record ")).count()).as("assessments shared").isPositive();
        assertThat(live.stream().filter(r -> r.startsWith("baseline_return_review ")).count()).as("reviews").isPositive();

        forget(p);
        assertThat(snapshot(p)).as("nothing of the events left").isEmpty();
        started = System.nanoTime();
        int batchSize = Integer.getInteger("replay.batch", 2000);
        for (int from = 0; from < events.size(); from += batchSize) {
            List<IncomingEvent> batch = events.subList(from, Math.min(events.size(), from + batchSize));
            ingestAll(batch);
        }
        double batched = events.size() / ((System.nanoTime() - started) / 1e9);
        LOG.infof("Replayed %d events: %.0f events/s one per transaction, %.0f events/s in batches of %d", events.size(), oneByOne,
                batched, batchSize);

        assertThat(snapshot(p)).isEqualTo(live);
    }

    /**
     * The statements a batch runs (consumer log, read-model upserts that answer rows, the feed's lock and lookups) keep one
     * query plan each in Hibernate's plan cache: batches of the same kinds of event, run again, add none.
     */
    @Test
    void batchesRunAgainAddNoQueryPlan() throws Throwable {
        ingestAll(generate(prefix(), 300, new Random(7)));
        int plans = cachedPlans();
        for (int i = 0; i < 3; i++) {
            ingestAll(generate(prefix(), 300, new Random(7)));
        }
        assertThat(cachedPlans()).as("query plans after three more batches").isEqualTo(plans);
    }

    /** The number of plans in the session factory's plan cache (Hibernate Reactive keeps the ORM factory as its delegate). */
    private int cachedPlans() throws ReflectiveOperationException {
        Object reactive = ClientProxy.unwrap(sessionFactory);
        Field delegate = reactive.getClass().getDeclaredField("delegate");
        delegate.setAccessible(true);
        return ((SessionFactoryImplementor) delegate.get(reactive)).getQueryEngine().getInterpretationCache().getNumberOfCachedQueryPlans();
    }

    // ---- the events ----------------------------------------------------------------------------------------------------------

    /** About {@code count} events in the order a topic could hold them: each organisation's in order, some late or twice. */
    private static List<IncomingEvent> generate(String p, int count, Random random) {
        List<Organisation> trusts = OrganisationHierarchy.loadBundled().all(OrgLevel.TRUST, REF);
        List<Timed> timed = new ArrayList<>();
        int[] ids = {0};
        java.util.function.BiConsumer<Double, IncomingEvent> at = (time, e) -> timed.add(new Timed(time, e));
        java.util.function.Function<Object[], IncomingEvent> next = a -> event(p + "-" + ids[0]++, (String) a[0], (String) a[1], a[2]);
        for (int c = 0; c < 3; c++) {
            String collection = p + "-c" + c;
            at.accept(-1.0 - c, next.apply(new Object[]{EventTypes.BASELINE_COLLECTION_OPENED, "X24", Map.of("collectionId", collection,
                    "name", "Baseline " + c, "referenceDate", "2023-08-31", "opensAt", "2023-08-01T00:00:00Z")}));
            at.accept(2000.0 + c, next.apply(new Object[]{EventTypes.BASELINE_COLLECTION_CLOSED, "X24", Map.of("collectionId", collection,
                    "closesAt", "2023-08-31T23:59:59Z")}));
            String run = p + "-s" + c;
            at.accept(-1.5 - c, next.apply(new Object[]{EventTypes.SURVEY_RUN_OPENED, "X24", Map.of("runId", run, "instrumentId",
                    "nhsp-improvement-survey-2023", "instrumentVersion", 1, "referenceDate", REF.toString())}));
            at.accept(2000.5 + c, next.apply(new Object[]{EventTypes.SURVEY_RUN_CLOSED, "X24", Map.of("runId", run, "instrumentVersion", 1)}));
        }
        String[] sharing = {"PRIVATE", "ICB", "REGION", "NATIONAL"};
        int unit = 0;
        while (timed.size() < count) {
            Organisation trust = trusts.get(random.nextInt(trusts.size()));
            Map<String, Object> org = org(trust.odsCode(), "trust", trust.trustType(), null, null);
            String ods = trust.odsCode();
            List<IncomingEvent> chain = new ArrayList<>();
            switch (unit % 3) {
                case 0 -> {
                    String collection = p + "-c" + random.nextInt(3);
                    Map<String, Object> orgOfUnit = org(ods + "-" + unit, "trust", trust.trustType(), null, null);
                    chain.add(next.apply(new Object[]{EventTypes.BASELINE_RETURN_SUBMITTED, ods,
                            BaselineFixtures.returnEvent(collection, orgOfUnit, 1, answers(random.nextInt(4)))}));
                    if (random.nextInt(3) == 0) {
                        chain.add(next.apply(new Object[]{EventTypes.BASELINE_RETURN_REVIEWED, ods,
                                BaselineFixtures.reviewEvent(collection, org(ods + "-" + unit, "trust", null, "QT1", "Y60"), 1, "RETURNED", "x")}));
                    }
                    if (random.nextBoolean()) {
                        chain.add(next.apply(new Object[]{EventTypes.BASELINE_RETURN_AMENDED, ods,
                                BaselineFixtures.returnEvent(collection, orgOfUnit, 2, answers(random.nextInt(4)))}));
                        chain.add(next.apply(new Object[]{EventTypes.BASELINE_RETURN_REVIEWED, ods,
                                BaselineFixtures.reviewEvent(collection, org(ods + "-" + unit, "trust", null, "QT1", "Y60"), 2, "ACCEPTED", null)}));
                        if (random.nextInt(5) == 0) {
                            chain.add(next.apply(new Object[]{EventTypes.BASELINE_RETURN_SUBMITTED, ods,
                                    BaselineFixtures.returnEvent(collection, orgOfUnit, 1, answers(0))})); // late, older
                        }
                    }
                }
                case 1 -> {
                    String run = p + "-s" + random.nextInt(3);
                    for (int revision = 1; revision <= 1 + random.nextInt(2); revision++) {
                        chain.add(next.apply(new Object[]{revision == 1 ? EventTypes.SURVEY_RESPONSE_SUBMITTED : EventTypes.SURVEY_RESPONSE_AMENDED,
                                ods, Map.of("runId", run, "respondentId", "respondent-" + unit, "respondentRole", "chief_executive",
                                        "organisation", org, "revision", revision, "answers", Map.of("Q1_trust_progress", "option-" + random.nextInt(5)))}));
                    }
                }
                default -> {
                    String id = p + "-a" + unit;
                    List<Map<String, Object>> levels = AssessmentFixtures.allAt(1 + random.nextInt(4));
                    String level = sharing[random.nextInt(4)];
                    chain.add(next.apply(new Object[]{EventTypes.ASSESSMENT_SUBMITTED, ods,
                            AssessmentFixtures.submittedEvent(id, "2023-24", org, 1, 1, level, levels)}));
                    long sequence = 2;
                    for (int change = 0; change < random.nextInt(3); change++) {
                        String to = sharing[random.nextInt(4)];
                        chain.add(next.apply(new Object[]{EventTypes.ASSESSMENT_SHARING_CHANGED, ods,
                                AssessmentFixtures.sharingChangedEvent(id, "2023-24", org, 1, sequence++, "SUBMITTED", level, to, levels)}));
                        level = to;
                    }
                    if (random.nextInt(4) == 0) {
                        chain.add(next.apply(new Object[]{EventTypes.ASSESSMENT_REOPENED, ods,
                                AssessmentFixtures.reopenedEvent(id, "2023-24", org, 2, sequence++, level)}));
                    }
                    if (random.nextInt(5) == 0) {
                        chain.add(next.apply(new Object[]{EventTypes.ASSESSMENT_SHARING_CHANGED, ods, AssessmentFixtures.sharingChangedEvent(
                                id, "2023-24", org, 1, 1, "SUBMITTED", "PRIVATE", "NATIONAL", levels)})); // late, older
                    }
                }
            }
            double time = random.nextDouble() * 2000;
            for (IncomingEvent e : chain) {
                time += random.nextDouble() * 40;
                at.accept(time, e);
                if (random.nextInt(30) == 0) {
                    at.accept(time + random.nextDouble() * 40, e); // redelivered
                }
            }
            unit++;
        }
        return timed.stream().sorted(Comparator.comparingDouble(Timed::time)).map(Timed::event).toList();
    }

    private record Timed(double time, IncomingEvent event) {
    }

    private static Map<String, Object> answers(int i) {
        return BaselineFixtures.answers(i, new int[]{1, 2, 3, 4}, List.of(i % 2 == 0 ? "QSIR" : "Lean"));
    }

    private static IncomingEvent event(String id, String type, String subject, Object data) {
        try {
            return new IncomingEvent(id, type, "/test-producer", subject, ZonedDateTime.parse("2023-08-20T10:00:00.123456Z"),
                    JSON.writeValueAsString(data), Topics.BASELINE, 0, -1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prefix() {
        return "bi" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- what the service holds ----------------------------------------------------------------------------------------------

    private List<Outcome> ingestAll(List<IncomingEvent> batch) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> ingestor.ingestAll(batch));
    }

    /** Every row the events left: the read models, the consumer log and the change feed in feed order (without positions). */
    private List<String> snapshot(String p) {
        List<String> out = new ArrayList<>();
        TABLES.keySet().stream().sorted().forEach(table -> rows("select row(t.*)::text from " + table + " t where " + TABLES.get(table)
                + " like $1 || '-%' order by 1", p).forEach(r -> out.add(table + " " + r)));
        processed(p).stream().sorted().forEach(id -> out.add("processed " + id));
        rows("""
                select row(event_id, type, source, subject, time, data::text, audience, owner, icb_code, region_code, assessment_id,
                    sharing)::text from change_feed where event_id like $1 || '-%' order by seq""", p).forEach(r -> out.add("feed " + r));
        return out;
    }

    /** Removes what the events left, as a rebuild empties the read models (here only the test's own rows and feed entries). */
    private void forget(String p) {
        TABLES.forEach((table, key) -> execute("delete from " + table + " where " + key + " like $1 || '-%'", p));
        execute("delete from processed_event where consumer = 'reporting' and event_id like $1 || '-%'", p);
        execute("delete from change_feed where event_id like $1 || '-%'", p);
    }

    private List<String> processed(String p) {
        return rows("select event_id from processed_event where consumer = 'reporting' and event_id like $1 || '-%'", p);
    }

    private List<String> rows(String sql, String param) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(Duration.ofSeconds(30)).forEach(r -> out.add(r.getString(0)));
        return out;
    }

    private void execute(String sql, String param) {
        pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(Duration.ofSeconds(30));
    }

    /** The reason the dead-letter topic gives for the event with this id. */
    private String deadLetterReason(String eventId) {
        Map<String, Object> conf = Map.of("bootstrap.servers", bootstrap, "group.id", "dlq-probe-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(conf, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.REPORTING_DEAD_LETTER));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    var id = r.headers().lastHeader("ce_id");
                    if (id != null && eventId.equals(new String(id.value(), StandardCharsets.UTF_8))) {
                        return new String(r.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return null;
    }
}
