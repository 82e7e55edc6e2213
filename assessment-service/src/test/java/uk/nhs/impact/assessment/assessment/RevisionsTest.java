package uk.nhs.impact.assessment.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.assessment.assessment.Fixtures.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.security.SharingLevel;

/** Revision bookkeeping: what a revision's row holds, how it is closed, and the history the API lists. */
class RevisionsTest {

    @Test
    void aRevisionIsTheAssessmentsCurrentAnswersSignOffAndSharing() {
        Assessment a = assessment(Assessment.Status.SIGNED_OFF, SharingLevel.ICB);
        a.revision = 2;
        a.answers = """
                {"A":{"levelCode":"S"}}""";
        a.signOff = """
                {"minuteReference":"BM/23/114"}""";

        AssessmentRevision r = AssessmentRevision.of(a);

        assertThat(r.assessmentId).isEqualTo(a.id);
        assertThat(r.revision).isEqualTo(2);
        assertThat(r.answers).isEqualTo(a.answers);
        assertThat(r.signOff).isEqualTo(a.signOff);
        assertThat(r.sharing).isEqualTo("ICB");
        assertThat(r.outcome).isNull();
        assertThat(r.submittedAt).isNull();
        assertThat(r.closedAt).isNull();
    }

    @Test
    void closingRecordsWhatBecameOfItWhenByWhomAndWhy() {
        AssessmentRevision r = AssessmentRevision.of(assessment(Assessment.Status.SUBMITTED, SharingLevel.PRIVATE));
        r.outcome = AssessmentRevisions.SUBMITTED;
        Instant at = Instant.parse("2024-01-10T12:00:00Z");

        r.close("REOPENED", at, "trust.lead", "Board asked for Q01 to be revisited");

        assertThat(r.outcome).isEqualTo("REOPENED");
        assertThat(r.closedAt).isEqualTo(at);
        assertThat(r.closedBy).isEqualTo("trust.lead");
        assertThat(r.closeReason).isEqualTo("Board asked for Q01 to be revisited");
    }

    @Test
    void theHistoryListsTheRecordedRevisionsThenTheCurrentOne() {
        List<AssessmentView.RevisionView> history = AssessmentRevisions.history(List.of(view(1, "REOPENED")), view(2, "DRAFT"));
        assertThat(history).extracting(AssessmentView.RevisionView::revision, AssessmentView.RevisionView::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "REOPENED"), org.assertj.core.groups.Tuple.tuple(2, "DRAFT"));
    }

    @Test
    void aCurrentRevisionWithARowOfItsOwnIsListedOnceAsRecorded() {
        List<AssessmentView.RevisionView> history = AssessmentRevisions.history(
                List.of(view(1, "REOPENED"), view(2, "SUBMITTED")), view(2, "SUBMITTED-CURRENT"));
        assertThat(history).extracting(AssessmentView.RevisionView::outcome).containsExactly("REOPENED", "SUBMITTED");
    }

    @Test
    void aFirstDraftIsItsOwnHistory() {
        assertThat(AssessmentRevisions.history(List.of(), view(1, "DRAFT"))).extracting(AssessmentView.RevisionView::revision)
                .containsExactly(1);
    }

    private static AssessmentView.RevisionView view(int revision, String outcome) {
        return new AssessmentView.RevisionView(revision, outcome, Map.of(), null, "PRIVATE", null, null, null, null);
    }
}
