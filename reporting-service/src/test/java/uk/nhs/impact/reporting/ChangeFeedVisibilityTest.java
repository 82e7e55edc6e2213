package uk.nhs.impact.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.Tokens;

/**
 * Who reads which entry: callers (the trust, a sibling trust, its ICB, another ICB, its region, another region, national)
 * × event kinds (baseline return and its review, survey response, self-assessment shared with the region and then narrowed
 * to the ICB, window, hierarchy change), each caller's whole feed compared with what it should hold.
 */
@QuarkusTest
class ChangeFeedVisibilityTest {
    private Set<String> published;
    private static final Map<String, Object> RHA = org("RHA", "trust", "mental_health", "QT1", "Y60");

    @Test
    void eachCallerReadsExactlyWhatIsItsOwnSharedWithItOrReportedToIt() {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String start = FeedReads.startMark();
        String baseline = BaselineFixtures.submit("feed-" + u, RHA, 1, BaselineFixtures.answers(0, new int[]{1, 1, 1, 1}, List.of("QSIR")));
        Map<String, Object> reviewData = new LinkedHashMap<>(Map.of("collectionId", "feed-" + u, "organisation", RHA, "revision", 1,
                "outcome", "ACCEPTED", "reviewer", org("QT1", "icb", null, null, "Y60")));
        String review = Events.publish(Topics.BASELINE, EventTypes.PREFIX + "baseline.return-reviewed.v1", "RHA", reviewData);
        String response = Events.publish(Topics.SURVEY, EventTypes.SURVEY_RESPONSE_SUBMITTED, "RHA", Map.of("runId", "feed-run-" + u,
                "respondentId", "r-" + u, "organisation", RHA, "revision", 1, "answers", Map.of("Q1_trust_progress", "some")));
        String window = Events.publish(Topics.SURVEY, EventTypes.SURVEY_RUN_OPENED, "X24", Map.of("runId", "feed-run-" + u,
                "instrumentId", "x", "instrumentVersion", 1, "closed", false));
        String hierarchy = Events.publish(Topics.ORGANISATION, EventTypes.PREFIX + "organisation.hierarchy-changed.v1", "X24",
                Map.of("changeSetId", "cs-" + u, "effectiveFrom", "2026-04-01"));
        // shared with the region, then narrowed to the ICB: the region no longer reads any of its entries
        var levels = AssessmentFixtures.allAt(2);
        String shared = AssessmentFixtures.submitted("feed-a-" + u, "2025-26", RHA, 1, 1, "REGION", levels);
        String narrowed = AssessmentFixtures.sharingChanged("feed-a-" + u, "2025-26", RHA, 1, 2, "SUBMITTED", "REGION", "ICB", levels);
        // shared with the ICB, then widened nationally: national reads both, the first without the answers it never had
        String icbOnly = AssessmentFixtures.submitted("feed-b-" + u, "2025-26", RHA, 1, 1, "ICB", levels);
        String widened = AssessmentFixtures.sharingChanged("feed-b-" + u, "2025-26", RHA, 1, 2, "SUBMITTED", "ICB", "NATIONAL", levels);
        String privately = AssessmentFixtures.submitted("feed-c-" + u, "2025-26", RHA, 1, 1, "PRIVATE", levels);
        String last = Events.publish(Topics.ORGANISATION, EventTypes.PREFIX + "organisation.hierarchy-changed.v1", "X24",
                Map.of("changeSetId", "cs-last-" + u));
        String national = Tokens.bearer("X24", "national-analyst");
        FeedReads.cursorOf(national, start, last);
        FeedReads.cursorOf(national, start, widened);
        FeedReads.cursorOf(national, start, baseline);
        FeedReads.cursorOf(Tokens.bearer("RHA", "viewer"), start, privately);

        Set<String> everyone = Set.of(window, hierarchy, last);
        Set<String> returns = Set.of(baseline, review);
        Set<String> assessmentA = Set.of(shared, narrowed);
        Set<String> assessmentB = Set.of(icbOnly, widened);
        published = union(everyone, returns, assessmentA, assessmentB, Set.of(response, privately));
        expect(Tokens.bearer("RHA", "viewer"), start, union(everyone, returns, assessmentA, assessmentB, Set.of(response, privately)));
        expect(Tokens.bearer("RHA", "submitter"), start, union(everyone, returns, assessmentA, assessmentB, Set.of(response, privately)));
        expect(Tokens.bearer("RX1", "viewer", "submitter"), start, everyone);
        expect(Tokens.bearer("QT1", "icb-oversight"), start, union(everyone, returns, assessmentA, assessmentB));
        expect(Tokens.bearer("QHG", "icb-oversight"), start, everyone);
        expect(Tokens.bearer("Y60", "region-analyst"), start, union(everyone, returns, assessmentB));
        expect(Tokens.bearer("Y61", "region-analyst"), start, everyone);
        expect(national, start, union(everyone, returns, assessmentB));
        // a role held at the wrong level counts for nothing: a trust's "region analyst" reads only its own and everyone's
        expect(Tokens.bearer("RX1", "region-analyst"), start, everyone);

        Map<String, Map<String, Object>> nationalView = FeedReads.all(national, start, 500).stream()
                .collect(Collectors.toMap(e -> (String) e.get("id"), e -> e));
        assertThat(data(nationalView.get(icbOnly))).as("shared with the ICB only when it was sent").doesNotContainKeys("answers", "signOff");
        assertThat(data(nationalView.get(widened))).containsKeys("answers", "signOff");
        Map<String, Object> reviewEntry = nationalView.get(review);
        assertThat(reviewEntry).containsEntry("type", EventTypes.PREFIX + "baseline.return-reviewed.v1").containsEntry("source", "/test-producer")
                .containsEntry("subject", "RHA").containsEntry("specversion", "1.0").containsKeys("time", "cursor");
        assertThat(data(reviewEntry)).isEqualTo(reviewData);
        Map<String, Map<String, Object>> ownView = FeedReads.all(Tokens.bearer("RHA", "viewer"), start, 500).stream()
                .collect(Collectors.toMap(e -> (String) e.get("id"), e -> e));
        assertThat(data(ownView.get(icbOnly))).as("its own organisation reads all it sent").containsKeys("answers", "signOff");
    }

    private void expect(String bearer, String start, Set<String> wanted) {
        List<String> seen = FeedReads.ids(FeedReads.all(bearer, start, 500));
        assertThat(seen).as("the feed holds each entry once").doesNotHaveDuplicates();
        // other tests publish at the same time: what this caller sees of this test's events must be exactly what it may see
        assertThat(seen).containsAll(wanted);
        assertThat(seen.stream().filter(published::contains).collect(Collectors.toSet())).isEqualTo(wanted);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("data");
    }
}
