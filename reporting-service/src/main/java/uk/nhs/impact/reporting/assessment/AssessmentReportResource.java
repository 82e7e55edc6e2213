package uk.nhs.impact.reporting.assessment;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import uk.nhs.impact.platform.web.Params;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.security.SharingLevel;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.reporting.access.ReportAccess;
import uk.nhs.impact.reporting.csv.CsvWriter;
import uk.nhs.impact.reporting.query.Segmentation;

@Path("/api/v1/reports/self-assessment/{cycle}")
@Tag(name = "Self-assessment reports", description = "Maturity levels across the self-assessments organisations chose to share")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
public class AssessmentReportResource {
    private final AssessmentReports reports;
    private final PositionReports positions;
    private final ReportAccess access;
    private final OrgScope scope;

    public AssessmentReportResource(AssessmentReports reports, PositionReports positions, ReportAccess access, OrgScope scope) {
        this.reports = reports;
        this.positions = positions;
        this.access = access;
        this.scope = scope;
    }

    @GET
    @Path("position/{odsCode}")
    @Operation(summary = "An organisation's own levels against the distribution of its peers' levels",
            description = "Peers: trust_type (same trust type, nationally; peers count when shared nationally), icb (same ICB; shared "
                    + "with the ICB or wider) or region (same region; shared with the region or wider). The organisation always sees its "
                    + "own position; its ICB, region and national analysts only as far as it shared its assessment with them. With fewer "
                    + "than 3 sharing peers the peer side is suppressed and only the number of peers is shown.")
    @APIResponse(responseCode = "200", description = "Position (JSON, or CSV with Accept: text/csv)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.POSITION)))
    @APIResponse(responseCode = "400", description = "Unknown peer group")
    @APIResponse(responseCode = "404", description = "No submitted assessment, or not visible to the caller")
    public Uni<ProviderPosition> position(@Pattern(regexp = Params.CYCLE) @Size(max = Params.CYCLE_MAX) @PathParam("cycle") String cycle, @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @PathParam("odsCode") String odsCode,
                                          @Parameter(description = "trust_type (default), icb or region") @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("peers") String peers) {
        PositionReports.PeerGroup group = PositionReports.PeerGroup.parse(peers);
        String ods = odsCode.toUpperCase(java.util.Locale.ROOT);
        return reports.referenceDate(cycle).chain(date -> positions.own(cycle, ods).chain(own -> {
            boolean itself = scope.isOwn(ods) && (scope.has(Roles.VIEWER) || scope.has(Roles.SUBMITTER));
            if (!itself && !scope.mayRead(ods, SharingLevel.valueOf(own.sharing()), date)) {
                throw ProblemException.notFound("A submitted self-assessment of " + ods + " in cycle " + cycle);
            }
            return positions.position(cycle, own, group);
        }));
    }

    @GET
    @Path("distribution")
    @Operation(summary = "Distribution of maturity levels per component and per question, with the median level",
            description = "Counts only submitted assessments shared at least with the view's level (ICB views: shared with the "
                    + "ICB or wider; region views: region or national; national: national). Below region, detail is suppressed "
                    + "when fewer than 3 organisations contribute; the number of organisations is always shown.")
    @APIResponse(responseCode = "200", description = "Distribution (JSON, or CSV with Accept: text/csv)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.DISTRIBUTION)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No such cycle, or an area the caller may not see")
    public Uni<AssessmentDistribution> distribution(@Pattern(regexp = Params.CYCLE) @Size(max = Params.CYCLE_MAX) @PathParam("cycle") String cycle,
                                                    @Parameter(description = "X24, a region, an ICB or a provider") @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area,
                                                    @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("orgType") String orgType, @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("trustType") String trustType,
                                                    @Pattern(regexp = Params.SEGMENT) @Size(max = Params.SEGMENT_MAX) @QueryParam("segment") String segment) {
        return reports.referenceDate(cycle).chain(date ->
                reports.distribution(cycle, new Segmentation(access.require(area, date), orgType, trustType, segment, date)));
    }
}
