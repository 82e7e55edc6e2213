package uk.nhs.impact.reporting.rebuild;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.platform.consumer.IncomingEvent;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.reporting.ingest.EventIngestor;
import uk.nhs.impact.reporting.trend.BaselineTrendTally;

/**
 * Rebuilds every read model from the topics: empties them, then replays each topic from its first record up to where it
 * stood when the rebuild began, through the same ingestion path as the live consumers, one poll (up to {@value #BATCH}
 * records) per transaction. Each poll is read (without the database) while the one before it is applied.
 */
@ApplicationScoped
public class RebuildService {
    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    /** Records replayed per transaction: one poll's worth. */
    static final int BATCH = 2000;
    static final List<String> TOPICS = List.of(Topics.ASSESSMENT, Topics.SURVEY, Topics.BASELINE, Topics.ORGANISATION);

    private final EventIngestor ingestor;
    private final ReadModels readModels;
    private final RebuildState state;
    private final String bootstrap;
    /** This instance, as the runner of a rebuild it claims. */
    private final String runner = UUID.randomUUID().toString();

    public RebuildService(EventIngestor ingestor, ReadModels readModels, RebuildState state,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.ingestor = ingestor;
        this.readModels = readModels;
        this.state = state;
        this.bootstrap = bootstrap;
    }

    /** The current or last rebuild, whichever instance runs or ran it. */
    public Uni<RebuildProgress> progress() {
        return state.read();
    }

    /** Starts a rebuild in the background on this instance; 409 while one is running on any. */
    public Uni<RebuildProgress> start() {
        return Panache.withTransaction(() -> state.claim(runner)).map(claim -> {
            if (!claim.claimed()) {
                throw ProblemException.conflict("A rebuild is already running", Map.of("startedAt", claim.progress().startedAt().toString()));
            }
            Thread worker = new Thread(this::run, "read-model-rebuild");
            worker.setDaemon(true);
            worker.start();
            return claim.progress();
        });
    }

    private void run() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(readModels::clear));
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                    "enable.auto.commit", "false", "max.poll.records", Integer.toString(BATCH),
                    "max.partition.fetch.bytes", Integer.toString(8 * 1024 * 1024)), new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : TOPICS) {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos != null) {
                        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                    }
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long total = end.values().stream().mapToLong(Long::longValue).sum();
                VertxContextSupport.subscribeAndAwait(() -> state.total(runner, total));
                // one batch is applied while the next is polled and read, the batches applied one at a time, in order
                try (OneAhead applier = new OneAhead("read-model-rebuild-apply")) {
                    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                        List<IncomingEvent> batch = new ArrayList<>();
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                            if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                                batch.add(toEvent(record));
                            }
                        }
                        if (!batch.isEmpty()) {
                            EventIngestor.Batch prepared = VertxContextSupport.subscribeAndAwait(() -> ingestor.prepare(batch));
                            applier.submit(() -> {
                                VertxContextSupport.subscribeAndAwait(() -> {
                                    BaselineTrendTally.deferInThisContext();
                                    return ingestor.apply(prepared);
                                });
                                VertxContextSupport.subscribeAndAwait(() -> state.replayed(runner, batch.size()));
                            });
                        }
                    }
                    applier.finish();
                }
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(readModels::completeReplay));
            }
            VertxContextSupport.subscribeAndAwait(() -> state.finished(runner, null));
            LOG.infof("Read models rebuilt from %d records", VertxContextSupport.subscribeAndAwait(state::read).replayed());
        } catch (Throwable e) {
            LOG.error("Read model rebuild failed", e);
            try {
                VertxContextSupport.subscribeAndAwait(() -> state.finished(runner, e.toString()));
            } catch (Throwable unrecorded) {
                LOG.error("The rebuild's failure could not be recorded; it reads as failed once its heartbeat is "
                        + RebuildState.ABANDONED_AFTER.toMinutes() + " min old", unrecorded);
            }
        }
    }

    static IncomingEvent toEvent(ConsumerRecord<String, String> record) {
        String time = header(record, "ce_time");
        return new IncomingEvent(
                orUnknown(header(record, "ce_id")), orUnknown(header(record, "ce_type")), header(record, "ce_source"),
                header(record, "ce_subject"), time == null ? null : ZonedDateTime.parse(time), record.value(),
                record.topic(), record.partition(), record.offset());
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
