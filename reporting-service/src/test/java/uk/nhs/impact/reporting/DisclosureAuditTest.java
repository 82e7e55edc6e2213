package uk.nhs.impact.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.assessment.AssessmentReports;
import uk.nhs.impact.reporting.assessment.PositionReports;
import uk.nhs.impact.reporting.audit.Caller;
import uk.nhs.impact.reporting.audit.DisclosureAuditor;
import uk.nhs.impact.reporting.audit.DisclosureAuditor.AuditReport;
import uk.nhs.impact.reporting.audit.LegacyRulesPolicy;
import uk.nhs.impact.reporting.audit.LiveApiPolicy;
import uk.nhs.impact.reporting.audit.Population;
import uk.nhs.impact.reporting.audit.QueryEnumerator;
import uk.nhs.impact.reporting.audit.ReportPolicy;
import uk.nhs.impact.reporting.audit.Reproductions;
import uk.nhs.impact.reporting.profile.ProfileReports;
import uk.nhs.impact.reporting.survey.SurveyReports;

/**
 * The disclosure auditor (ARCHITECTURE.md, "Reporting and disclosure"): for every caller of the access matrix, every query
 * the report API offers it over a seeded random population in the real read models; every published figure explained from
 * the ground truth and every derivable value proved with linear algebra (commons-math3). The live API must let nothing below k be
 * derived; the old rules, kept as a fixture, must be caught.
 */
@QuarkusTest
class DisclosureAuditTest {
    static final long SEED = 20240611L;
    private static final int CONCURRENCY = 8;
    private static Population population;

    @Inject
    Pool pool;
    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    ReportAccessTable access;
    @Inject
    AssessmentReports assessments;
    @Inject
    PositionReports positions;
    @Inject
    SurveyReports surveys;
    @Inject
    ProfileReports profiles;

    @BeforeEach
    void populateOnce() {
        if (population == null) {
            Population p = Population.build(SEED, hierarchy);
            p.insert(pool);
            population = p;
        }
    }

    private <V> AuditReport audit(ReportPolicy<V> policy) {
        AuditReport report = new DisclosureAuditor(population, new QueryEnumerator(population, false), CONCURRENCY)
                .audit(policy, Caller.accessMatrix());
        System.out.println(report.summary());
        System.out.print(report.table());
        System.out.print(report.byKind());
        System.out.print(report.findings(12));
        return report;
    }

    @Test
    void liveApiLetsNoGroupBelowKBeDerived() {
        AuditReport report = audit(new LiveApiPolicy(access, assessments, positions, surveys, profiles));
        assertSoftly(soft -> {
            soft.assertThat(head(report.unexplained())).as("every published figure explained by the ground truth").isEmpty();
            soft.assertThat(head(report.accessMismatches())).as("the access table").isEmpty();
            soft.assertThat(head(report.violations())).as("no figure published from 1..k-1 hidden contributors").isEmpty();
            soft.assertThat(report.derivable()).as("derivable values, " + report.byKind()).isZero();
            soft.assertThat(report.smallAtoms()).as("atoms of hidden contributors lighter than k, " + report.byKind()).isZero();
            soft.assertThat(report.cells()).as("the enumeration reached the views").isGreaterThan(1000);
        });
    }

    @Test
    void auditorCatchesTheOldRules() {
        AuditReport report = audit(new LegacyRulesPolicy(population));
        assertThat(report.derivable() > 0).as("the old rules let values be derived").isTrue();
        assertThat(report.accessMismatches().size() > 0).as("the old rules let region and directorate staff read views").isTrue();
        assertThat(head(report.unexplained())).as("the fixture's figures are explained by the ground truth too").isEqualTo(List.of());
        assertSoftly(soft -> {
            soft.check(() -> Reproductions.regionStaffNarrowToOneTrust(report, population));
            soft.check(() -> Reproductions.nationalAnalystSubtractsWhatItReads(report, population));
            soft.check(() -> Reproductions.nationalSurveyOfThreeCommunityRespondents(report, population));
            soft.check(() -> Reproductions.regionMinusAcuteLeavesASmallGroup(report, population));
        });
    }

    private static List<String> head(List<String> lines) {
        return lines.stream().limit(20).toList();
    }
}
