package uk.nhs.impact.reporting.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventSamples;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.assessment.AssessmentChanged;
import uk.nhs.impact.contracts.assessment.AssessmentSubmitted;
import uk.nhs.impact.reporting.ingest.PoisonEventException;

/** What each assessment event does to the read model, read from the pinned samples and variations of them. */
class AssessmentChangeTest {
    private static final AssessmentSubmitted SUBMITTED = (AssessmentSubmitted) EventSamples.payload(EventTypes.ASSESSMENT_SUBMITTED);
    private static final AssessmentChanged SHARING = (AssessmentChanged) EventSamples.payload(EventTypes.ASSESSMENT_SHARING_CHANGED);

    @Test
    void aSharedSubmissionStoresOnlyWhatTheViewsCount() {
        AssessmentChange change = AssessmentChange.of(SUBMITTED);

        assertThat(change.action()).isEqualTo(AssessmentChange.Action.STORE);
        assertThat(change.sequence()).isEqualTo(3L);
        assertThat(change.row()).isEqualTo(new AssessmentChange.Row("5b0e8d52-6c1e-4f4a-9a3e-0d7f2b9c1a10", "RHA", "trust",
                "mental_health", "QT1", "Y60", "2023-24", SUBMITTED.referenceDate(), "nhs-impact-self-assessment", 1, 1, "NATIONAL",
                """
                        {"Q1":{"component":"C1","level":1,"levelCode":"starting"},"Q2":{"component":"C1","level":2,"levelCode":"developing"}}""",
                OffsetDateTime.parse("2023-09-29T10:00:00Z")));
        assertThat(change.row().answers()).doesNotContain("Evidence", "evidence", "actions", "Board paper");
    }

    @Test
    void aPrivateSubmissionRemovesAndReadsNoAnswers() {
        AssessmentChange change = AssessmentChange.of(submitted("private", SUBMITTED.answers()));

        assertThat(change.action()).isEqualTo(AssessmentChange.Action.REMOVE);
        assertThat(change.answers()).isNull();
        assertThat(AssessmentChange.of(submitted(null, null)).sharing()).isEqualTo("PRIVATE");
    }

    @Test
    void sharingChangesStoreRelevelOrRetract() {
        assertThat(AssessmentChange.of(EventTypes.ASSESSMENT_SHARING_CHANGED, SHARING).action()).isEqualTo(AssessmentChange.Action.STORE);
        assertThat(AssessmentChange.of(EventTypes.ASSESSMENT_SHARING_CHANGED, SHARING).row().sharing()).isEqualTo("ICB");
        assertThat(AssessmentChange.of(EventTypes.ASSESSMENT_SHARING_CHANGED, changed("SUBMITTED", "REGION", null)).action())
                .isEqualTo(AssessmentChange.Action.RELEVEL);
        assertThat(AssessmentChange.of(EventTypes.ASSESSMENT_SHARING_CHANGED, changed(null, "REGION", null)).action())
                .isEqualTo(AssessmentChange.Action.RELEVEL);
        assertThat(AssessmentChange.of(EventTypes.ASSESSMENT_SHARING_CHANGED, changed("SUBMITTED", "PRIVATE", SHARING.answers())).action())
                .isEqualTo(AssessmentChange.Action.REMOVE);
        assertThat(AssessmentChange.of(EventTypes.ASSESSMENT_SHARING_CHANGED, changed("DRAFT", "NATIONAL", SHARING.answers())).action())
                .isEqualTo(AssessmentChange.Action.REMOVE);
    }

    @Test
    void reopenedAndWithdrawnRemove() {
        for (String type : List.of(EventTypes.ASSESSMENT_REOPENED, EventTypes.ASSESSMENT_WITHDRAWN)) {
            AssessmentChange change = AssessmentChange.of(type, (AssessmentChanged) EventSamples.payload(type));
            assertThat(change.action()).as(type).isEqualTo(AssessmentChange.Action.REMOVE);
            assertThat(change.revision()).isEqualTo(2);
            assertThat(change.sequence()).isEqualTo(5L);
        }
    }

    @Test
    void whatCannotBeStoredIsPoison() {
        assertThatThrownBy(() -> AssessmentChange.of(new AssessmentSubmitted(null, "i", 1, "c", null, null, 1, "ICB", null, null, List.of(), null)))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field assessmentId");
        assertThatThrownBy(() -> AssessmentChange.of(submitted("everyone", SUBMITTED.answers())))
                .isInstanceOf(PoisonEventException.class).hasMessage("unknown sharing level everyone");
        assertThatThrownBy(() -> AssessmentChange.of(submitted("ICB", null)))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field answers");
        var noLevel = new AssessmentSubmitted.AnsweredQuestion("Q7", 7, "C2", "starting", "Starting", 0, null, null);
        assertThatThrownBy(() -> AssessmentChange.of(submitted("ICB", List.of(noLevel))))
                .isInstanceOf(PoisonEventException.class).hasMessage("answer Q7 has no level ordinal");
        var noCode = new AssessmentSubmitted.AnsweredQuestion(null, 7, "C2", "starting", "Starting", 1, null, null);
        assertThatThrownBy(() -> AssessmentChange.of(submitted("ICB", List.of(noCode))))
                .isInstanceOf(PoisonEventException.class).hasMessage("an answer has no question code");
        AssessmentChange noOrganisation = AssessmentChange.of(new AssessmentSubmitted("a", "i", 1, "c", null,
                new OrganisationRef(" ", null, null, null, null, null), 1, "ICB", null, null, List.of(), null));
        assertThatThrownBy(noOrganisation::row).isInstanceOf(PoisonEventException.class).hasMessage("missing field organisation.odsCode");
        AssessmentChange noCycle = AssessmentChange.of(new AssessmentSubmitted("a", "i", 1, null, null, SUBMITTED.organisation(), 1, "ICB",
                null, null, List.of(), null));
        assertThatThrownBy(noCycle::row).isInstanceOf(PoisonEventException.class).hasMessage("missing field cycle");
    }

    private static AssessmentSubmitted submitted(String sharing, List<AssessmentSubmitted.AnsweredQuestion> answers) {
        AssessmentSubmitted s = SUBMITTED;
        return new AssessmentSubmitted(s.assessmentId(), s.instrumentId(), s.instrumentVersion(), s.cycle(), s.referenceDate(),
                s.organisation(), s.revision(), sharing, s.submittedAt(), s.signOff(), answers, s.sequence());
    }

    private static AssessmentChanged changed(String status, String sharing, List<AssessmentSubmitted.AnsweredQuestion> answers) {
        AssessmentChanged c = SHARING;
        return new AssessmentChanged(c.assessmentId(), c.cycle(), c.referenceDate(), c.organisation(), c.revision(), status, sharing,
                c.previousSharing(), c.reason(), c.changedAt(), c.sequence(), c.instrumentId(), c.instrumentVersion(), c.submittedAt(),
                c.signOff(), answers);
    }
}
