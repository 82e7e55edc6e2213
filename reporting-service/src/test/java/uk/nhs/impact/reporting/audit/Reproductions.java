package uk.nhs.impact.reporting.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import uk.nhs.impact.reporting.audit.DisclosureAuditor.AuditReport;
import uk.nhs.impact.reporting.audit.DisclosureAuditor.CallerAudit;
import uk.nhs.impact.reporting.audit.DisclosureAuditor.Cell;

/** The leaks reported against the old rules, as the auditor must find them in the population built for them. */
public final class Reproductions {
    private static final String OPTIONS = "survey:" + Population.S_PROGRESS + ":options";

    private Reproductions() {
    }

    /** (a) Y60 submitter+viewer, region distribution narrowed by trust type to the one region-shared ambulance trust. */
    public static void regionStaffNarrowToOneTrust(AuditReport report, Population p) {
        CallerAudit caller = report.caller("region-no-analyst");
        String trust = p.reproductionRegionSharedAmbulance;
        Cell cell = caller.cell(Query.distribution("Y60", null, "ambulance", null))
                .orElseThrow(() -> new AssertionError("Y60 staff received no region distribution narrowed to ambulance trusts"));
        assertThat(cell.hidden()).as("the narrowed region view rests on one trust the caller may not read").isEqualTo(Set.of(trust));
        assertThat(caller.determinedOrganisations().contains(trust)).as(trust + "'s levels follow for Y60 staff").isTrue();
        assertThat(caller.derivable.stream().filter(f -> f.members().equals(Set.of(trust))).count())
                .as("all 22 question levels and 5 component distributions of " + trust).isEqualTo(27);
    }

    /** (b) National analyst, area=QYG&trustType=specialist: 4 organisations, 3 shared nationally, 1 only with its region. */
    public static void nationalAnalystSubtractsWhatItReads(AuditReport report, Population p) {
        CallerAudit caller = report.caller("national");
        String trust = p.reproductionIcbOnlyRegionShared;
        Cell cell = caller.cell(Query.distribution(Population.REPRODUCTION_ICB, null, "specialist", null))
                .orElseThrow(() -> new AssertionError("no QYG specialist distribution for the national analyst"));
        assertThat(cell.contributors().size()).isEqualTo(4);
        assertThat(cell.hidden()).isEqualTo(Set.of(trust));
        assertThat(caller.determinedOrganisations().contains(trust)).isTrue();
        for (int q = 1; q <= 22; q++) {
            assertThat(caller.determines("sa:Q" + q, Set.of(trust))).as(trust + "'s level of Q" + q + " follows").isTrue();
        }
    }

    /** (c) Survey, national, trustType=community: 3 respondents, published. */
    public static void nationalSurveyOfThreeCommunityRespondents(AuditReport report, Population p) {
        CallerAudit caller = report.caller("national");
        Cell cell = caller.cell(Query.survey("X24", "community", null))
                .orElseThrow(() -> new AssertionError("no national community survey figures"));
        assertThat(cell.contributors()).isEqualTo(p.reproductionCommunityRespondents);
        Set<String> answered = answered(p, p.reproductionCommunityRespondents);
        assertThat(answered.size() > 0 && answered.size() < 10).isTrue();
        assertThat(caller.determines(OPTIONS, answered)).as("the community respondents' answers follow as a group of " + answered.size()).isTrue();
        assertThat(caller.derivable.stream().anyMatch(f -> f.family().equals(OPTIONS) && answered.containsAll(f.members()))).isTrue();
    }

    /** (c) Survey, North West region analyst: region (default area) minus trustType=acute leaves fewer than 10. */
    public static void regionMinusAcuteLeavesASmallGroup(AuditReport report, Population p) {
        CallerAudit caller = report.caller("other-region");
        assertThat(caller.cell(Query.survey(null, null, null)).isPresent()).as("the region's own survey figures").isTrue();
        assertThat(caller.cell(Query.survey(null, "acute", null)).isPresent()).as("the region's acute survey figures").isTrue();
        Set<String> rest = answered(p, p.reproductionNonAcuteNorthWest);
        assertThat(rest.size() > 0 && rest.size() < 10).isTrue();
        assertThat(caller.determines(OPTIONS, rest)).as("region minus acute: " + rest.size() + " respondents' answers follow").isTrue();
    }

    private static Set<String> answered(Population p, Set<String> respondents) {
        return p.respondents.stream().filter(r -> respondents.contains(r.id()) && r.answered(Population.S_PROGRESS))
                .map(Population.Respondent::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
