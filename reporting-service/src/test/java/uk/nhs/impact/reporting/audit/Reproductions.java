package uk.nhs.impact.reporting.audit;

import uk.nhs.impact.reporting.audit.DisclosureAuditor.AuditReport;
import uk.nhs.impact.reporting.audit.DisclosureAuditor.CallerAudit;
import uk.nhs.impact.reporting.audit.DisclosureAuditor.Cell;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(Set.of(trust), cell.hidden(), "the narrowed region view rests on one trust the caller may not read");
        assertTrue(caller.determinedOrganisations().contains(trust), trust + "'s levels follow for Y60 staff");
        assertEquals(27, caller.derivable.stream().filter(f -> f.members().equals(Set.of(trust))).count(),
                "all 22 question levels and 5 component distributions of " + trust);
    }

    /** (b) National analyst, area=QYG&trustType=specialist: 4 organisations, 3 shared nationally, 1 only with its region. */
    public static void nationalAnalystSubtractsWhatItReads(AuditReport report, Population p) {
        CallerAudit caller = report.caller("national");
        String trust = p.reproductionIcbOnlyRegionShared;
        Cell cell = caller.cell(Query.distribution(Population.REPRODUCTION_ICB, null, "specialist", null))
                .orElseThrow(() -> new AssertionError("no QYG specialist distribution for the national analyst"));
        assertEquals(4, cell.contributors().size());
        assertEquals(Set.of(trust), cell.hidden());
        assertTrue(caller.determinedOrganisations().contains(trust));
        for (int q = 1; q <= 22; q++) {
            assertTrue(caller.determines("sa:Q" + q, Set.of(trust)), trust + "'s level of Q" + q + " follows");
        }
    }

    /** (c) Survey, national, trustType=community: 3 respondents, published. */
    public static void nationalSurveyOfThreeCommunityRespondents(AuditReport report, Population p) {
        CallerAudit caller = report.caller("national");
        Cell cell = caller.cell(Query.survey("X24", "community", null))
                .orElseThrow(() -> new AssertionError("no national community survey figures"));
        assertEquals(p.reproductionCommunityRespondents, cell.contributors());
        Set<String> answered = answered(p, p.reproductionCommunityRespondents);
        assertTrue(answered.size() > 0 && answered.size() < 10);
        assertTrue(caller.determines(OPTIONS, answered), "the community respondents' answers follow as a group of " + answered.size());
        assertTrue(caller.derivable.stream().anyMatch(f -> f.family().equals(OPTIONS) && answered.containsAll(f.members())));
    }

    /** (c) Survey, North West region analyst: region (default area) minus trustType=acute leaves fewer than 10. */
    public static void regionMinusAcuteLeavesASmallGroup(AuditReport report, Population p) {
        CallerAudit caller = report.caller("other-region");
        assertTrue(caller.cell(Query.survey(null, null, null)).isPresent(), "the region's own survey figures");
        assertTrue(caller.cell(Query.survey(null, "acute", null)).isPresent(), "the region's acute survey figures");
        Set<String> rest = answered(p, p.reproductionNonAcuteNorthWest);
        assertTrue(rest.size() > 0 && rest.size() < 10);
        assertTrue(caller.determines(OPTIONS, rest), "region minus acute: " + rest.size() + " respondents' answers follow");
    }

    private static Set<String> answered(Population p, Set<String> respondents) {
        return p.respondents.stream().filter(r -> respondents.contains(r.id()) && r.answered(Population.S_PROGRESS))
                .map(Population.Respondent::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
