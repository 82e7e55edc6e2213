package uk.nhs.impact.reporting.survey;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.figures.DisclosureGuard;
import uk.nhs.impact.reporting.query.QueryFamily;
import uk.nhs.impact.reporting.query.Segmentation;

/**
 * A run's respondents as the disclosure guard weighs them: the respondents of one trust with the same attributes are one
 * contributor (a unit, with its oversight segments), weighed by its respondents, and per question by those of them who
 * answered it.
 *
 * @param units unit id → unit
 * @param respondents unit id → respondents
 * @param answered question code → unit id → respondents who answered it
 */
public record SurveyContributors(Map<String, QueryFamily.Unit> units, Map<String, Long> respondents, Map<String, Map<String, Long>> answered) {
    /** Option codes are short identifiers; other text answers are comments. */
    public static final String CODE = "^[A-Za-z0-9_.:-]{1,64}$";

    /**
     * Whether the answer {@code q.value} was given: not null, not an empty string, not a comment without text (SQL over
     * {@code jsonb_each(answers) q}).
     */
    public static final String ANSWERED = """
            jsonb_typeof(q.value) <> 'null' and not (jsonb_typeof(q.value) = 'string' and q.value #>> '{}' = '')
                and not (jsonb_typeof(q.value) = 'object' and coalesce(q.value ->> 'text', '') = '')""";

    /** The columns that make a unit, in the order {@link #unitId} reads them. */
    public static final String UNIT = "sr.ods_code, sr.trust_type, sr.icb_code, sr.region_code";

    /** Read through {@code db}, so that figures built beside it see the same responses; segments as at {@code asOf}. */
    public static Uni<SurveyContributors> read(SqlClient db, QueryFamily family, String runId, LocalDate asOf) {
        Uni<RowSet<Row>> respondents = db.preparedQuery("select " + UNIT + ", count(*) from survey_response sr where sr.run_id = $1 group by 1, 2, 3, 4")
                .execute(Tuple.of(runId));
        Uni<RowSet<Row>> answered = db.preparedQuery("select " + UNIT + ", q.key, count(*) from survey_response sr, jsonb_each(sr.answers) q "
                + "where sr.run_id = $1 and " + ANSWERED + " group by 1, 2, 3, 4, 5").execute(Tuple.of(runId));
        return Uni.combine().all().unis(respondents, answered, family.segmentsOn(db, asOf)).asTuple().map(t -> {
            SurveyContributors c = new SurveyContributors(new HashMap<>(), new HashMap<>(), new TreeMap<>());
            for (Row r : t.getItem1()) {
                c.units().put(unitId(r), new QueryFamily.Unit(r.getString(0), null, r.getString(1), r.getString(2), r.getString(3),
                        t.getItem3().getOrDefault(r.getString(0), Set.of())));
                c.respondents().put(unitId(r), r.getLong(4));
            }
            for (Row r : t.getItem2()) {
                c.answered().computeIfAbsent(r.getString(4), k -> new HashMap<>()).put(unitId(r), r.getLong(5));
            }
            return c;
        });
    }

    /** The unit id of a row whose first four columns are {@link #UNIT}. */
    public static String unitId(Row r) {
        return r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3);
    }

    /**
     * What the respondents the segmentation selects add up to: how many, from how many trusts, and per question how many
     * answered it (questions none of them answered left out).
     */
    public record Selected(long respondents, long trusts, Map<String, Long> answered) {
    }

    /** The respondents of the units the segmentation selects ({@link Segmentation#holds}), as its SQL would count them. */
    public Selected selectedBy(Segmentation seg) {
        Set<String> selected = new HashSet<>();
        Set<String> trusts = new HashSet<>();
        long respondents = 0;
        for (Map.Entry<String, QueryFamily.Unit> u : units.entrySet()) {
            if (seg.holds(u.getValue())) {
                selected.add(u.getKey());
                trusts.add(u.getValue().odsCode());
                respondents += this.respondents.getOrDefault(u.getKey(), 0L);
            }
        }
        Map<String, Long> answeredBy = new TreeMap<>();
        answered.forEach((question, byUnit) -> {
            long n = byUnit.entrySet().stream().filter(e -> selected.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
            if (n > 0) {
                answeredBy.put(question, n);
            }
        });
        return new Selected(respondents, trusts.size(), answeredBy);
    }

    /** Every cell of the survey view the viewer can ask for (its areas × trust type × segment), in the order they are decided. */
    public List<DisclosureGuard.Cell> cells(QueryFamily family, Viewer viewer, LocalDate asOf) {
        return family.cells(viewer, units, false, asOf);
    }
}
