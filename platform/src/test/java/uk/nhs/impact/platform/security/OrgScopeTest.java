package uk.nhs.impact.platform.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;

import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    })
    void mayRead(String caller, String role, String owner, SharingLevel sharing, boolean expected) {
        assertEquals(expected, new OrgScope(caller, Set.of(role), H).mayRead(owner, sharing, AUG_2023));
    }

    @ParameterizedTest(name = "{0} as {1} writing {2} -> {3}")
    @CsvSource({
            "RHA, submitter,        RHA, true",
            "RHA, viewer,           RHA, false",
            "QT1, submitter,        RHA, false",
            "X24, national-analyst, RHA, false",
    })
    void mayWrite(String caller, String role, String owner, boolean expected) {
        assertEquals(expected, new OrgScope(caller, Set.of(role), H).mayWrite(owner));
    }

    @ParameterizedTest(name = "{0} as {1} seeing completion of {2} -> {3}")
    @CsvSource({
            "QT1, icb-oversight,    RHA, true",
            "QT1, icb-oversight,    RX3, false",
            "Y60, region-analyst,   RHA, true",
            "Y56, region-analyst,   RHA, false",
            "X24, national-analyst, RHA, true",
            "RX1, viewer,           RHA, false",
    })
    void maySeeCompletion(String caller, String role, String owner, boolean expected) {
        assertEquals(expected, new OrgScope(caller, Set.of(role), H).maySeeCompletionOf(owner, AUG_2023));
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
        assertEquals(expected, new OrgScope(caller, Set.of(role), H).mayReadAggregatesOf(area, AUG_2023));
    }
}
