package uk.nhs.impact.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.reporting.AssessmentFixtures.awaitApplied;
import static uk.nhs.impact.reporting.AssessmentFixtures.record;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.Eventually;

/**
 * Regression "private data leaves the organisation", on the reporting side: NHS England's reporting database holds a
 * self-assessment's answers only while they are shared, at the level shared. Narrowing or withdrawing the sharing, reopening
 * or withdrawing the assessment deletes them (the row), rather than marking them for the views to filter out. Checked on the
 * table itself, not through the views.
 */
@QuarkusTest
class AssessmentRetractionTest {
    private static final String CYCLE = "2023-24-retraction";
    private static final Map<String, Object> RHA = org("RHA", "trust", "mental_health", "QT1", "Y60");
    private static final Map<String, Object> RX1 = org("RX1", "trust", "acute", "QT1", "Y60");

    @Inject
    Pool pool;

    @Test
    void privateAnswersAreNeverStoredEvenWhenAnOldEventCarriesThem() {
        // as published before data minimisation: a private submission with its answers
        AssessmentFixtures.submitted("retract-legacy", CYCLE, RX1, 1, "PRIVATE", AssessmentFixtures.allAt(3));
        // as published now: a private submission without answers
        AssessmentFixtures.submitted("retract-private", CYCLE, RX1, 1, 4, "PRIVATE", AssessmentFixtures.allAt(3));
        // a shared one of the same organisation after them: once it is stored, the two before it have been applied
        AssessmentFixtures.submitted("retract-marker", CYCLE, RX1, 1, 5, "ICB", AssessmentFixtures.allAt(1));
        awaitRow("retract-marker", r -> r != null);
        assertThat(record(pool, "retract-legacy")).as("a private assessment's answers were stored").isNull();
        assertThat(record(pool, "retract-private")).as("a private assessment has a row").isNull();
    }

    @Test
    void sharingStoresTheAnswersAtTheLevelSharedAndNarrowingToPrivateDeletesThem() {
        String id = "retract-share";
        AssessmentFixtures.submitted(id, CYCLE, RHA, 1, 10, "PRIVATE", AssessmentFixtures.allAt(2));
        AssessmentFixtures.sharingChanged(id, CYCLE, RHA, 1, 11, "SUBMITTED", "PRIVATE", "ICB", AssessmentFixtures.allAt(2));
        Map<String, Object> row = awaitRow(id, r -> r != null && "ICB".equals(r.get("sharing")));
        assertThat(row.get("status")).isEqualTo("SUBMITTED");
        String answers = (String) row.get("answers");
        assertThat(answers.contains("\"Q22\"") && answers.contains("\"level\": 2")).as(answers).isTrue();
        assertThat(answers.contains("Evidence") || answers.contains("Action")).as("only the levels are kept: " + answers).isFalse();

        AssessmentFixtures.sharingChanged(id, CYCLE, RHA, 1, 12, "SUBMITTED", "ICB", "NATIONAL", AssessmentFixtures.allAt(2));
        awaitRow(id, r -> r != null && "NATIONAL".equals(r.get("sharing")));

        // narrowed from national to the ICB: the stored level follows, so the wider tiers stop counting it
        AssessmentFixtures.sharingChanged(id, CYCLE, RHA, 1, 13, "SUBMITTED", "NATIONAL", "ICB", AssessmentFixtures.allAt(2));
        awaitRow(id, r -> r != null && "ICB".equals(r.get("sharing")));

        // narrowed to private: the retraction deletes the row (its answers with it), it does not mark it
        AssessmentFixtures.sharingChanged(id, CYCLE, RHA, 1, 14, "SUBMITTED", "ICB", "PRIVATE", null);
        awaitRow(id, r -> r == null);
        assertThat(count("select count(*) from assessment_record where assessment_id = $1", id)).isEqualTo(0);
    }

