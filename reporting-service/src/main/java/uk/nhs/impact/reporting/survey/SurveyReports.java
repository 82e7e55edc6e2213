package uk.nhs.impact.reporting.survey;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.impact.contracts.survey.RunChanged;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.figures.DisclosureConfig;
import uk.nhs.impact.reporting.figures.DisclosureGuard;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.query.QueryFamily;
import uk.nhs.impact.reporting.query.Segmentation;
import uk.nhs.impact.reporting.query.Snapshot;

/**
 * Survey figures from the stored responses. Option codes are short identifiers; other text answers are comments.
 * Respondents are never readable one by one here, so every figure passes the disclosure guard: the cells the viewer can
 * ask for (areas × trust type × segment) are published only while no group of fewer than 10 respondents can be told apart,
 * directly or by difference, neither among respondents nor among those who answered a question. A suppressed question
 * hides its options, how many answered it, and its free text.
 */
@ApplicationScoped
public class SurveyReports {
    @Inject
    Snapshot snapshot;
    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    DisclosureConfig disclosure;
    @Inject
    ReportAccessTable access;
    @Inject
    QueryFamily family;

    /** The run's reference date (today when not yet known) and the questions it asks (empty when its events do not say). */
    private record RunInfo(LocalDate referenceDate, List<RunChanged.Question> questions) {
    }

    private static Uni<RunInfo> run(SqlClient db, String runId) {
        return db.preparedQuery("""
                select (select reference_date from survey_run where run_id = $1),
                       exists(select 1 from survey_run where run_id = $1) or exists(select 1 from survey_response where run_id = $1),
                       (select questions::text from survey_run where run_id = $1)""")
                .execute(Tuple.of(runId)).map(rows -> {
                    Row row = rows.iterator().next();
                    if (!row.getBoolean(1)) {
                        throw ProblemException.notFound("Survey run " + runId);
                    }
                    LocalDate date = row.getLocalDate(0) != null ? row.getLocalDate(0) : LocalDate.now();
                    return new RunInfo(date, QuestionList.read(row.getString(2)));
                });
    }

    /**
     * The results in an area (default: the viewer's own), narrowed by the optional filters. Every count comes from one
     * snapshot of the responses, so responses arriving meanwhile cannot make one count exceed another it is a share of.
     *
     * @param combine question code → option codes whose counts are added, e.g. {@code Q2_trust_alignment → [fully, mostly]}
     */
    public Uni<SurveyResults> results(Viewer viewer, String runId, String area, String trustType, String segment,
            Map<String, List<String>> combine) {
        return snapshot.read(db -> run(db, runId).chain(run -> {
            LocalDate date = run.referenceDate();
            Segmentation seg = new Segmentation(access.area(viewer, area, date), null, trustType, segment, date);
            seg.appendTo(new StringBuilder(), new ArrayList<>(), "sr");
            return SurveyContributors.read(db, family, runId, seg.asOf())
                    .chain(c -> results(db, runId, seg, combine, c, suppressed(c, viewer, seg), run.questions()));
        }));
    }

    /**
     * Per question, why the cell asked for is suppressed (no entry: published). Each trust's respondents are one contributor.
     * Two families of linked cells must both keep every atom at k or more: weighted by respondents (how many answered a
     * question is theirs to keep: answered counts sum over all respondents), and, per question, weighted by those who
     * answered it (option counts and free text sum over them alone).
     */
    private Suppression suppressed(SurveyContributors c, Viewer viewer, Segmentation seg) {
        int k = disclosure.minSurveyRespondents();
        List<DisclosureGuard.Cell> cells = c.cells(family, viewer, seg.asOf());
        String key = seg.cellKey(false);
        String cell = DisclosureGuard.plan(cells, c.respondents(), k).reason(key, "respondents");
        Map<String, String> reasons = new HashMap<>();
        c.answered().forEach((question, weight) -> {
            String reason = cell != null ? cell : DisclosureGuard.plan(cells, weight, k).reason(key, "respondents who answered");
            if (reason != null) {
                reasons.put(question, reason);
            }
        });
        return new Suppression(cell, reasons);
    }

    /**
     * Why figures of the cell asked for are withheld: {@code cell} for the whole cell, {@code byQuestion} per question
     * answered anywhere. A question nobody answered anywhere shares the cell's fate.
     */
    private record Suppression(String cell, Map<String, String> byQuestion) {
        String reason(String question) {
            return byQuestion.getOrDefault(question, cell);
        }
    }

