package uk.nhs.impact.reporting.profile;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.Params;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.csv.CsvResponseDocs;
import uk.nhs.impact.reporting.csv.CsvWriter;

@Path("/api/v1/reports/organisations/{odsCode}/profile")
@Tag(name = "Organisation profile", description = "What one organisation filed for a cycle, beside its peers and the cycle before")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
public class ProfileResource {
    static final String DESCRIPTION = """
            One organisation's baseline answers, self-assessment and survey results for a cycle and the cycle before, each \
            beside the same kind of organisation (a trust's trust type, else its organisation type) in its region and \
            nationally; the organisation itself is one of its peers. Every figure carries numerator, denominator and \
            percentage.

            **Cycle**: an NHS financial year, `2023-24` (1 April 2023 to 31 March 2024), the name self-assessment cycles \
            are filed under. The self-assessment is the one filed for that cycle; the baseline collection and the survey run \
            are those whose reference date falls within the year (the latest, when there are several). `previous` sections \
            are the year before, under the same rules.

            **Who**: the organisation's own viewers and submitters (a trust), its ICB's overseers, its region's analysts, \
            national analysts (report-access.csv); anyone else, and unknown codes, 404.

            **Self-assessment**: only what reporting holds (shared assessments, at their current level). The organisation's \
            own levels are shown where the caller may read them one by one (its own people; ICB overseers when shared with \
            the ICB or wider; region analysts, region or wider; national analysts, national); otherwise the section is \
            `NOT_AVAILABLE`, the same whether or not one exists. Peers count by the caller's tier, as in every \
            self-assessment view.

            **Disclosure**: peer figures pass the one disclosure guard with every other figure the caller can ask for: \
            suppressed when they rest on 1 to 2 organisations (self-assessments, and baseline returns the caller may not \
            read one by one) or 1 to 9 respondents it may not read one by one, or when they would let such a group be found \
            by difference with its other figures (the organisation's own figure, other peer groups, the other views). The \
            survey's own figures are suppressed exactly as the survey view of the trust is; free text only there, where the \
            question's figures are shown. Counts of contributors are always shown.""";

    @Inject
    ProfileReports profiles;
    @Inject
    ReportAccessTable access;
    @Inject
    OrgScope scope;

    @GET
    @Operation(summary = "One organisation's returns for a cycle, beside its peers and the previous cycle", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The profile (JSON, or CSV with Accept: text/csv: one row per figure, cells neutralised)", extensions = @Extension(name = CsvResponseDocs.EXTENSION, value = "true"), content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "example", value = ProfileExample.JSON)))
    @APIResponse(responseCode = "400", description = "cycle missing or not a financial year such as 2023-24")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No such organisation, or one whose profile the caller may not read")
    public Uni<OrganisationProfile> profile(@Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @PathParam("odsCode") String odsCode,
            @Parameter(description = "A financial year, e.g. 2023-24", required = true) @Size(max = Params.CYCLE_MAX) @Pattern(regexp = "\\d{4}-\\d{2}", message = "must be a financial year such as 2023-24") @QueryParam("cycle") String cycle) {
        return profiles.profile(access.viewerOf(scope), odsCode, cycle);
    }
}