    @Test
    void reopeningOrWithdrawingTheAssessmentDeletesItsAnswersUntilSharedAndSubmittedAgain() {
        String id = "retract-reopen";
        AssessmentFixtures.submitted(id, CYCLE, RX1, 1, 5, "REGION", AssessmentFixtures.allAt(1));
        awaitRow(id, r -> r != null && "REGION".equals(r.get("sharing")));

        AssessmentFixtures.reopened(id, CYCLE, RX1, 2, 6, "REGION");
        awaitRow(id, r -> r == null);

        // shared wider while a draft: nothing submitted, nothing stored
        AssessmentFixtures.sharingChanged(id, CYCLE, RX1, 2, 9, "DRAFT", "REGION", "NATIONAL", null);
        awaitApplied(pool, id, 9);
        assertThat(record(pool, id)).isNull();

        AssessmentFixtures.submitted(id, CYCLE, RX1, 2, 12, "NATIONAL", AssessmentFixtures.allAt(3));
        Map<String, Object> row = awaitRow(id, r -> r != null);
        assertThat(row.get("revision")).isEqualTo(2);
        assertThat(row.get("sharing")).isEqualTo("NATIONAL");

        AssessmentFixtures.withdrawn(id, CYCLE, RX1, 2, 13, "NATIONAL");
        awaitRow(id, r -> r == null);
    }

    @Test
    void aRedeliveredOrOlderShareAfterTheRetractionChangesNothingAndDuplicatesApplyOnce() {
        String id = "retract-dup";
        String shared = AssessmentFixtures.sharingChanged(id, CYCLE, RHA, 1, 21, "SUBMITTED", "PRIVATE", "NATIONAL",
                AssessmentFixtures.allAt(4));
        awaitApplied(pool, id, 21);
        assertThat(record(pool, id).get("sharing")).isEqualTo("NATIONAL");
        // the same event delivered again: applied once
        republish(shared, id, 21, "NATIONAL");
        AssessmentFixtures.sharingChanged(id, CYCLE, RHA, 1, 22, "SUBMITTED", "NATIONAL", "PRIVATE", null);
        awaitApplied(pool, id, 22);
        assertThat(record(pool, id)).isNull();

        // after the retraction: the share redelivered (same id), and an older share under a new id (a replay racing live events)
        republish(shared, id, 21, "NATIONAL");
        AssessmentFixtures.sharingChanged(id, CYCLE, RHA, 1, 21, "SUBMITTED", "PRIVATE", "NATIONAL", AssessmentFixtures.allAt(4));
        // a later event of the same organisation: once it is applied, so are those before it
        AssessmentFixtures.submitted("retract-dup-marker", CYCLE, RHA, 1, 1, "PRIVATE", List.of());
        awaitApplied(pool, "retract-dup-marker", 1);
        assertThat(record(pool, id)).as("retracted answers came back").isNull();
        assertThat(AssessmentFixtures.lastSequence(pool, id)).isEqualTo(22);
        assertThat(count("select count(*) from processed_event where consumer = 'reporting' and event_id = $1", shared)).isEqualTo(1);
    }

    /** Waits until the assessment's row (null when none) is as wanted; fails showing the row last seen. */
    private Map<String, Object> awaitRow(String id, java.util.function.Predicate<Map<String, Object>> wanted) {
        return Eventually.await(java.time.Duration.ofSeconds(30), () -> record(pool, id), wanted);
    }

    private void republish(String eventId, String id, long sequence, String sharing) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("assessmentId", id);
        data.put("cycle", CYCLE);
        data.put("referenceDate", "2023-09-30");
        data.put("organisation", RHA);
        data.put("revision", 1);
        data.put("sequence", sequence);
        data.put("status", "SUBMITTED");
        data.put("sharing", sharing);
        data.put("answers", AssessmentFixtures.allAt(4));
        Events.publish(Topics.ASSESSMENT, eventId, EventTypes.ASSESSMENT_SHARING_CHANGED, "RHA", data);
    }

    private long count(String sql, String param) {
        return pool.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.of(param)).await().atMost(java.time.Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
