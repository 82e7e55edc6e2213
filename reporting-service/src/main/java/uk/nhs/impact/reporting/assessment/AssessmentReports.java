package uk.nhs.impact.reporting.assessment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.figures.DisclosureConfig;
import uk.nhs.impact.reporting.query.Segmentation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Self-assessment aggregates. Only submitted assessments whose organisation shares at least at the view's level count;
 * below region, detail needs a minimum number of contributing organisations (the counts themselves are always shown).
 */
@ApplicationScoped
public class AssessmentReports {
    private final Pool pool;
    private final DisclosureConfig disclosure;

    public AssessmentReports(Pool pool, DisclosureConfig disclosure) {
        this.pool = pool;
        this.disclosure = disclosure;
    }

    /** The cycle's reference date (latest known); 404 when no shared, submitted assessment of the cycle exists at all. */
    public Uni<LocalDate> referenceDate(String cycle) {
        return pool.preparedQuery("select max(reference_date), count(*) from assessment_record where cycle = $1")
                .execute(Tuple.of(cycle)).map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong(1) == 0) {
                        throw ProblemException.notFound("Self-assessment cycle " + cycle);
                    }
                    return row.getLocalDate(0) != null ? row.getLocalDate(0) : LocalDate.now();
                });
    }

    public Uni<AssessmentDistribution> distribution(String cycle, Segmentation seg) {
        SharingLevel audience = seg.area().audience();
        String[] sharing = Arrays.stream(SharingLevel.values()).filter(l -> l.reaches(audience)).map(Enum::name).toArray(String[]::new);
        List<Object> params = seg.newParams(cycle, sharing);
        StringBuilder where = new StringBuilder(" where a.cycle = $1 and a.status = 'SUBMITTED' and a.sharing = any($2::text[])");
        seg.appendTo(where, params, "a");
        String counts = "select q.key, q.value ->> 'component', (q.value ->> 'level')::int, count(*) "
                + "from assessment_record a, jsonb_each(a.answers) q" + where + " group by 1, 2, 3";
        String orgs = "select count(distinct a.ods_code) from assessment_record a" + where;
        Tuple tuple = Tuple.from(params);
        return Uni.combine().all().unis(pool.preparedQuery(counts).execute(tuple), pool.preparedQuery(orgs).execute(tuple))
                .asTuple().map(t -> build(cycle, seg, audience, t.getItem2().iterator().next().getLong(0), t.getItem1()));
    }

    private AssessmentDistribution build(String cycle, Segmentation seg, SharingLevel audience, long organisations, RowSet<Row> rows) {
        Map<String, Map<Integer, Long>> byQuestion = new TreeMap<>();
        Map<String, String> componentOf = new TreeMap<>();
        Map<String, Map<Integer, Long>> byComponent = new TreeMap<>();
        for (Row r : rows) {
            String component = r.getString(1) == null ? "unknown" : r.getString(1);
            byQuestion.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(r.getInteger(2), r.getLong(3), Long::sum);
            componentOf.put(r.getString(0), component);
            byComponent.computeIfAbsent(component, k -> new TreeMap<>()).merge(r.getInteger(2), r.getLong(3), Long::sum);
        }
        boolean suppress = seg.area().belowRegion() && organisations < disclosure.minSelfAssessmentOrganisations();
        String reason = "fewer than " + disclosure.minSelfAssessmentOrganisations() + " organisations share at this level";
        List<AssessmentDistribution.Item> components = new ArrayList<>();
        byComponent.forEach((c, counts) -> components.add(new AssessmentDistribution.Item(c, c, distribution(counts, suppress, reason))));
        List<AssessmentDistribution.Item> questions = new ArrayList<>();
        byQuestion.forEach((q, counts) -> questions.add(new AssessmentDistribution.Item(q, componentOf.get(q), distribution(counts, suppress, reason))));
        return new AssessmentDistribution(cycle, seg.area().code(), audience.name(), organisations, components, questions);
    }

    private static LevelDistribution distribution(Map<Integer, Long> counts, boolean suppress, String reason) {
        return suppress ? LevelDistribution.suppressed(counts.values().stream().mapToLong(Long::longValue).sum(), reason)
                : LevelDistribution.of(counts);
    }
}
