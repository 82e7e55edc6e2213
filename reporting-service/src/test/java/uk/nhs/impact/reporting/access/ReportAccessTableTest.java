package uk.nhs.impact.reporting.access;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.SharingLevel;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportAccessTableTest {
    private static final OrganisationHierarchy H = OrganisationHierarchy.loadBundled();
    private static final ReportAccessTable TABLE = new ReportAccessTable(H);
    private static final LocalDate DATE = LocalDate.of(2023, 9, 30);

    private static Viewer viewer(String org, String roles) {
        return TABLE.viewerOf(new OrgScope(org, Set.copyOf(Arrays.asList(roles.split("\\+"))), H));
    }

    private static String directorate() {
        return H.all(uk.nhs.impact.platform.hierarchy.OrgLevel.DIRECTORATE, DATE).get(0).odsCode();
    }

    @ParameterizedTest(name = "{0} {1} reads {2}: {3}")
    @CsvSource({
            "X24, national-analyst,     X24, true",
            "X24, national-analyst,     RHA, true",
            "Y60, region-analyst,       Y60, true",
            "Y60, region-analyst,       QT1, true",
            "Y60, region-analyst,       RHA, true",
            "Y60, region-analyst,       X24, false",
            "Y60, region-analyst,       Y56, false",
            "QT1, icb-oversight,        QT1, true",
            "QT1, icb-oversight,        RHA, true",
            "QT1, icb-oversight,        Y60, false",
            "QT1, icb-oversight,        RK5, true",
            "QUA, icb-oversight,        RHA, false",
            "RHA, viewer,               RHA, true",
            "RHA, submitter,            RHA, true",
            "RHA, viewer,               QT1, false",
            "RK5, viewer,               RHA, false",
            // roles at the wrong level, and people without an analyst or oversight role, read no report
            "Y60, submitter+viewer,     Y60, false",
            "QT1, submitter+viewer,     QT1, false",
            "X24, instrument-admin,     X24, false",
            "RHA, region-analyst,       RHA, false",
            "RHA, national-analyst,     X24, false",
            "Y60, national-analyst,     X24, false",
            "QT1, region-analyst,       QT1, false",
    })
    void areas(String org, String roles, String area, boolean allowed) {
        Viewer v = viewer(org, roles);
        if (allowed) {
            assertEquals(area, TABLE.area(v, area, DATE).code());
        } else {
            ProblemException e = assertThrows(ProblemException.class, () -> TABLE.area(v, area, DATE));
            assertEquals(404, e.status());
        }
    }

    @Test
    void aDirectorateIsNotNational() {
        Viewer v = viewer(directorate(), "submitter+viewer+national-analyst");
        assertFalse(v.readsReports());
        assertThrows(ProblemException.class, () -> TABLE.area(v, "X24", DATE));
        assertThrows(ProblemException.class, () -> TABLE.area(v, null, DATE));
    }

    @Test
    void theViewersTierDecidesWhatCountsNotTheArea() {
        Viewer national = viewer("X24", "national-analyst");
        assertTrue(national.counts("RHA", SharingLevel.NATIONAL, DATE));
        assertFalse(national.counts("RHA", SharingLevel.REGION, DATE), "shared with its region only: never national");
        Viewer region = viewer("Y60", "region-analyst");
        assertTrue(region.readsOneByOne("RHA", SharingLevel.REGION, DATE));
        assertFalse(region.counts("RHA", SharingLevel.ICB, DATE));
        assertFalse(region.counts("RBS", SharingLevel.REGION, DATE), "another region's");
        assertTrue(region.counts("RBS", SharingLevel.NATIONAL, DATE));
        assertFalse(region.readsOneByOne("RBS", SharingLevel.NATIONAL, DATE), "counted, but hidden: only in groups");
        Viewer trust = viewer("RHA", "viewer");
        assertTrue(trust.readsOneByOne("RHA", SharingLevel.ICB, DATE));
        assertFalse(trust.counts("RX1", SharingLevel.ICB, DATE));
        assertEquals(Viewer.Reach.ALL, national.reach());
        assertEquals(SharingLevel.REGION, region.sharedAtLeast());
    }

    @Test
    void theTableHasOneRowPerRoleAndLevel() {
        assertEquals(5, TABLE.rules().size());
        assertTrue(TABLE.rules().stream().noneMatch(r -> r.role().equals("instrument-admin")));
    }
}
