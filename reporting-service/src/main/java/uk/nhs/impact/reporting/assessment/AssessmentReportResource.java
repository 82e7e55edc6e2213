package uk.nhs.impact.reporting.assessment;

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
    private final ReportAccess access;

    public AssessmentReportResource(AssessmentReports reports, ReportAccess access) {
        this.reports = reports;
        this.access = access;
    }

    @GET
    @Path("distribution")
    @Operation(summary = "Distribution of maturity levels per component and per question, with the median level",
            description = "Counts only submitted assessments shared at least with the view's level (ICB views: shared with the "
                    + "ICB or wider; region views: region or national; national: national). Below region, detail is suppressed "
                    + "when fewer than 3 organisations contribute; the number of organisations is always shown.")
    @APIResponse(responseCode = "200", description = "Distribution (JSON, or CSV with Accept: text/csv)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No such cycle, or an area the caller may not see")
    public Uni<AssessmentDistribution> distribution(@PathParam("cycle") String cycle,
                                                    @Parameter(description = "X24, a region, an ICB or a provider") @QueryParam("area") String area,
                                                    @QueryParam("orgType") String orgType, @QueryParam("trustType") String trustType,
                                                    @QueryParam("segment") String segment) {
        return reports.referenceDate(cycle).chain(date ->
                reports.distribution(cycle, new Segmentation(access.require(area, date), orgType, trustType, segment, date)));
    }
}
