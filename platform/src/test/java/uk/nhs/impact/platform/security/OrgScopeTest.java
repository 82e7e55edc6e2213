package uk.nhs.impact.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;

/** The read rule as a table: caller organisation and role × owner × sharing level → may read. */
class OrgScopeTest {
    private static final OrganisationHierarchy H = OrganisationHierarchy.loadBundled();
    private static final LocalDate AUG_2023 = LocalDate.of(2023, 8, 31);

    @ParameterizedTest(name = "{0} as {1} reading {2} shared {3} -> {4}")
    @CsvSource({
            // own organisation
            "RHA, viewer,           RHA, PRIVATE,  true",
            "RHA, submitter,        RHA, PRIVATE,  true",
            "RHA, icb-oversight,    RHA, PRIVATE,  false",
            // another trust, even in the same ICB and shared nationally
            "RX1, viewer,           RHA, NATIONAL, false",
            "RX1, submitter,        RHA, PRIVATE,  false",
            // its ICB (QT1)
            "QT1, icb-oversight,    RHA, PRIVATE,  false",
            "QT1, icb-oversight,    RHA, ICB,      true",
            "QT1, icb-oversight,    RHA, NATIONAL, true",
            "QT1, viewer,           RHA, ICB,      false",
            // another ICB in the same region
            "QNC, icb-oversight,    RHA, NATIONAL, false",
            // its region (Y60)
            "Y60, region-analyst,   RHA, ICB,      false",
            "Y60, region-analyst,   RHA, REGION,   true",
            "Y60, region-analyst,   QT1, REGION,   true",
            "Y56, region-analyst,   RHA, NATIONAL, false",
            // national
            "X24, national-analyst, RHA, REGION,   false",
            "X24, national-analyst, RHA, NATIONAL, true",
            // a role claimed by an organisation of the wrong level gives nothing
            "RX1, national-analyst, RHA, NATIONAL, false",
            "RX1, region-analyst,   RHA, NATIONAL, false",
            "RX1, icb-oversight,    RHA, NATIONAL, false",
            "Y60, national-analyst, RHA, NATIONAL, false",
            "X24-DIR-MEDICAL, national-analyst, RHA, NATIONAL, false",
            "QT1, region-analyst,   RHA, REGION,   false",
            "Y60, icb-oversight,    RHA, ICB,      false",
    })
    void mayRead(String caller, String role, String owner, SharingLevel sharing, boolean expected) {
        assertThat(new OrgScope(caller, Set.of(role), H).mayRead(owner, sharing, AUG_2023)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} as {1} writing {2} -> {3}")
    @CsvSource({
            "RHA, submitter,        RHA, true",
            "RHA, viewer,           RHA, false",
            "QT1, submitter,        RHA, false",
            "X24, national-analyst, RHA, false",
    })
    void mayWrite(String caller, String role, String owner, boolean expected) {
        assertThat(new OrgScope(caller, Set.of(role), H).mayWrite(owner)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} as {1} seeing completion of {2} -> {3}")
    @CsvSource({
            "QT1, icb-oversight,    RHA, true",
            "QT1, icb-oversight,    RX3, false",
            "Y60, region-analyst,   RHA, true",
            "Y56, region-analyst,   RHA, false",
            "X24, national-analyst, RHA, true",
            "RX1, viewer,           RHA, false",
            "X24-DIR-MEDICAL, national-analyst, RHA, false",
            "RHA, instrument-admin, RHA, false",
    })
    void maySeeCompletion(String caller, String role, String owner, boolean expected) {
        assertThat(new OrgScope(caller, Set.of(role), H).maySeeCompletionOf(owner, AUG_2023)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} as {1} reading aggregates of {2} -> {3}")
    @CsvSource({
            "X24, national-analyst, X24, true",
            "X24, national-analyst, QT1, true",
            "Y60, region-analyst,   Y60, true",
            "Y60, region-analyst,   QT1, true",
            "Y60, region-analyst,   X24, false",
            "Y60, region-analyst,   Y56, false",
            "QT1, icb-oversight,    QT1, true",
            "QT1, icb-oversight,    Y60, false",
            "RHA, viewer,           QT1, false",
    })
    void mayReadAggregates(String caller, String role, String area, boolean expected) {
        assertThat(new OrgScope(caller, Set.of(role), H).mayReadAggregatesOf(area, AUG_2023)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with {1}: holds {2} -> {3}")
    @CsvSource({
            // instrument-admin and national-analyst count at NHS England itself, and nowhere else
            "X24,             instrument-admin,            instrument-admin, true",
            "X24-DIR-MEDICAL, instrument-admin,            instrument-admin, false",
            "Y60,             instrument-admin,            instrument-admin, false",
            "QT1,             instrument-admin,            instrument-admin, false",
            "RHA,             instrument-admin,            instrument-admin, false",
            "X24,             national-analyst,            national-analyst, true",
            "X24-DIR-NURSING, national-analyst,            national-analyst, false",
            "Y60,             national-analyst,            national-analyst, false",
            "RHA,             national-analyst,            national-analyst, false",
            // region-analyst with a region
            "Y60,             region-analyst,              region-analyst,   true",
            "X24,             region-analyst,              region-analyst,   false",
            "QT1,             region-analyst,              region-analyst,   false",
            "RHA,             region-analyst,              region-analyst,   false",
            // icb-oversight with an ICB
            "QT1,             icb-oversight,               icb-oversight,    true",
            "Y60,             icb-oversight,               icb-oversight,    false",
            "RHA,             icb-oversight,               icb-oversight,    false",
            "X24,             icb-oversight,               icb-oversight,    false",
            // submitter and viewer count at any organisation
            "RHA,             submitter,                   submitter,        true",
            "X24-DIR-MEDICAL, viewer,                      viewer,           true",
            "Y60,             viewer,                      viewer,           true",
            // a role the token does not carry is never held, whatever the organisation
            "X24,             national-analyst,            instrument-admin, false",
            "Y60,             viewer,                      region-analyst,   false",
            // unknown or missing organisation: no level-bound role counts
            "ZZZ,             instrument-admin,            instrument-admin, false",
            "'',              national-analyst,            national-analyst, false",
            // several roles: each is judged on its own
            "X24,             instrument-admin|viewer,     instrument-admin, true",
            "RHA,             instrument-admin|submitter,  submitter,        true",
            "RHA,             instrument-admin|submitter,  instrument-admin, false",
    })
    void holdsARoleOnlyAtItsLevel(String caller, String roles, String role, boolean expected) {
        OrgScope scope = new OrgScope(caller.isEmpty() ? null : caller, Set.copyOf(Arrays.asList(roles.split("\\|"))), H);
        assertThat(scope.holds(role)).isEqualTo(expected);
        assertThat(scope.has(role)).as("has() still only says what the token carries").isEqualTo(scope.roles().contains(role));
    }

    @ParameterizedTest(name = "{0} is at level {1}")
    @CsvSource({
            "X24,             NATIONAL",
            "Y60,             REGION",
            "QT1,             ICB",
            "RHA,             TRUST",
            "X24-DIR-MEDICAL, DIRECTORATE",
    })
    void levelOfTheCallersOrganisation(String caller, OrgLevel level) {
        assertThat(new OrgScope(caller, Set.of("viewer"), H).level()).isEqualTo(Optional.of(level));
    }

    @Test
    void noLevelForAnUnknownOrMissingOrganisation() {
        assertThat(new OrgScope("ZZZ", Set.of("viewer"), H).level()).isEqualTo(Optional.empty());
        assertThat(new OrgScope(null, Set.of("viewer"), H).level()).isEqualTo(Optional.empty());
    }

    @Test
    void aDirectorateIsNotNational() {
        OrgScope directorate = new OrgScope("X24-DIR-MEDICAL", Set.of("national-analyst", "instrument-admin", "viewer"), H);
        assertThat(directorate.has(Roles.NATIONAL_ANALYST)).isTrue();
        assertThat(directorate.holds(Roles.NATIONAL_ANALYST)).isFalse();
        assertThat(directorate.holds(Roles.INSTRUMENT_ADMIN)).isFalse();
        assertThat(directorate.aggregateArea()).isEqualTo(Optional.empty());
        assertThat(directorate.mayReadAggregatesOf("X24", AUG_2023)).isFalse();
        assertThat(directorate.mayReadAggregatesOf("X24-DIR-MEDICAL", AUG_2023)).isFalse();
    }

    @Test
    void aggregateAreaFollowsTheRoleHeldAtItsLevel() {
        assertThat(new OrgScope("X24", Set.of("national-analyst"), H).aggregateArea()).isEqualTo(Optional.of("X24"));
        assertThat(new OrgScope("Y60", Set.of("region-analyst", "viewer"), H).aggregateArea()).isEqualTo(Optional.of("Y60"));
        assertThat(new OrgScope("QT1", Set.of("icb-oversight", "submitter"), H).aggregateArea()).isEqualTo(Optional.of("QT1"));
        assertThat(new OrgScope("Y60", Set.of("submitter", "viewer"), H).aggregateArea()).isEqualTo(Optional.empty());
        assertThat(new OrgScope("X24", Set.of("instrument-admin"), H).aggregateArea()).isEqualTo(Optional.empty());
        assertThat(new OrgScope("RHA", Set.of("region-analyst"), H).aggregateArea()).isEqualTo(Optional.empty());
    }
}
