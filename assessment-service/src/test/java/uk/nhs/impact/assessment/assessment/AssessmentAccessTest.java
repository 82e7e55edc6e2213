package uk.nhs.impact.assessment.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.nhs.impact.assessment.assessment.Fixtures.REFERENCE_DATE;
import static uk.nhs.impact.assessment.assessment.Fixtures.assessment;
import static uk.nhs.impact.assessment.assessment.Fixtures.caller;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.SharingLevel;

/**
 * Who reads and changes RHA's assessment (Nottinghamshire Healthcare: ICB QT1, region Y60). RX1 is another trust in the same
 * ICB; QUA another ICB of the same region; Y56 another region.
 */
class AssessmentAccessTest {

    @ParameterizedTest(name = "{0} as {1} reads RHA''s submitted {2} assessment: {3}")
    @CsvSource({
            "RHA, viewer,           PRIVATE,  true", "RHA, submitter,        PRIVATE,  true", "RHA, viewer,           NATIONAL, true",
            "RX1, viewer,           PRIVATE,  false", "RX1, submitter,        NATIONAL, false", "RX1, icb-oversight,    NATIONAL, false",
            "QT1, icb-oversight,    PRIVATE,  false", "QT1, icb-oversight,    ICB,      true", "QT1, icb-oversight,    REGION,   true",
            "QT1, icb-oversight,    NATIONAL, true", "QT1, viewer,           NATIONAL, false",
            "QUA, icb-oversight,    NATIONAL, false",
            "Y60, region-analyst,   PRIVATE,  false", "Y60, region-analyst,   ICB,      false", "Y60, region-analyst,   REGION,   true",
            "Y60, region-analyst,   NATIONAL, true",
            "Y56, region-analyst,   NATIONAL, false",
            "X24, national-analyst, REGION,   false", "X24, national-analyst, NATIONAL, true", "X24, instrument-admin, NATIONAL, false",
    })
    void readingASubmittedAssessment(String org, String role, SharingLevel sharing, boolean reads) {
        Assessment a = assessment(Assessment.Status.SUBMITTED, sharing);
        OrgScope scope = caller(org, role);
        if (reads) {
            assertThat(AssessmentAccess.readable(scope, a, a.id)).isSameAs(a);
        } else {
            assertNotFound(() -> AssessmentAccess.readable(scope, a, a.id), a.id);
        }
    }

    @ParameterizedTest(name = "{0} as {1} reads RHA''s nationally shared {2}: {3}")
    @CsvSource({
            "RHA, viewer,           DRAFT,      true", "QT1, icb-oversight,    DRAFT,      false", "X24, national-analyst, DRAFT,      false",
            "RHA, viewer,           SIGNED_OFF, true", "X24, national-analyst, SIGNED_OFF, false",
            "RHA, viewer,           WITHDRAWN,  true", "X24, national-analyst, WITHDRAWN,  false",
    })
    void onlyTheOrganisationReadsWhatIsNotSubmitted(String org, String role, Assessment.Status status, boolean reads) {
        Assessment a = assessment(status, SharingLevel.NATIONAL);
        assertThat(AssessmentAccess.ownerReads(caller(org, role), a.odsCode) || AssessmentAccess.othersRead(caller(org, role), a))
                .isEqualTo(reads);
    }

    @ParameterizedTest(name = "{0} as {1} reads RHA''s history: {2}")
    @CsvSource({"RHA, viewer, true", "RHA, submitter, true", "QT1, icb-oversight, false", "X24, national-analyst, false",
            "RHA, icb-oversight, false"})
    void historyIsTheOrganisationsOwn(String org, String role, boolean reads) {
        Assessment a = assessment(Assessment.Status.SUBMITTED, SharingLevel.NATIONAL);
        if (reads) {
            assertThat(AssessmentAccess.own(caller(org, role), a, a.id)).isSameAs(a);
        } else {
            assertNotFound(() -> AssessmentAccess.own(caller(org, role), a, a.id), a.id);
        }
    }

    @ParameterizedTest(name = "{0} as {1} changes RHA''s nationally shared assessment -> {2}")
    @CsvSource({
            "RHA, submitter,        0",
            "RHA, viewer,           403",
            "RX1, submitter,        404",
            "QT1, icb-oversight,    403",
            "QT1, submitter,        404",
            "X24, national-analyst, 403",
    })
    void changing(String org, String role, int status) {
        Assessment a = assessment(Assessment.Status.SUBMITTED, SharingLevel.NATIONAL);
        OrgScope scope = caller(org, role);
        if (status == 0) {
            assertThat(AssessmentAccess.changeable(scope, a, a.id)).isSameAs(a);
        } else {
            assertThatThrownBy(() -> AssessmentAccess.changeable(scope, a, a.id)).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.status()).isEqualTo(status));
        }
    }

    @Test
    void aPrivateDraftOfAnotherOrganisationIsNotFoundEvenForItsSubmitters() {
        Assessment a = assessment(Assessment.Status.DRAFT, SharingLevel.PRIVATE);
        assertNotFound(() -> AssessmentAccess.changeable(caller("RX1", "submitter"), a, a.id), a.id);
    }

    @Test
    void aMissingAssessmentIsNotFoundForEveryone() {
        UUID id = UUID.randomUUID();
        assertNotFound(() -> AssessmentAccess.readable(caller("RHA", "viewer"), null, id), id);
        assertNotFound(() -> AssessmentAccess.own(caller("RHA", "viewer"), null, id), id);
        assertNotFound(() -> AssessmentAccess.changeable(caller("RHA", "submitter"), null, id), id);
    }

    @Test
    void onlyTheOrganisationsSubmittersCreate() {
        AssessmentAccess.requireCreate(caller("RHA", "submitter"), "RHA");
        for (OrgScope other : new OrgScope[]{caller("RHA", "viewer"), caller("RX1", "submitter"), caller("X24", "national-analyst")}) {
            assertThatThrownBy(() -> AssessmentAccess.requireCreate(other, "RHA")).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    @ParameterizedTest(name = "{0} as {1} lists RHA''s assessments: all {2}, shared at {3}")
    @CsvSource({
            "RHA, viewer,           true,  ''",
            "RHA, submitter,        true,  ''",
            "RX1, viewer,           false, ''",
            "QT1, icb-oversight,    false, ICB REGION NATIONAL",
            "Y60, region-analyst,   false, REGION NATIONAL",
            "X24, national-analyst, false, NATIONAL",
    })
    void listing(String org, String role, boolean all, String levels) {
        AssessmentAccess.Listing listing = AssessmentAccess.listing(caller(org, role), "RHA", REFERENCE_DATE);
        assertThat(listing.all()).isEqualTo(all);
        assertThat(listing.sharedAt()).map(SharingLevel::name)
                .containsExactlyInAnyOrder(levels.isEmpty() ? new String[0] : levels.split(" "));
        assertThat(listing.nothing()).isEqualTo(!all && levels.isEmpty());
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, UUID id) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining(id.toString());
    }
}
