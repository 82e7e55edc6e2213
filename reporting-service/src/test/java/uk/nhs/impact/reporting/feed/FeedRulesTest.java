package uk.nhs.impact.reporting.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;

/** The feed's rules without servers: cursors, audiences, deadline notices. */
class FeedRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cursorsRoundTripAndForeignOnesAreRefusedNamingTheParameter() {
        FeedCursor cursors = new FeedCursor("k1");
        for (long p : new long[]{0, 1, 42, Long.MAX_VALUE}) {
            assertThat(cursors.decode(cursors.encode(p), "after")).isEqualTo(p);
        }
        assertThat(cursors.encode(1)).isNotEqualTo(cursors.encode(2)).isNotEqualTo(new FeedCursor("k2").encode(1));
        assertThat(cursors.decode(null, "after")).isZero();
        for (String bad : new String[]{"x", "not a cursor", new FeedCursor("k2").encode(5)}) {
            assertThatThrownBy(() -> cursors.decode(bad, "Last-Event-ID")).isInstanceOf(ProblemException.class)
                    .hasMessageContaining("Last-Event-ID");
        }
    }

    @Test
    void audiencesByFamilyIncludingTypesNoReadModelTakes() {
        assertThat(FeedClassifier.audienceOf(EventTypes.SURVEY_RUN_OPENED)).isEqualTo(FeedAudience.EVERYONE);
        assertThat(FeedClassifier.audienceOf(EventTypes.BASELINE_COLLECTION_CLOSED)).isEqualTo(FeedAudience.EVERYONE);
        assertThat(FeedClassifier.audienceOf(DeadlineNotices.TYPE)).isEqualTo(FeedAudience.EVERYONE);
        assertThat(FeedClassifier.audienceOf(EventTypes.PREFIX + "organisation.hierarchy-changed.v1")).isEqualTo(FeedAudience.EVERYONE);
        assertThat(FeedClassifier.audienceOf(EventTypes.BASELINE_RETURN_AMENDED)).isEqualTo(FeedAudience.AREA);
        assertThat(FeedClassifier.audienceOf(EventTypes.PREFIX + "baseline.return-reviewed.v1")).isEqualTo(FeedAudience.AREA);
        assertThat(FeedClassifier.audienceOf(EventTypes.ASSESSMENT_SHARING_CHANGED)).isEqualTo(FeedAudience.SHARED);
        assertThat(FeedClassifier.audienceOf(EventTypes.PREFIX + "assessment.reviewed.v1")).isEqualTo(FeedAudience.SHARED);
        assertThat(FeedClassifier.audienceOf(EventTypes.SURVEY_RESPONSE_SUBMITTED)).isEqualTo(FeedAudience.OWN);
        assertThat(FeedClassifier.audienceOf("org.example.other.v1")).isEqualTo(FeedAudience.OWN);
    }

    @Test
    void anEntryIsPlacedInTheHierarchyAsAtTheEventsTime() throws Exception {
        FeedClassifier classifier = new FeedClassifier(OrganisationHierarchy.loadBundled());
        ObjectNode data = (ObjectNode) JSON.readTree("""
                {"assessmentId": "a1", "organisation": {"odsCode": "RHA"}, "sharing": "ICB", "revision": 2}""");
        FeedRow row = classifier.classify("e1", EventTypes.ASSESSMENT_SUBMITTED, "s", "RHA", OffsetDateTime.parse("2024-05-01T10:00:00Z"), data);
        assertThat(row.owner()).isEqualTo("RHA");
        assertThat(row.icbCode()).isEqualTo("QT1");
        assertThat(row.regionCode()).isEqualTo("Y60");
        assertThat(row.sharing()).isEqualTo("ICB");
        assertThat(row.sequence()).isEqualTo(2L);
        assertThat(classifier.classify("e2", EventTypes.SURVEY_RUN_OPENED, "s", "X24", null, data).owner()).isNull();
    }

    @Test
    void deadlineNoticesAtSevenDaysAndOneDayOnceEach() {
        LocalDate closes = LocalDate.of(2025, 9, 30);
        assertThat(DeadlineRule.due("survey-run", "r", closes, closes.minusDays(8))).isEmpty();
        var seven = DeadlineRule.due("survey-run", "r", closes, closes.minusDays(7)).orElseThrow();
        assertThat(seven.threshold()).isEqualTo(7);
        assertThat(seven.daysLeft()).isEqualTo(7);
        assertThat(DeadlineRule.due("survey-run", "r", closes, closes.minusDays(3)).orElseThrow().eventId()).isEqualTo(seven.eventId());
        var one = DeadlineRule.due("survey-run", "r", closes, closes.minusDays(1)).orElseThrow();
        assertThat(one.threshold()).isEqualTo(1);
        assertThat(one.eventId()).isNotEqualTo(seven.eventId());
        assertThat(DeadlineRule.due("survey-run", "r", closes, closes).orElseThrow().eventId()).isEqualTo(one.eventId());
        assertThat(DeadlineRule.due("survey-run", "r", closes, closes.plusDays(1))).isEmpty();
        assertThat(DeadlineRule.due("survey-run", "r", closes.plusDays(7), closes).orElseThrow().eventId())
                .as("a later close date earns its own notices").isNotEqualTo(seven.eventId());
    }
}
