package uk.nhs.impact.reporting.baseline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.reporting.completeness.ReviewState;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.query.Segmentation;
import uk.nhs.impact.reporting.query.Snapshot;

/** Baseline figures computed from the stored returns at query time, so an amendment is reflected at once. */
@ApplicationScoped
public class BaselineReports {
    /** The four headline measures (seed 002), by question code, in published order. */
    public static final Map<String, String> HEADLINE = new LinkedHashMap<>();
    public static final String METHODS_QUESTION = "tools_methods_used";
    private static final List<String> ORG_TYPE_ORDER = List.of("trust", "icb", "region", "directorate", "national");

    static {
        HEADLINE.put("leadership_exec_responsibility", "leadership");
        HEADLINE.put("tools_improvement_methods", "tools");
        HEADLINE.put("governance_reporting", "governance");
        HEADLINE.put("capability_staff_training", "capability");
    }

    @Inject
    Snapshot snapshot;

    /**
     * The organisations with a return in the collection, as at the collection's reference date, each with where its return
     * stands in its ICB's review ({@link ReviewState}).
     */
    public record Submissions(LocalDate referenceDate, Map<String, String> reviewStates) {
    }

    /** The collection's reference date; 404 when nothing is known of it. */
    private static Uni<LocalDate> referenceDate(SqlClient db, String collectionId) {
        return db.preparedQuery("""
                select coalesce((select reference_date from baseline_collection where collection_id = $1),
                                (select max(reference_date) from baseline_return where collection_id = $1)),
                       exists(select 1 from baseline_collection where collection_id = $1)
                           or exists(select 1 from baseline_return where collection_id = $1)""")
                .execute(Tuple.of(collectionId)).map(rows -> {
                    Row row = rows.iterator().next();
                    if (!row.getBoolean(1)) {
                        throw ProblemException.notFound("Baseline collection " + collectionId);
                    }
                    return row.getLocalDate(0);
                });
    }

    /** Who has a return in the collection, read with its reference date from one snapshot; 404 for an unknown collection. */
    public Uni<Submissions> submissions(String collectionId) {
        return snapshot.read(db -> referenceDate(db, collectionId)
                .chain(date -> submitters(db, collectionId).map(submitted -> new Submissions(date, submitted))));
    }

    /** The ODS codes of the organisations that have a return in the collection, each with its review state. */
    private static Uni<Map<String, String>> submitters(SqlClient db, String collectionId) {
        return db.preparedQuery("""
                select r.ods_code, r.revision, v.revision, v.outcome
                from baseline_return r
                left join baseline_return_review v on v.collection_id = r.collection_id and v.ods_code = r.ods_code
                where r.collection_id = $1""").execute(Tuple.of(collectionId))
                .map(rows -> {
                    Map<String, String> submitted = new HashMap<>();
                    for (Row r : rows) {
                        submitted.put(r.getString(0), ReviewState.of(r.getInteger(1), r.getInteger(2), r.getString(3)));
                    }
                    return submitted;
                });
    }

    /**
     * The headline table and methods cited, from one snapshot of the returns so that both count the same returns; 404 for an
     * unknown collection.
     *
     * @param segmentation the segmentation asked for, given the collection's reference date
     */
    public Uni<BaselineHeadline> headline(String collectionId, Function<LocalDate, Segmentation> segmentation) {
        return snapshot.read(db -> referenceDate(db, collectionId).chain(date -> headline(db, collectionId, segmentation.apply(date))));
    }

    private Uni<BaselineHeadline> headline(SqlClient db, String collectionId, Segmentation seg) {
        List<Object> params = seg.newParams(collectionId, HEADLINE.keySet().toArray(String[]::new));
        StringBuilder sql = new StringBuilder("""
                select r.org_type, q.code,
                       count(*) filter (where r.answers -> q.code = 'true'::jsonb) as yes,
                       count(*) filter (where jsonb_typeof(r.answers -> q.code) = 'boolean') as answered,
                       count(*) as returns
                from baseline_return r cross join unnest($2::text[]) as q(code)
                where r.collection_id = $1""");
        seg.appendTo(sql, params, "r");
        sql.append(" group by r.org_type, q.code");
        return db.preparedQuery(sql.toString()).execute(Tuple.from(params)).chain(rows -> {
            Map<String, Map<String, Figure>> byType = new LinkedHashMap<>();
            Map<String, Long> returns = new LinkedHashMap<>();
            for (Row row : rows) {
                byType.computeIfAbsent(row.getString(0), k -> new LinkedHashMap<>())
                        .put(row.getString(1), Figure.of(row.getLong(2), row.getLong(3)));
                returns.put(row.getString(0), row.getLong(4));
            }
            List<BaselineHeadline.OrgTypeResult> results = new ArrayList<>();
            byType.keySet().stream().sorted((a, b) -> Integer.compare(order(a), order(b))).forEach(type -> {
                List<BaselineHeadline.Measure> measures = new ArrayList<>();
                HEADLINE.forEach((question, domain) -> measures.add(new BaselineHeadline.Measure(domain, question,
                        byType.get(type).getOrDefault(question, Figure.of(0, 0)))));
                results.add(new BaselineHeadline.OrgTypeResult(type, returns.get(type), measures));
            });
            return methods(db, collectionId, seg).map(m -> new BaselineHeadline(collectionId, seg.area().code(), seg.asOf(), results, m));
        });
    }

    private static Uni<List<BaselineHeadline.MethodCount>> methods(SqlClient db, String collectionId, Segmentation seg) {
        List<Object> params = seg.newParams(collectionId, METHODS_QUESTION);
        StringBuilder where = new StringBuilder(" where r.collection_id = $1 and jsonb_typeof(r.answers -> $2) = 'array'");
        seg.appendTo(where, params, "r");
        String sql = "with answered as (select r.answers -> $2 as methods from baseline_return r" + where + ") "
                + "select m, count(*), (select count(*) from answered) from answered, jsonb_array_elements_text(methods) m "
                + "group by m order by count(*) desc, m";
        return db.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<BaselineHeadline.MethodCount> out = new ArrayList<>();
            int rank = 0;
            for (Row row : rows) {
                out.add(new BaselineHeadline.MethodCount(++rank, row.getString(0), Figure.of(row.getLong(1), row.getLong(2))));
            }
            return out;
        });
    }

    private static int order(String orgType) {
        int i = ORG_TYPE_ORDER.indexOf(orgType);
        return i < 0 ? ORG_TYPE_ORDER.size() : i;
    }
}
