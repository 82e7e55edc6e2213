package uk.nhs.impact.reporting.trend;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import uk.nhs.impact.platform.web.Params;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.assessment.AssessmentDisclosure;
import uk.nhs.impact.reporting.assessment.LevelDistribution;
import uk.nhs.impact.reporting.csv.CsvWriter;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.query.Segmentation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

@Path("/api/v1/reports/trends")
@Tag(name = "Trends", description = "The same measure across collections and cycles")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
public class TrendResource {
    private final Pool pool;
    private final ReportAccessTable access;
    private final AssessmentDisclosure disclosure;
    private final OrgScope scope;

    public TrendResource(Pool pool, ReportAccessTable access, AssessmentDisclosure disclosure, OrgScope scope) {
        this.pool = pool;
        this.access = access;
        this.disclosure = disclosure;
        this.scope = scope;
    }

    @GET
    @Path("baseline")
    @Operation(summary = "% yes to one baseline question for one organisation type, per collection (oldest first)")
    @APIResponse(responseCode = "200", description = "The trend (JSON, or CSV with Accept: text/csv)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.TREND)))
    @APIResponse(responseCode = "400", description = "question or orgType missing")
    @APIResponse(responseCode = "404", description = "An area the caller may not see")
    public Uni<Trend> baseline(@Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @QueryParam("question") String question, @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("orgType") String orgType,
                               @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area, @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("trustType") String trustType) {
        require("question", question);
        require("orgType", orgType);
        Segmentation seg = new Segmentation(access.area(access.viewerOf(scope), area, LocalDate.now()), orgType, trustType, null, LocalDate.now());
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

    @GET
    @Path("self-assessment")
    @Operation(summary = "Median maturity level of one component across cycles, from the assessments that count for the caller",
            description = "The caller's tier decides which assessments count, as in the distribution; a cycle whose figure the "
                    + "disclosure guard suppresses shows only the number of organisations.")
    @APIResponse(responseCode = "200", description = "The trend (JSON, or CSV with Accept: text/csv)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.TREND)))
    @APIResponse(responseCode = "404", description = "An area the caller may not see")
    public Uni<Trend> selfAssessment(@Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @QueryParam("component") String component, @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area) {
        require("component", component);
        Viewer viewer = access.viewerOf(scope);
        ReportAccessTable.Area a = access.area(viewer, area, LocalDate.now());
        return pool.preparedQuery("""
                        select cycle, max(reference_date) from assessment_record where status = 'SUBMITTED'
                        group by cycle order by max(reference_date), cycle""").execute().chain(rows -> {
            List<Uni<Trend.Point>> points = new ArrayList<>();
            for (Row r : rows) {
                LocalDate date = r.getLocalDate(1) == null ? LocalDate.now() : r.getLocalDate(1);
                points.add(point(viewer, component, new Segmentation(a, null, null, null, date), r.getString(0)));
            }
            Uni<List<Trend.Point>> all = points.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(points).andFailFast();
            return all.map(list -> new Trend("self-assessment:" + component, a.code(),
                    list.stream().filter(java.util.Objects::nonNull).toList()));
        });
    }

    /** One cycle's median level of the component in the area, or only the count of organisations where the guard says so. */
    private Uni<Trend.Point> point(Viewer viewer, String component, Segmentation seg, String cycle) {
        return disclosure.of(viewer, cycle, seg.asOf()).chain(c -> {
            List<Object> params = seg.newParams(component, cycle, c.countedArray());
            StringBuilder sql = new StringBuilder("""
                    select (q.value ->> 'level')::int, a.ods_code from assessment_record a, jsonb_each(a.answers) q
                    where q.value ->> 'component' = $1 and a.cycle = $2 and a.status = 'SUBMITTED' and a.ods_code = any($3::text[])""");
            seg.appendTo(sql, params, "a");
            boolean hide = c.plan().reason(seg.cellKey(true), "organisations") != null;
            return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
                Map<Integer, Long> levels = new TreeMap<>();
                Set<String> orgs = new HashSet<>();
                for (Row r : rows) {
                    levels.merge(r.getInteger(0), 1L, Long::sum);
                    orgs.add(r.getString(1));
                }
                return orgs.isEmpty() ? null
                        : new Trend.Point(cycle, seg.asOf(), null, hide ? null : LevelDistribution.of(levels).median(), (long) orgs.size());
            });
        });
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.validation(name, "is required");
        }
    }
}
