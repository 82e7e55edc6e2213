package uk.nhs.impact.reporting.assessment;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
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
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.Params;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.csv.CsvResponseDocs;
import uk.nhs.impact.reporting.csv.CsvWriter;

@Path("/api/v1/reports/self-assessment/{cycle}")
@Tag(name = "Self-assessment reports", description = "Maturity levels across the self-assessments organisations chose to share")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
public class AssessmentReportResource {
    @Inject
    AssessmentReports reports;
    @Inject
    PositionReports positions;
    @Inject
    ReportAccessTable access;
    @Inject
    OrgScope scope;

    @GET
    @Path("position/{odsCode}")
    @Operation(summary = "An organisation's own levels against the distribution of its peers' levels", description = "Peers: trust_type (same trust type, nationally), icb (same ICB) or region (same region). The organisation "
            + "itself sees its own position; its ICB overseers, region analysts and national analysts only as far as it shared "
            + "its assessment with them. Peers count as for every figure the caller reads: those it may read one by one, and "
            + "those shared nationally. The peer side is suppressed when fewer than 3 of the peers are ones the caller may not "
            + "read one by one, or when it would let such a group be found by difference with the caller's other figures.")
    @APIResponse(responseCode = "200", description = "Position (JSON, or CSV with Accept: text/csv)", extensions = @Extension(name = CsvResponseDocs.EXTENSION, value = "true"), content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.POSITION)))
    @APIResponse(responseCode = "400", description = "Unknown peer group")
    @APIResponse(responseCode = "404", description = "No submitted assessment, or not visible to the caller")
    public Uni<ProviderPosition> position(@Pattern(regexp = Params.CYCLE) @Size(max = Params.CYCLE_MAX) @PathParam("cycle") String cycle,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @PathParam("odsCode") String odsCode,
            @Parameter(description = "trust_type (default), icb or region") @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("peers") String peers) {
        return positions.position(access.viewerOf(scope), cycle, odsCode, peers);
    }

    @GET
    @Path("distribution")
    @Operation(summary = "Distribution of maturity levels per component and per question, with the median level", description = "For analysts and oversight roles (areas as report-access.csv allows) and an organisation's own provider "
            + "view. The caller's tier decides which submitted assessments count, whatever area or filter is asked: ICB "
            + "oversight, those shared with the ICB or wider; region analysts, region or wider; national analysts, national "
            + "(`sharedAtLeast`). Detail is suppressed, at every level and with every filter, when fewer than 3 contributors "
            + "are ones the caller may not read one by one, or when it would let such a group be found by difference with "
            + "the caller's other figures; the number of organisations is always shown.")
    @APIResponse(responseCode = "200", description = "Distribution (JSON, or CSV with Accept: text/csv)", extensions = @Extension(name = CsvResponseDocs.EXTENSION, value = "true"), content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.DISTRIBUTION)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No such cycle, or an area the caller may not see")
    public Uni<AssessmentDistribution> distribution(@Pattern(regexp = Params.CYCLE) @Size(max = Params.CYCLE_MAX) @PathParam("cycle") String cycle,
            @Parameter(description = "X24, a region, an ICB or a provider") @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area,
            @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("orgType") String orgType,
            @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("trustType") String trustType,
            @Pattern(regexp = Params.SEGMENT) @Size(max = Params.SEGMENT_MAX) @QueryParam("segment") String segment) {
        return reports.distribution(access.viewerOf(scope), cycle, area, orgType, trustType, segment);
    }
}
