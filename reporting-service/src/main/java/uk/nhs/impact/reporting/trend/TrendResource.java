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
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.access.ReportAccess;
import uk.nhs.impact.reporting.assessment.LevelDistribution;
import uk.nhs.impact.reporting.csv.CsvWriter;
import uk.nhs.impact.reporting.figures.DisclosureConfig;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.query.Segmentation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Path("/api/v1/reports/trends")
@Tag(name = "Trends", description = "The same measure across collections and cycles")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
public class TrendResource {
    private final Pool pool;
    private final ReportAccess access;
    private final DisclosureConfig disclosure;

    public TrendResource(Pool pool, ReportAccess access, DisclosureConfig disclosure) {
        this.pool = pool;
        this.access = access;
        this.disclosure = disclosure;
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
        Segmentation seg = new Segmentation(access.require(area, LocalDate.now()), orgType, trustType, null, LocalDate.now());
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
    @Operation(summary = "Median maturity level of one component across cycles, from assessments shared at the view's level",
            description = "Below region, a cycle with fewer than 3 contributing organisations shows only the count.")
    @APIResponse(responseCode = "200", description = "The trend (JSON, or CSV with Accept: text/csv)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.TREND)))
    @APIResponse(responseCode = "404", description = "An area the caller may not see")
    public Uni<Trend> selfAssessment(@Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @QueryParam("component") String component, @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area) {
        require("component", component);
        Segmentation seg = new Segmentation(access.require(area, LocalDate.now()), null, null, null, LocalDate.now());
        SharingLevel audience = seg.area().audience();
        String[] sharing = Arrays.stream(SharingLevel.values()).filter(l -> l.reaches(audience)).map(Enum::name).toArray(String[]::new);
        List<Object> params = seg.newParams(component, sharing);
        StringBuilder sql = new StringBuilder("""
                select a.cycle, max(a.reference_date) over (partition by a.cycle), (q.value ->> 'level')::int, a.ods_code
                from assessment_record a, jsonb_each(a.answers) q
                where q.value ->> 'component' = $1 and a.status = 'SUBMITTED' and a.sharing = any($2::text[])""");
        seg.appendTo(sql, params, "a");
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            Map<String, Map<Integer, Long>> levels = new TreeMap<>();
            Map<String, java.util.Set<String>> orgs = new LinkedHashMap<>();
            Map<String, LocalDate> dates = new TreeMap<>();
            for (Row r : rows) {
                levels.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(r.getInteger(2), 1L, Long::sum);
                orgs.computeIfAbsent(r.getString(0), k -> new java.util.HashSet<>()).add(r.getString(3));
                dates.put(r.getString(0), r.getLocalDate(1));
            }
            List<Trend.Point> points = new ArrayList<>();
            levels.forEach((cycle, counts) -> {
                long n = orgs.get(cycle).size();
                boolean hide = seg.area().belowRegion() && n < disclosure.minSelfAssessmentOrganisations();
                points.add(new Trend.Point(cycle, dates.get(cycle), null, hide ? null : LevelDistribution.of(counts).median(), n));
            });
            return new Trend("self-assessment:" + component, seg.area().code(), points);
        });
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.validation(name, "is required");
        }
    }
}
