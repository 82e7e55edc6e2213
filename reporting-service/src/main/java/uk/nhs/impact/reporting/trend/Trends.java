package uk.nhs.impact.reporting.trend;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.assessment.AssessmentDisclosure;
import uk.nhs.impact.reporting.assessment.LevelDistribution;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.query.Segmentation;
import uk.nhs.impact.reporting.query.Snapshot;

/** The trend queries: one measure per collection or cycle, oldest first, from the read models. */
@ApplicationScoped
public class Trends {
    private static final ReportAccessTable.Area NATIONAL = new ReportAccessTable.Area(OrganisationHierarchy.NHS_ENGLAND, OrgLevel.NATIONAL);

    @Inject
    Pool pool;
    @Inject
    Snapshot snapshot;
    @Inject
    AssessmentDisclosure disclosure;
    @Inject
    OrganisationHierarchy hierarchy;

    /** % yes to one baseline question among the segmentation's returns, per collection, predecessors counted as chosen. */
    public Uni<Trend> baseline(String question, String orgType, Segmentation seg, Predecessors predecessors) {
        return predecessors == Predecessors.SUCCESSOR ? restatedBaseline(question, orgType, seg) : baseline(question, orgType, seg);
    }

    /**
     * % yes to one baseline question among the segmentation's returns, per collection, each return where it was filed: from
     * the collections' tallies where they hold the segmentation's cell, else from the returns.
     */
    private Uni<Trend> baseline(String question, String orgType, Segmentation seg) {
        List<Object> tally = BaselineTrendTally.params(question, seg);
        if (tally.isEmpty()) {
            return baselineFromReturns(question, orgType, seg);
        }
        return pool.preparedQuery(BaselineTrendTally.TREND).execute(Tuple.from(tally)).map(rows -> asFiled(question, orgType, seg, rows));
    }

