package uk.nhs.impact.reporting.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.SharingLevel;

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
            assertThat(TABLE.area(v, area, DATE).code()).isEqualTo(area);
        } else {
            ProblemException e = catchThrowableOfType(ProblemException.class, () -> TABLE.area(v, area, DATE));
            assertThat(e).isNotNull();
            assertThat(e.status()).isEqualTo(404);
        }
    }

    @ParameterizedTest(name = "{0} {1} reads the profile of {2}: {3}")
    @CsvSource({
            "RHA, viewer,                  RHA, true",
            "RHA, submitter,               RHA, true",
            "RHA, submitter+viewer,        RK5, false",
            "RK5, viewer,                  RHA, false",
            "QT1, icb-oversight,           RHA, true",
            "QT1, icb-oversight,           QT1, true",
            "QUA, icb-oversight,           RHA, false",
            "Y60, region-analyst,          RHA, true",
            "Y60, region-analyst,          QT1, true",
            "Y60, region-analyst,          Y60, true",
            "Y62, region-analyst,          RHA, false",
            "X24, national-analyst,        RHA, true",
            "X24, national-analyst,        Y62, true",
            // X24 files nothing: it has no profile; unknown codes are 404 like a profile the caller may not read
            "X24, national-analyst,        X24, false",
            "X24, national-analyst,        ZZZ9, false",
            "X24, instrument-admin,        RHA, false",
            "RHA, region-analyst,          RHA, false",
            "Y60, submitter+viewer,        RHA, false",
            "QT1, submitter+viewer,        RHA, false",
            "RHA, instrument-admin,        RHA, false",
    })
    void profiles(String org, String roles, String ods, boolean allowed) {
        Viewer v = viewer(org, roles);
        if (allowed) {
            assertThat(TABLE.profile(v, ods.toLowerCase(java.util.Locale.ROOT), DATE).odsCode()).isEqualTo(ods);
            assertThat(TABLE.profiles(v, DATE)).extracting(o -> o.odsCode()).contains(ods);
        } else {
            ProblemException e = catchThrowableOfType(ProblemException.class, () -> TABLE.profile(v, ods, DATE));
            assertThat(e).isNotNull();
            assertThat(e.status()).isEqualTo(404);
            assertThat(TABLE.profiles(v, DATE)).extracting(o -> o.odsCode()).doesNotContain(ods);
        }
    }

    @Test
    void aDirectorateIsNotNational() {
        Viewer v = viewer(directorate(), "submitter+viewer+national-analyst");
        assertThat(v.readsReports()).isFalse();
        assertThatThrownBy(() -> TABLE.area(v, "X24", DATE)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> TABLE.area(v, null, DATE)).isInstanceOf(ProblemException.class);
    }

    @Test
    void theViewersTierDecidesWhatCountsNotTheArea() {
        Viewer national = viewer("X24", "national-analyst");
        assertThat(national.counts("RHA", SharingLevel.NATIONAL, DATE)).isTrue();
        assertThat(national.counts("RHA", SharingLevel.REGION, DATE)).as("shared with its region only: never national").isFalse();
        Viewer region = viewer("Y60", "region-analyst");
        assertThat(region.readsOneByOne("RHA", SharingLevel.REGION, DATE)).isTrue();
        assertThat(region.counts("RHA", SharingLevel.ICB, DATE)).isFalse();
        assertThat(region.counts("RBS", SharingLevel.REGION, DATE)).as("another region's").isFalse();
        assertThat(region.counts("RBS", SharingLevel.NATIONAL, DATE)).isTrue();
        assertThat(region.readsOneByOne("RBS", SharingLevel.NATIONAL, DATE)).as("counted, but hidden: only in groups").isFalse();
        Viewer trust = viewer("RHA", "viewer");
        assertThat(trust.readsOneByOne("RHA", SharingLevel.ICB, DATE)).isTrue();
        assertThat(trust.counts("RX1", SharingLevel.ICB, DATE)).isFalse();
        assertThat(national.reach()).isEqualTo(Viewer.Reach.ALL);
        assertThat(region.sharedAtLeast()).isEqualTo(SharingLevel.REGION);
    }

    @Test
    void theTableHasOneRowPerRoleAndLevel() {
        assertThat(TABLE.rules().size()).isEqualTo(5);
        assertThat(TABLE.rules().stream().noneMatch(r -> r.role().equals("instrument-admin"))).isTrue();
    }
}
