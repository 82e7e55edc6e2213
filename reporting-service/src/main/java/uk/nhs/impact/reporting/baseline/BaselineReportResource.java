package uk.nhs.impact.reporting.baseline;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.Params;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.completeness.Completeness;
import uk.nhs.impact.reporting.completeness.CompletenessCalculator;
import uk.nhs.impact.reporting.csv.CsvResponseDocs;
import uk.nhs.impact.reporting.csv.CsvWriter;
import uk.nhs.impact.reporting.query.Segmentation;

@Path("/api/v1/reports/baseline/{collectionId}")
@Tag(name = "Baseline reports", description = "Baseline for improvement results and completeness, built from the returns' events")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
public class BaselineReportResource {
    private final BaselineReports reports;
    private final ReportAccessTable access;
    private final OrgScope scope;
    private final CompletenessCalculator completeness;

    public BaselineReportResource(BaselineReports reports, ReportAccessTable access, OrgScope scope, OrganisationHierarchy hierarchy) {
        this.reports = reports;
        this.access = access;
        this.scope = scope;
        this.completeness = new CompletenessCalculator(hierarchy);
    }

    @GET
    @Path("headline")
    @Operation(summary = "% yes per headline domain per organisation type (seed 002's table), and methods cited, ranked", description = "Each figure carries numerator, denominator and percentage rounded half up from the counts. "
            + "Counts of organisations are never suppressed. `area` defaults to the caller's own area.")
    @APIResponse(responseCode = "200", description = "The table (JSON, or CSV with Accept: text/csv)", extensions = @Extension(name = CsvResponseDocs.EXTENSION, value = "true"), content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.HEADLINE)))
    @APIResponse(responseCode = "400", description = "A segmentation parameter is not valid")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No such collection, or an area the caller may not see")
    public Uni<BaselineHeadline> headline(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("collectionId") String collectionId,
            @Parameter(description = "X24, a region (Y56…), an ICB (Q…) or a provider ODS code") @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area,
            @Parameter(description = "trust, icb, region, directorate") @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("orgType") String orgType,
            @Parameter(description = "acute, mental_health, community, ambulance, specialist") @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("trustType") String trustType,
            @Parameter(description = "framework:segment at the reference date, e.g. nof-2022-23:3") @Pattern(regexp = Params.SEGMENT) @Size(max = Params.SEGMENT_MAX) @QueryParam("segment") String segment) {
        Viewer viewer = access.viewerOf(scope);
        return reports.headline(collectionId, date -> new Segmentation(access.area(viewer, area, date), orgType, trustType, segment, date));
    }

    @GET
    @Path("completeness")
    @Operation(summary = "Who has and has not submitted, per organisation type, ICB and region, naming the non-submitters, with each return's ICB review state", description = "Expected organisations are those in the area on the collection's reference date. "
            + "Each submitted return has its `reviewState`: `AWAITING_REVIEW` (no ICB review since its latest submission; a resubmission after a return awaits review again), "
            + "`ACCEPTED` or `RETURNED` (returned with comments for revision). `total` and every line count the returns in each state "
            + "(`awaitingReview`, `accepted`, `returned`: numerator of the submitted returns in the group). Review comments are not part of any report. "
            + "Counts of organisations are never suppressed.")
    @APIResponse(responseCode = "200", description = "Completeness (JSON, or CSV with Accept: text/csv)", extensions = @Extension(name = CsvResponseDocs.EXTENSION, value = "true"), content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.COMPLETENESS)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No such collection, or an area the caller may not see")
    public Uni<Completeness> completeness(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("collectionId") String collectionId,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area) {
        Viewer viewer = access.viewerOf(scope);
        return reports.submissions(collectionId).map(s -> completeness.calculate(collectionId,
                access.area(viewer, area, s.referenceDate()), s.referenceDate(), s.reviewStates()));
    }
}
