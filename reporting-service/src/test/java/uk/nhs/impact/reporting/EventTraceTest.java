package uk.nhs.impact.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.TestSpans;

/**
 * The reporting views' application of an event is a span in the trace of the request that wrote it (the CloudEvents
 * traceparent the outbox publishes), read from the SDK's in-memory exporter.
 */
@QuarkusTest
class EventTraceTest {
    @Inject
    Pool pool;

    @Test
    void applyingAnEventToTheViewsJoinsTheTraceOfTheRequestThatWroteIt() {
        String collection = "baseline-traced";
        String trace = UUID.randomUUID().toString().replace("-", "");
        String writer = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        BaselineFixtures.collectionOpened(collection);
        String id = Events.publishTraced(Topics.BASELINE, EventTypes.BASELINE_RETURN_SUBMITTED, "RHA",
                BaselineFixtures.returnEvent(collection, org("RHA", "trust", "acute", "QT1", "Y60"), 1,
                        BaselineFixtures.answers(0, new int[]{1, 1, 1, 1}, List.of("QSIR"))),
                "00-" + trace + "-" + writer + "-01");

        SpanData applied = Eventually.await(Duration.ofSeconds(30), () -> TestSpans.EXPORTED.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(trace)).findFirst().orElse(null), s -> s != null);
        assertThat(applied.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(applied.getName()).isEqualTo("apply " + EventTypes.BASELINE_RETURN_SUBMITTED);
        assertThat(applied.getParentSpanId()).as("a child of the span that wrote the event").isEqualTo(writer);
        assertThat(applied.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))).isEqualTo(id);
        assertThat(applied.getStatus().getStatusCode()).isNotEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        // the span ends once the event is in the views
        assertThat(pool.preparedQuery("select count(*) from baseline_return where collection_id = $1 and ods_code = 'RHA'")
                .execute(Tuple.of(collection)).await().indefinitely().iterator().next().getLong(0)).isEqualTo(1);
    }
}
