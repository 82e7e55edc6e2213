package uk.nhs.impact.reporting.assessment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.query.Segmentation;
import uk.nhs.impact.reporting.query.Snapshot;

/**
 * Self-assessment aggregates. Only submitted assessments that count for the viewer are included ({@link Viewer#counts}:
 * the viewer's tier decides, whatever area or filter is asked), and every figure passes {@link AssessmentDisclosure}'s plan.
 */
@ApplicationScoped
public class AssessmentReports {
    @Inject
    Snapshot snapshot;
    @Inject
    ReportAccessTable access;
    @Inject
    AssessmentDisclosure disclosure;

    /** The cycle's reference date (latest known); 404 when no shared, submitted assessment of the cycle exists at all. */
    public Uni<LocalDate> referenceDate(SqlClient db, String cycle) {
        return db.preparedQuery("select max(reference_date), count(*) from assessment_record where cycle = $1")
                .execute(Tuple.of(cycle)).map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong(1) == 0) {
                        throw ProblemException.notFound("Self-assessment cycle " + cycle);
                    }
                    return row.getLocalDate(0) != null ? row.getLocalDate(0) : LocalDate.now();
                });
    }

    /** The distribution of levels in an area (default: the viewer's own), narrowed by the optional filters; one snapshot. */
    public Uni<AssessmentDistribution> distribution(Viewer viewer, String cycle, String area, String orgType, String trustType, String segment) {
        return snapshot.read(db -> referenceDate(db, cycle).chain(date -> {
            Segmentation seg = new Segmentation(access.area(viewer, area, date), orgType, trustType, segment, date);
            return disclosure.of(db, viewer, cycle, date).chain(c -> distribution(db, viewer, cycle, seg, c));
        }));
    }

    private Uni<AssessmentDistribution> distribution(SqlClient db, Viewer viewer, String cycle, Segmentation seg, AssessmentDisclosure.Contributors c) {
        List<Object> params = seg.newParams(cycle, c.countedArray());
        StringBuilder where = new StringBuilder(" where a.cycle = $1 and a.status = 'SUBMITTED' and a.ods_code = any($2::text[])");
        seg.appendTo(where, params, "a");
        String counts = "select q.key, q.value ->> 'component', (q.value ->> 'level')::int, count(*) "
                + "from assessment_record a, jsonb_each(a.answers) q" + where + " group by 1, 2, 3";
        String orgs = "select count(distinct a.ods_code) from assessment_record a" + where;
        Tuple tuple = Tuple.from(params);
        String reason = c.plan().reason(seg.cellKey(true), "organisations");
        return Uni.combine().all().unis(db.preparedQuery(counts).execute(tuple), db.preparedQuery(orgs).execute(tuple))
                .asTuple().map(t -> build(cycle, seg, viewer, t.getItem2().iterator().next().getLong(0), t.getItem1(), reason));
    }

    private static AssessmentDistribution build(String cycle, Segmentation seg, Viewer viewer, long organisations, RowSet<Row> rows,
            String reason) {
        Map<String, Map<Integer, Long>> byQuestion = new TreeMap<>();
        Map<String, String> componentOf = new TreeMap<>();
        Map<String, Map<Integer, Long>> byComponent = new TreeMap<>();
        for (Row r : rows) {
            String component = r.getString(1) == null ? "unknown" : r.getString(1);
            byQuestion.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(r.getInteger(2), r.getLong(3), Long::sum);
            componentOf.put(r.getString(0), component);
            byComponent.computeIfAbsent(component, k -> new TreeMap<>()).merge(r.getInteger(2), r.getLong(3), Long::sum);
        }
        List<AssessmentDistribution.Item> components = new ArrayList<>();
        byComponent.forEach((comp, counts) -> components.add(new AssessmentDistribution.Item(comp, comp, distribution(counts, reason))));
        List<AssessmentDistribution.Item> questions = new ArrayList<>();
        byQuestion.forEach((q, counts) -> questions.add(new AssessmentDistribution.Item(q, componentOf.get(q), distribution(counts, reason))));
        return new AssessmentDistribution(cycle, seg.area().code(), viewer.sharedAtLeast().name(), organisations, components, questions);
    }

    private static LevelDistribution distribution(Map<Integer, Long> counts, String reason) {
        return LevelDistribution.of(counts, reason);
    }
}