    /**
     * The option counts are read here; how many responded, from how many trusts, and how many answered each question are
     * added up from the contributors (read in the same snapshot) that the segmentation selects.
     *
     * @param combine question code → option codes whose counts are added, e.g. {@code Q2_trust_alignment → [fully, mostly]}
     */
    private Uni<SurveyResults> results(SqlClient db, String runId, Segmentation seg, Map<String, List<String>> combine,
            SurveyContributors contributors, Suppression suppressed, List<RunChanged.Question> asked) {
        List<Object> params = seg.newParams(runId);
        StringBuilder where = new StringBuilder(" where sr.run_id = $1");
        seg.appendTo(where, params, "sr");
        String options = """
                select q.key, jsonb_typeof(q.value), o.opt, count(*)
                from survey_response sr, jsonb_each(sr.answers) q,
                     lateral (select jsonb_array_elements_text(q.value) as opt where jsonb_typeof(q.value) = 'array'
                              union all select q.value #>> '{}' where jsonb_typeof(q.value) in ('string', 'number', 'boolean')
                              union all select q.value ->> 'text' where jsonb_typeof(q.value) = 'object') o""" + where + " group by 1, 2, 3";
        SurveyContributors.Selected selected = contributors.selectedBy(seg);
        return db.preparedQuery(options).execute(Tuple.from(params)).map(rows -> {
            Map<String, Long> answeredBy = selected.answered();
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            Map<String, String> kinds = new TreeMap<>();
            Map<String, List<String>> comments = new TreeMap<>();
            for (Row r : rows) {
                String q = r.getString(0);
                String value = r.getString(2);
                boolean multi = "array".equals(r.getString(1));
                boolean text = "object".equals(r.getString(1));
                if (value == null) {
                    continue;
                }
                if (text || !multi && !value.matches(SurveyContributors.CODE)) {
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
            QuestionList.addUnanswered(asked, counts, kinds);
            return build(runId, seg, selected.respondents(), selected.trusts(), answeredBy, counts, kinds, comments, combine, suppressed);
        });
    }

    private SurveyResults build(String runId, Segmentation seg, long respondents, long trusts, Map<String, Long> answered,
            Map<String, Map<String, Long>> counts, Map<String, String> kinds, Map<String, List<String>> comments,
            Map<String, List<String>> combine, Suppression suppressed) {
        List<SurveyResults.Question> questions = new ArrayList<>();
        for (String q : kinds.keySet()) {
            long n = answered.getOrDefault(q, 0L);
            List<SurveyResults.Option> options = new ArrayList<>();
            String reason = suppressed.reason(q);
            counts.getOrDefault(q, Map.of()).forEach((opt, c) -> options.add(new SurveyResults.Option(opt, figure(c, n, reason))));
            List<SurveyResults.Option> combined = new ArrayList<>();
            if (combine.containsKey(q)) {
                long sum = combine.get(q).stream().mapToLong(o -> counts.getOrDefault(q, Map.of()).getOrDefault(o, 0L)).sum();
                combined.add(new SurveyResults.Option(String.join("_or_", combine.get(q)), figure(sum, n, reason)));
            }
            // Free text only where the question's figures are published: a group of at least 10 respondents that no
            // difference can narrow.
            List<String> text = reason == null ? comments.getOrDefault(q, List.of()) : List.of();
            Figure answeredFigure = reason == null ? Figure.of(n, respondents) : Figure.suppressed(null, reason);
            questions.add(new SurveyResults.Question(q, kinds.get(q), answeredFigure, options, combined, text));
        }
        long trustsInArea = trustsIn(seg);
        Figure coverage = trustsInArea == 0 ? Figure.of(0, 0) : Figure.of(Math.min(trusts, trustsInArea), trustsInArea);
        return new SurveyResults(runId, seg.area().code(), seg.asOf(), "respondents",
                new SurveyResults.Meta(respondents, trusts, coverage), questions);
    }

    private static Figure figure(long count, long denominator, String reason) {
        return reason != null ? Figure.suppressed(null, reason) : Figure.of(count, denominator);
    }

    private long trustsIn(Segmentation seg) {
        return switch (seg.area().level()) {
            case NATIONAL -> hierarchy.all(OrgLevel.TRUST, seg.asOf()).size();
            case REGION -> hierarchy.trustsOfRegion(seg.area().code(), seg.asOf()).size();
            case ICB -> hierarchy.trustsOfIcb(seg.area().code(), seg.asOf()).size();
            case TRUST -> 1;
            case DIRECTORATE -> 0;
        };
    }
}
