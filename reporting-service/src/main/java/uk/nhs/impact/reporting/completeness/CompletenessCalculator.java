package uk.nhs.impact.reporting.completeness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.figures.Figure;

/** Completeness from the hierarchy at the reference date (who was expected) and the submitters with their review states. */
public final class CompletenessCalculator {
    /** Counts kept per group: expected, submitted, then submitted returns per review state in this order. */
    private static final List<String> STATES = List.of(Reviews.AWAITING_REVIEW, Reviews.ACCEPTED, Reviews.RETURNED);
    private final OrganisationHierarchy hierarchy;

    public CompletenessCalculator(OrganisationHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** @param reviewStates the organisations with a return in the collection, each with its {@link ReviewState} */
    public Completeness calculate(String collectionId, ReportAccessTable.Area area, LocalDate date, Map<String, String> reviewStates) {
        List<Organisation> expected = expectedIn(area, date);
        long[] total = new long[2 + STATES.size()];
        Map<String, long[]> byType = new LinkedHashMap<>();
        Map<String, long[]> byIcb = new LinkedHashMap<>();
        Map<String, long[]> byRegion = new LinkedHashMap<>();
        List<Completeness.Organisation> submitted = new ArrayList<>();
        List<Completeness.Organisation> missing = new ArrayList<>();
        for (Organisation o : expected) {
            String state = reviewStates.get(o.odsCode());
            count(total, state);
            count(byType.computeIfAbsent(o.orgType(), k -> new long[total.length]), state);
            String icb = o.level() == OrgLevel.TRUST
                    ? hierarchy.icbOf(o.odsCode(), date).orElse(null)
                    : o.level() == OrgLevel.ICB ? o.odsCode() : null;
            String region = hierarchy.regionOf(o.odsCode(), date).orElse(null);
            if (icb != null) {
                count(byIcb.computeIfAbsent(icb, k -> new long[total.length]), state);
            }
            if (region != null) {
                count(byRegion.computeIfAbsent(region, k -> new long[total.length]), state);
            }
            (state != null ? submitted : missing).add(new Completeness.Organisation(o.odsCode(), o.name(), o.orgType(), icb, region, state));
        }
        Organisation whole = hierarchy.find(area.code(), date).orElse(null);
        Completeness.Line totalLine = line(area.code(), whole == null ? null : whole.name(), whole == null ? null : whole.orgType(), total);
        return new Completeness(collectionId, area.code(), date, totalLine, lines(byType, false), lines(byIcb, true), lines(byRegion, true),
                submitted, missing);
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

    /** One more expected organisation; {@code state} null when it has not submitted. */
    private static void count(long[] c, String state) {
        c[0]++;
        if (state != null) {
            c[1]++;
            int i = STATES.indexOf(state);
            if (i >= 0) {
                c[2 + i]++;
            }
        }
    }

    private List<Completeness.Line> lines(Map<String, long[]> counts, boolean named) {
        List<Completeness.Line> out = new ArrayList<>();
        counts.forEach((code, c) -> out.add(line(code, named ? hierarchy.find(code).map(Organisation::name).orElse(null) : null,
                named ? hierarchy.find(code).map(Organisation::orgType).orElse(null) : code, c)));
        out.sort(Comparator.comparing(Completeness.Line::code));
        return out;
    }

    private static Completeness.Line line(String code, String name, String orgType, long[] c) {
        return new Completeness.Line(code, name, orgType, Figure.of(c[1], c[0]), Figure.of(c[2], c[1]), Figure.of(c[3], c[1]),
                Figure.of(c[4], c[1]));
    }
}
