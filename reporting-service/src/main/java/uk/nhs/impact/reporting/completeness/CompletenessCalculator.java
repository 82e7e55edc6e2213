package uk.nhs.impact.reporting.completeness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.figures.Figure;

/** Completeness from the hierarchy at the reference date (who was expected) and the set of submitters. */
public final class CompletenessCalculator {
    private final OrganisationHierarchy hierarchy;

    public CompletenessCalculator(OrganisationHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    public Completeness calculate(String collectionId, ReportAccessTable.Area area, LocalDate date, Set<String> submitted) {
        List<Organisation> expected = expectedIn(area, date);
        Map<String, long[]> byType = new LinkedHashMap<>();
        Map<String, long[]> byIcb = new LinkedHashMap<>();
        Map<String, long[]> byRegion = new LinkedHashMap<>();
        List<Completeness.Organisation> missing = new ArrayList<>();
        for (Organisation o : expected) {
            boolean done = submitted.contains(o.odsCode());
            count(byType, o.orgType(), done);
            String icb = o.level() == OrgLevel.TRUST
                    ? hierarchy.icbOf(o.odsCode(), date).orElse(null)
                    : o.level() == OrgLevel.ICB ? o.odsCode() : null;
            String region = hierarchy.regionOf(o.odsCode(), date).orElse(null);
            if (icb != null) {
                count(byIcb, icb, done);
            }
            if (region != null) {
                count(byRegion, region, done);
            }
            if (!done) {
                missing.add(new Completeness.Organisation(o.odsCode(), o.name(), o.orgType(), icb, region));
            }
        }
        return new Completeness(collectionId, area.code(), date, lines(byType, false), lines(byIcb, true), lines(byRegion, true), missing);
    }

    /** Every organisation that could file in the area: trusts, ICBs, regions and national directorates as applicable. */
    List<Organisation> expectedIn(ReportAccessTable.Area area, LocalDate date) {
        List<Organisation> out = new ArrayList<>();
        switch (area.level()) {
            case NATIONAL -> {
                out.addAll(hierarchy.all(OrgLevel.TRUST, date));
                out.addAll(hierarchy.all(OrgLevel.ICB, date));
                out.addAll(hierarchy.all(OrgLevel.REGION, date));
                out.addAll(hierarchy.all(OrgLevel.DIRECTORATE, date));
            }
            case REGION -> {
                out.addAll(hierarchy.trustsOfRegion(area.code(), date));
                out.addAll(hierarchy.icbsOfRegion(area.code(), date));
                hierarchy.find(area.code(), date).ifPresent(out::add);
            }
            case ICB -> {
                out.addAll(hierarchy.trustsOfIcb(area.code(), date));
                hierarchy.find(area.code(), date).ifPresent(out::add);
            }
            case TRUST, DIRECTORATE -> hierarchy.find(area.code(), date).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(Organisation::odsCode));
        return out;
    }

    private static void count(Map<String, long[]> counts, String key, boolean done) {
        long[] c = counts.computeIfAbsent(key, k -> new long[2]);
        c[1]++;
        if (done) {
            c[0]++;
        }
    }

    private List<Completeness.Line> lines(Map<String, long[]> counts, boolean named) {
        List<Completeness.Line> out = new ArrayList<>();
        counts.forEach((code, c) -> out.add(new Completeness.Line(code,
                named ? hierarchy.find(code).map(Organisation::name).orElse(null) : null,
                named ? hierarchy.find(code).map(Organisation::orgType).orElse(null) : code, Figure.of(c[0], c[1]))));
        out.sort(Comparator.comparing(Completeness.Line::code));
        return out;
    }
}