    /** The same counted from every return in {@code baseline_return}, as the tallies count them. */
    public Uni<Trend> baselineFromReturns(String question, String orgType, Segmentation seg) {
        List<Object> params = seg.newParams(question);
        StringBuilder sql = new StringBuilder("""
                select r.collection_id, max(r.reference_date),
                       count(*) filter (where r.answers -> $1 = 'true'::jsonb),
                       count(*) filter (where jsonb_typeof(r.answers -> $1) = 'boolean')
                from baseline_return r where true""");
        seg.appendTo(sql, params, "r");
        sql.append(" group by r.collection_id order by max(r.reference_date), r.collection_id");
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> asFiled(question, orgType, seg, rows));
    }

    /** The trend from rows of collection, reference date, yes, answered. */
    private static Trend asFiled(String question, String orgType, Segmentation seg, Iterable<Row> rows) {
        List<Trend.Point> points = new ArrayList<>();
        for (Row r : rows) {
            points.add(new Trend.Point(r.getString(0), r.getLocalDate(1), Figure.of(r.getLong(2), r.getLong(3)), null, null));
        }
        return new Trend("baseline:" + question + ":" + orgType, seg.area().code(), Predecessors.AS_FILED.value(), points);
    }

    /**
     * The same with every return counted under its organisation's latest successor as at the latest collection's reference
     * date, placed in the hierarchy of that date. Baseline returns are collected data, shown unsuppressed either way.
     */
    private Uni<Trend> restatedBaseline(String question, String orgType, Segmentation seg) {
        Segmentation everywhere = new Segmentation(NATIONAL, seg.orgType(), seg.trustType(), seg.segment(), seg.asOf());
        List<Object> params = everywhere.newParams(question);
        StringBuilder sql = new StringBuilder("""
                select r.collection_id, r.reference_date, r.ods_code, r.answers -> $1 = 'true'::jsonb,
                       jsonb_typeof(r.answers -> $1) = 'boolean'
                from baseline_return r where true""");
        everywhere.appendTo(sql, params, "r");
        sql.append(" order by r.reference_date, r.collection_id");
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            LocalDate latest = all.stream().map(r -> r.getLocalDate(1)).max(LocalDate::compareTo).orElse(seg.asOf());
            Predicate<String> counted = Predecessors.restatedWithin(hierarchy, seg.area(), latest);
            Map<String, long[]> byCollection = new LinkedHashMap<>();
            Map<String, LocalDate> dates = new HashMap<>();
            for (Row r : all) {
                if (counted.test(r.getString(2))) {
                    long[] c = byCollection.computeIfAbsent(r.getString(0), k -> new long[2]);
                    c[0] += Boolean.TRUE.equals(r.getBoolean(3)) ? 1 : 0;
                    c[1] += Boolean.TRUE.equals(r.getBoolean(4)) ? 1 : 0;
                    dates.merge(r.getString(0), r.getLocalDate(1), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            List<Trend.Point> points = byCollection.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, long[]> e) -> dates.get(e.getKey())).thenComparing(Map.Entry::getKey))
                    .map(e -> new Trend.Point(e.getKey(), dates.get(e.getKey()), Figure.of(e.getValue()[0], e.getValue()[1]), null, null))
                    .toList();
            return new Trend("baseline:" + question + ":" + orgType, seg.area().code(), Predecessors.SUCCESSOR.value(), points);
        });
    }

    /** The median level of one component in the area per cycle, from the assessments that count for the viewer. */
    public Uni<Trend> selfAssessment(Viewer viewer, String component, ReportAccessTable.Area area, Predecessors predecessors) {
        return snapshot.read(db -> selfAssessment(db, viewer, component, area, predecessors));
    }

    /** Every cycle's point read through {@code db}, one snapshot, so the cycles listed are the cycles measured. */
    private Uni<Trend> selfAssessment(SqlClient db, Viewer viewer, String component, ReportAccessTable.Area area, Predecessors predecessors) {
        return db.preparedQuery("""
                select cycle, max(reference_date) from assessment_record where status = 'SUBMITTED'
                group by cycle order by max(reference_date), cycle""").execute().chain(rows -> {
            List<Uni<Trend.Point>> points = new ArrayList<>();
            LocalDate latest = LocalDate.MIN;
            for (Row r : rows) {
                latest = r.getLocalDate(1) != null && r.getLocalDate(1).isAfter(latest) ? r.getLocalDate(1) : latest;
            }
            Predicate<String> restated = predecessors == Predecessors.SUCCESSOR ? Predecessors.restatedWithin(hierarchy, area, latest) : null;
            for (Row r : rows) {
                LocalDate date = r.getLocalDate(1) == null ? LocalDate.now() : r.getLocalDate(1);
                points.add(point(db, viewer, component, new Segmentation(area, null, null, null, date), r.getString(0), restated));
            }
            Uni<List<Trend.Point>> all = points.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(points).andFailFast();
            return all.map(list -> new Trend("self-assessment:" + component, area.code(), predecessors.value(),
                    list.stream().filter(Objects::nonNull).toList()));
        });
    }

    /**
     * One cycle's median level of the component in the area, or only the count of organisations where the guard says so.
     * With {@code restated} (predecessors counted under their successor) the organisations are those it accepts; the guard
     * judges the area as filed, so a restated point whose organisations differ from the filed ones shows only their number.
     */
    private Uni<Trend.Point> point(SqlClient db, Viewer viewer, String component, Segmentation seg, String cycle, Predicate<String> restated) {
        return disclosure.of(db, viewer, cycle, seg.asOf()).chain(c -> {
            Segmentation where = restated == null ? seg : new Segmentation(NATIONAL, null, null, null, seg.asOf());
            List<Object> params = where.newParams(component, cycle, c.countedArray());
            StringBuilder sql = new StringBuilder("""
                    select (q.value ->> 'level')::int, a.ods_code, a.icb_code, a.region_code from assessment_record a, jsonb_each(a.answers) q
                    where q.value ->> 'component' = $1 and a.cycle = $2 and a.status = 'SUBMITTED' and a.ods_code = any($3::text[])""");
            where.appendTo(sql, params, "a");
            boolean guarded = c.plan().reason(seg.cellKey(true), "organisations") != null;
            return db.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
                Map<Integer, Long> levels = new TreeMap<>();
                Set<String> orgs = new HashSet<>();
                Set<String> filed = new HashSet<>();
                for (Row r : rows) {
                    if (restated != null && filedIn(seg.area(), r)) {
                        filed.add(r.getString(1));
                    }
                    if (restated == null || restated.test(r.getString(1))) {
                        levels.merge(r.getInteger(0), 1L, Long::sum);
                        orgs.add(r.getString(1));
                    }
                }
                boolean hide = guarded || (restated != null && !orgs.equals(filed));
                return orgs.isEmpty()
                        ? null
                        : new Trend.Point(cycle, seg.asOf(), null, hide ? null : LevelDistribution.of(levels).median(), (long) orgs.size());
            });
        });
    }

    /** Whether a row (ods_code, icb_code, region_code in columns 1-3) lies in the area as filed, as {@link Segmentation} selects. */
    private static boolean filedIn(ReportAccessTable.Area area, Row r) {
        return switch (area.level()) {
            case NATIONAL -> true;
            case REGION -> area.code().equals(r.getString(3));
            case ICB -> area.code().equals(r.getString(2)) || area.code().equals(r.getString(1));
            default -> area.code().equals(r.getString(1));
        };
    }
}
