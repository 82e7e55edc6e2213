package uk.nhs.impact.reporting.survey;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.reporting.figures.DisclosureConfig;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.query.Segmentation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Survey figures from the stored responses. Option codes are short identifiers; other text answers are comments. */
@ApplicationScoped
public class SurveyReports {
    private static final String CODE = "^[A-Za-z0-9_.:-]{1,64}$";

    private final Pool pool;
    private final OrganisationHierarchy hierarchy;
    private final DisclosureConfig disclosure;

    public SurveyReports(Pool pool, OrganisationHierarchy hierarchy, DisclosureConfig disclosure) {
        this.pool = pool;
        this.hierarchy = hierarchy;
        this.disclosure = disclosure;
    }

    public Uni<LocalDate> referenceDate(String runId) {
        return pool.preparedQuery("""
                        select (select reference_date from survey_run where run_id = $1),
                               exists(select 1 from survey_run where run_id = $1) or exists(select 1 from survey_response where run_id = $1)""")
                .execute(Tuple.of(runId)).map(rows -> {
                    Row row = rows.iterator().next();
                    if (!row.getBoolean(1)) {
                        throw ProblemException.notFound("Survey run " + runId);
                    }
                    return row.getLocalDate(0) != null ? row.getLocalDate(0) : LocalDate.now();
                });
    }

    /**
     * @param combine question code → option codes whose counts are added, e.g. {@code Q2_trust_alignment → [fully, mostly]}
     */
    public Uni<SurveyResults> results(String runId, Segmentation seg, Map<String, List<String>> combine) {
        List<Object> params = seg.newParams(runId);
        StringBuilder where = new StringBuilder(" where sr.run_id = $1");
        seg.appendTo(where, params, "sr");
        String base = "with r as (select sr.respondent_id, sr.ods_code, sr.answers from survey_response sr" + where + ") ";
        String options = base + """
                select q.key, jsonb_typeof(q.value), o.opt, count(*)
                from r, jsonb_each(r.answers) q,
                     lateral (select jsonb_array_elements_text(q.value) as opt where jsonb_typeof(q.value) = 'array'
                              union all select q.value #>> '{}' where jsonb_typeof(q.value) in ('string', 'number', 'boolean')
                              union all select q.value ->> 'text' where jsonb_typeof(q.value) = 'object') o
                group by 1, 2, 3""";
        String answered = base + """
                select q.key, count(*) from r, jsonb_each(r.answers) q
                where jsonb_typeof(q.value) <> 'null' and not (jsonb_typeof(q.value) = 'string' and q.value #>> '{}' = '')
                    and not (jsonb_typeof(q.value) = 'object' and coalesce(q.value ->> 'text', '') = '')
                group by 1""";
        String meta = base + "select count(*), count(distinct ods_code) from r";
        Tuple tuple = Tuple.from(params);
        return Uni.combine().all().unis(pool.preparedQuery(options).execute(tuple), pool.preparedQuery(answered).execute(tuple),
                pool.preparedQuery(meta).execute(tuple)).asTuple().map(t -> {
                    Map<String, Long> answeredBy = new TreeMap<>();
                    t.getItem2().forEach(r -> answeredBy.put(r.getString(0), r.getLong(1)));
                    Map<String, Map<String, Long>> counts = new TreeMap<>();
                    Map<String, String> kinds = new TreeMap<>();
                    Map<String, List<String>> comments = new TreeMap<>();
                    for (Row r : t.getItem1()) {
                        String q = r.getString(0);
                        String value = r.getString(2);
                        boolean multi = "array".equals(r.getString(1));
                        boolean text = "object".equals(r.getString(1));
                        if (value == null) {
                            continue;
                        }
                        if (text || !multi && !value.matches(CODE)) {
                            List<String> texts = comments.computeIfAbsent(q, k -> new ArrayList<>());
                            for (long c = 0; c < r.getLong(3); c++) {
                                texts.add(value);
                            }
                            kinds.putIfAbsent(q, "free_text");
                            continue;
                        }
                        kinds.put(q, multi ? "multi_choice" : "single_choice");
                        counts.computeIfAbsent(q, k -> new TreeMap<>()).merge(value, r.getLong(3), Long::sum);
                    }
                    Row m = t.getItem3().iterator().next();
                    return build(runId, seg, m.getLong(0), m.getLong(1), answeredBy, counts, kinds, comments, combine);
                });
    }

    private SurveyResults build(String runId, Segmentation seg, long respondents, long trusts, Map<String, Long> answered,
                                Map<String, Map<String, Long>> counts, Map<String, String> kinds, Map<String, List<String>> comments,
                                Map<String, List<String>> combine) {
        boolean national = seg.area().isNational();
        List<SurveyResults.Question> questions = new ArrayList<>();
        for (String q : kinds.keySet()) {
            long n = answered.getOrDefault(q, 0L);
            List<SurveyResults.Option> options = new ArrayList<>();
            counts.getOrDefault(q, Map.of()).forEach((opt, c) -> options.add(new SurveyResults.Option(opt, figure(c, n, national))));
            List<SurveyResults.Option> combined = new ArrayList<>();
            if (combine.containsKey(q)) {
                long sum = combine.get(q).stream().mapToLong(o -> counts.getOrDefault(q, Map.of()).getOrDefault(o, 0L)).sum();
                combined.add(new SurveyResults.Option(String.join("_or_", combine.get(q)), figure(sum, n, national)));
            }
            // Free text never appears below national.
            List<String> text = national ? comments.getOrDefault(q, List.of()) : List.of();
            questions.add(new SurveyResults.Question(q, kinds.get(q), Figure.of(n, respondents), options, combined, text));
        }
        long trustsInArea = trustsIn(seg);
        Figure coverage = trustsInArea == 0 ? Figure.of(0, 0) : Figure.of(Math.min(trusts, trustsInArea), trustsInArea);
        return new SurveyResults(runId, seg.area().code(), seg.asOf(), "respondents",
                new SurveyResults.Meta(respondents, trusts, coverage), questions);
    }

    private Figure figure(long count, long denominator, boolean national) {
        if (!national && denominator < disclosure.minSurveyRespondents()) {
            return Figure.suppressed(denominator, "fewer than " + disclosure.minSurveyRespondents() + " respondents below national level");
        }
        return Figure.of(count, denominator);
    }

    private long trustsIn(Segmentation seg) {
        return switch (seg.area().level()) {
            case NATIONAL, DIRECTORATE -> hierarchy.all(OrgLevel.TRUST, seg.asOf()).size();
            case REGION -> hierarchy.trustsOfRegion(seg.area().code(), seg.asOf()).size();
            case ICB -> hierarchy.trustsOfIcb(seg.area().code(), seg.asOf()).size();
            case TRUST -> 1;
        };
    }
}
