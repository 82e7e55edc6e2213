package uk.nhs.impact.reporting.query;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.figures.DisclosureGuard;

/**
 * Every cell a viewer can ask a segmented view for — each area it may read × every filter value and combination — built
 * from the contributors' own attributes (the columns the view's SQL filters on), for {@link DisclosureGuard}.
 */
@ApplicationScoped
public class QueryFamily {
    /** A contributor (an organisation, or the respondents of one trust) with the attributes the filters act on. */
    public record Unit(String odsCode, String orgType, String trustType, String icbCode, String regionCode, Set<String> segments) {
    }

    @Inject
    ReportAccessTable access;
    @Inject
    OrganisationHierarchy hierarchy;

    /** The key of one cell: area, then the filters (blank when not given), lower case as the SQL compares them. */
    /** The rank of a cell covering a whole area of this level, with no filter (see {@link DisclosureGuard.Cell}). */
    public static int rank(OrgLevel level) {
        return switch (level) {
            case NATIONAL -> 0;
            case REGION -> 10;
            case ICB -> 20;
            case TRUST, DIRECTORATE -> 30;
        };
    }

    public static String key(String area, String orgType, String trustType, String segment) {
        return "area=" + area + "|orgType=" + norm(orgType) + "|trustType=" + norm(trustType) + "|segment="
                + (segment == null || segment.isBlank() ? "" : segment);
    }

    private static String norm(String value) {
        return value == null || value.isBlank() ? "" : value.toLowerCase(Locale.ROOT);
    }

    /** framework:segment of every organisation with a segment in force on {@code date}, read through {@code db} (a report's {@link Snapshot}). */
    public Uni<Map<String, Set<String>>> segmentsOn(SqlClient db, LocalDate date) {
        return db.preparedQuery("""
                select ods_code, framework_id, segment from oversight_segment
                where effective_from <= $1 and (effective_to is null or effective_to >= $1)""")
                .execute(Tuple.of(date)).map(rows -> {
                    Map<String, Set<String>> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1) + ":" + r.getInteger(2));
                    }
                    return out;
                });
    }

    /**
     * The segmented-view cells that hold at least one of the given units, for a viewer, widest first: areas from X24 down
     * to single organisations, and within one area, fewer filters first.
     *
     * @param units       contributor id → unit (only the contributors the viewer may not read one by one matter)
     * @param withOrgType whether the view offers the orgType filter
     */
    public List<DisclosureGuard.Cell> cells(Viewer viewer, Map<String, Unit> units, boolean withOrgType, LocalDate asOf) {
        Map<String, Set<String>> members = new HashMap<>();
        Map<String, Integer> rank = new HashMap<>();
        Map<String, Boolean> readable = new HashMap<>();
        units.forEach((id, u) -> {
            for (String area : areasOf(u)) {
                if (!readable.computeIfAbsent(area, a -> hierarchy.find(a).isPresent() && access.mayRead(viewer, a, asOf))) {
                    continue;
                }
                for (String orgType : withOrgType ? options(u.orgType()) : List.of("")) {
                    for (String trustType : options(u.trustType())) {
                        for (String segment : withNone(u.segments())) {
                            String key = key(area, orgType, trustType, segment);
                            members.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(id);
                            rank.putIfAbsent(key, areaRank(area) + (orgType.isEmpty() ? 0 : 1) + (trustType.isEmpty() ? 0 : 1)
                                    + (segment.isEmpty() ? 0 : 1));
                        }
                    }
                }
            }
        });
        List<DisclosureGuard.Cell> cells = new ArrayList<>();
        members.forEach((key, set) -> cells.add(new DisclosureGuard.Cell(key, rank.get(key), set)));
        return cells;
    }

    /** The areas whose views hold a unit, as the views' SQL selects them (see {@link Segmentation}). */
    private Set<String> areasOf(Unit u) {
        Set<String> out = new LinkedHashSet<>();
        out.add(OrganisationHierarchy.NHS_ENGLAND);
        if (u.regionCode() != null) {
            out.add(u.regionCode());
        }
        if (u.icbCode() != null) {
            out.add(u.icbCode());
        }
        OrgLevel own = hierarchy.find(u.odsCode()).map(Organisation::level).orElse(OrgLevel.TRUST);
        if (own == OrgLevel.TRUST || own == OrgLevel.DIRECTORATE || own == OrgLevel.ICB) {
            out.add(u.odsCode());
        }
        return out;
    }

    private int areaRank(String area) {
        return rank(hierarchy.find(area).map(Organisation::level).orElse(OrgLevel.TRUST));
    }

    private static List<String> options(String value) {
        return value == null || value.isBlank() ? List.of("") : List.of("", value.toLowerCase(Locale.ROOT));
    }

    private static List<String> withNone(Set<String> values) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(values);
        return out;
    }
}
