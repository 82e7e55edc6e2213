package uk.nhs.impact.assessment.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static uk.nhs.impact.assessment.assessment.Fixtures.HIERARCHY;
import static uk.nhs.impact.assessment.assessment.Fixtures.V1;
import static uk.nhs.impact.assessment.assessment.Fixtures.assessment;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.assessment.AssessmentChanged;
import uk.nhs.impact.contracts.assessment.AssessmentSubmitted;
import uk.nhs.impact.platform.security.SharingLevel;

/** The events an assessment publishes, and the data minimisation rule: answers leave only while submitted and shared. */
class AssessmentEventsTest {
    private static final AnswersJson STORED = new AnswersJson(JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());
    private static final OrganisationRef RHA = new OrganisationRef("RHA", HIERARCHY.find("RHA").orElseThrow().name(), "trust",
            HIERARCHY.find("RHA").orElseThrow().trustType(), "QT1", "Y60");
    private final AssessmentEvents events = new AssessmentEvents(HIERARCHY, STORED);

    /** RHA's submitted assessment at {@code sharing}, version 7, every question answered, B with evidence and an action. */
    private static Assessment submitted(SharingLevel sharing) {
        Assessment a = assessment(Assessment.Status.SUBMITTED, sharing);
        a.version = 7;
        a.submittedAt = Instant.parse("2023-10-02T09:00:00Z");
        a.answers = STORED.answers(Map.of("A", Fixtures.at("S"), "C", Fixtures.at("E"), "D", Fixtures.at("D"),
                "B", new Answer("D", "Board minutes", List.of(new Answer.Action("Share the vision", "COO", LocalDate.parse("2024-03-31"))))));
        a.signOff = STORED.signOff(new SignOff("Dr A Chair", "Chair", LocalDate.parse("2023-09-28"), "BM/23/114",
                Instant.parse("2023-09-29T10:00:00Z"), "trust.lead"));
        return a;
    }

    @Test
    void aPrivateSubmissionSaysWhoSubmittedButNeverWhat() {
        Assessment a = submitted(SharingLevel.PRIVATE);
        AssessmentSubmitted e = events.submitted(a, V1);
        assertThat(e).isEqualTo(new AssessmentSubmitted(a.id.toString(), "test", 1, "2023-24", Fixtures.REFERENCE_DATE, RHA, 1, "PRIVATE",
                a.submittedAt, null, null, 7L));
    }

    @ParameterizedTest
    @EnumSource(value = SharingLevel.class, names = {"ICB", "REGION", "NATIONAL"})
    void aSharedSubmissionCarriesEveryAnswerAndTheSignOff(SharingLevel sharing) {
        AssessmentSubmitted e = events.submitted(submitted(sharing), V1);
        assertThat(e.sharing()).isEqualTo(sharing.name());
        assertThat(e.signOff()).isEqualTo(new AssessmentSubmitted.SignOff("Dr A Chair", "Chair", LocalDate.parse("2023-09-28"), "BM/23/114"));
        assertThat(e.answers()).extracting(AssessmentSubmitted.AnsweredQuestion::questionCode, AssessmentSubmitted.AnsweredQuestion::questionNumber,
                AssessmentSubmitted.AnsweredQuestion::componentCode, AssessmentSubmitted.AnsweredQuestion::levelCode,
                AssessmentSubmitted.AnsweredQuestion::levelName, AssessmentSubmitted.AnsweredQuestion::levelOrdinal)
                .containsExactly(tuple("A", 1, "C1", "S", "Starting", 1), tuple("B", 2, "C1", "D", "Developing", 2),
                        tuple("C", 3, "C2", "E", "Embedding", 3), tuple("D", 4, "C2", "D", "Developing", 2));
        assertThat(e.answers().get(1).evidence()).isEqualTo("Board minutes");
        assertThat(e.answers().get(1).actions()).containsExactly(new AssessmentSubmitted.Action("Share the vision", "COO",
                LocalDate.parse("2024-03-31")));
        assertThat(e.answers().get(0).actions()).isNull();
    }

    @Test
    void reopenedAndWithdrawnNeverCarryAnswers() {
        Assessment a = submitted(SharingLevel.NATIONAL);
        a.status = Assessment.Status.DRAFT;
        a.revision = 2;
        AssessmentChanged e = events.changed(a, "Board asked for changes");
        assertThat(e.answers()).isNull();
        assertThat(e.signOff()).isNull();
        assertThat(e.instrumentId()).isNull();
        assertThat(e.submittedAt()).isNull();
        assertThat(e.previousSharing()).isNull();
        assertThat(e.status()).isEqualTo("DRAFT");
        assertThat(e.revision()).isEqualTo(2);
        assertThat(e.sharing()).isEqualTo("NATIONAL");
        assertThat(e.reason()).isEqualTo("Board asked for changes");
        assertThat(e.sequence()).isEqualTo(7L);
        assertThat(e.organisation()).isEqualTo(RHA);
        assertThat(e.changedAt()).isNotNull();
    }

    @Test
    void sharingASubmittedAssessmentPublishesItsContentAtTheNewLevel() {
        Assessment a = submitted(SharingLevel.REGION);
        AssessmentChanged e = events.sharingChanged(a, V1, SharingLevel.NATIONAL, "narrowed by the board");
        assertThat(e.sharing()).isEqualTo("REGION");
        assertThat(e.previousSharing()).isEqualTo("NATIONAL");
        assertThat(e.answers()).hasSize(4);
        assertThat(e.signOff().minuteReference()).isEqualTo("BM/23/114");
        assertThat(e.instrumentId()).isEqualTo("test");
        assertThat(e.instrumentVersion()).isEqualTo(1);
        assertThat(e.submittedAt()).isEqualTo(a.submittedAt);
        assertThat(e.status()).isEqualTo("SUBMITTED");
    }

    @Test
    void narrowingToPrivateIsTheRetractionWithNothingOfTheContent() {
        AssessmentChanged e = events.sharingChanged(submitted(SharingLevel.PRIVATE), V1, SharingLevel.ICB, null);
        assertThat(e.sharing()).isEqualTo("PRIVATE");
        assertThat(e.previousSharing()).isEqualTo("ICB");
        assertThat(e.answers()).isNull();
        assertThat(e.signOff()).isNull();
        assertThat(e.instrumentId()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = Assessment.Status.class, names = {"DRAFT", "SIGNED_OFF", "WITHDRAWN"})
    void sharingWhatIsNotSubmittedPublishesNoContent(Assessment.Status status) {
        Assessment a = submitted(SharingLevel.NATIONAL);
        a.status = status;
        AssessmentChanged e = events.sharingChanged(a, V1, SharingLevel.PRIVATE, null);
        assertThat(e.sharing()).isEqualTo("NATIONAL");
        assertThat(e.answers()).isNull();
        assertThat(e.signOff()).isNull();
    }
}
