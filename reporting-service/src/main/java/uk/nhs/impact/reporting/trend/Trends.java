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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
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
    @Inject
    Pool pool;
    @Inject
    Snapshot snapshot;
    @Inject
    AssessmentDisclosure disclosure;

    /** % yes to one baseline question among the segmentation's returns, per collection. */
    public Uni<Trend> baseline(String question, String orgType, Segmentation seg) {
        List<Object> params = seg.newParams(question);
        StringBuilder sql = new StringBuilder("""
                select r.collection_id, max(r.reference_date),
                       count(*) filter (where r.answers -> $1 = 'true'::jsonb),
                       count(*) filter (where jsonb_typeof(r.answers -> $1) = 'boolean')
                from baseline_return r where true""");
        seg.appendTo(sql, params, "r");
        sql.append(" group by r.collection_id order by max(r.reference_date), r.collection_id");
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<Trend.Point> points = new ArrayList<>();
            for (Row r : rows) {
                points.add(new Trend.Point(r.getString(0), r.getLocalDate(1), Figure.of(r.getLong(2), r.getLong(3)), null, null));
            }
            return new Trend("baseline:" + question + ":" + orgType, seg.area().code(), points);
        });
    }

    /** The median level of one component in the area per cycle, from the assessments that count for the viewer. */
    public Uni<Trend> selfAssessment(Viewer viewer, String component, ReportAccessTable.Area area) {
        return snapshot.read(db -> selfAssessment(db, viewer, component, area));
    }

    /** Every cycle's point read through {@code db}, one snapshot, so the cycles listed are the cycles measured. */
    private Uni<Trend> selfAssessment(SqlClient db, Viewer viewer, String component, ReportAccessTable.Area area) {
        return db.preparedQuery("""
                select cycle, max(reference_date) from assessment_record where status = 'SUBMITTED'
                group by cycle order by max(reference_date), cycle""").execute().chain(rows -> {
            List<Uni<Trend.Point>> points = new ArrayList<>();
            for (Row r : rows) {
                LocalDate date = r.getLocalDate(1) == null ? LocalDate.now() : r.getLocalDate(1);
                points.add(point(db, viewer, component, new Segmentation(area, null, null, null, date), r.getString(0)));
            }
            Uni<List<Trend.Point>> all = points.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(points).andFailFast();
            return all.map(list -> new Trend("self-assessment:" + component, area.code(), list.stream().filter(Objects::nonNull).toList()));
        });
    }

    /** One cycle's median level of the component in the area, or only the count of organisations where the guard says so. */
    private Uni<Trend.Point> point(SqlClient db, Viewer viewer, String component, Segmentation seg, String cycle) {
        return disclosure.of(db, viewer, cycle, seg.asOf()).chain(c -> {
            List<Object> params = seg.newParams(component, cycle, c.countedArray());
            StringBuilder sql = new StringBuilder("""
                    select (q.value ->> 'level')::int, a.ods_code from assessment_record a, jsonb_each(a.answers) q
                    where q.value ->> 'component' = $1 and a.cycle = $2 and a.status = 'SUBMITTED' and a.ods_code = any($3::text[])""");
            seg.appendTo(sql, params, "a");
            boolean hide = c.plan().reason(seg.cellKey(true), "organisations") != null;
            return db.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
                Map<Integer, Long> levels = new TreeMap<>();
                Set<String> orgs = new HashSet<>();
                for (Row r : rows) {
                    levels.merge(r.getInteger(0), 1L, Long::sum);
                    orgs.add(r.getString(1));
                }
                return orgs.isEmpty()
                        ? null
                        : new Trend.Point(cycle, seg.asOf(), null, hide ? null : LevelDistribution.of(levels).median(), (long) orgs.size());
            });
        });
    }
}
