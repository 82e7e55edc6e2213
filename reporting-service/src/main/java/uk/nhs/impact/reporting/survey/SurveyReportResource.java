package uk.nhs.impact.reporting.survey;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.Params;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.csv.CsvResponseDocs;
import uk.nhs.impact.reporting.csv.CsvWriter;

@Path("/api/v1/reports/survey/{runId}")
@Tag(name = "Survey reports", description = "Improvement survey results, as shares of respondents")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
public class SurveyReportResource {
    @Inject
    SurveyReports reports;
    @Inject
    ReportAccessTable access;
    @Inject
    OrgScope scope;

    @GET
    @Path("results")
    @Operation(summary = "Per question, the share of respondents per option; respondents, trusts and coverage", description = "Respondent-weighted, as published: several respondents may answer for one trust. Denominators are "
            + "those who answered the question (item non-response). Multi-choice shares sum past 100. Combined categories "
            + "(`combine=Q2_trust_alignment:fully+mostly`) are computed from counts, never by adding rounded parts. "
            + "For analysts and oversight roles (areas as report-access.csv allows) and a trust's own provider view. At every "
            + "level and with every filter, a question's figures are suppressed when fewer than 10 respondents answered it, "
            + "or when they would let such a group be found by difference with the caller's other figures (totals, sibling "
            + "segments, areas within areas); free text is shown only where the question's figures are.")
    @APIResponse(responseCode = "200", description = "Results (JSON, or CSV with Accept: text/csv)", extensions = @Extension(name = CsvResponseDocs.EXTENSION, value = "true"), content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.SURVEY)))
    @APIResponse(responseCode = "400", description = "A parameter is not valid")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No such run, or an area the caller may not see")
    public Uni<SurveyResults> results(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("runId") String runId,
            @Parameter(description = "X24, a region, an ICB or a trust ODS code") @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area,
            @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("trustType") String trustType,
            @Parameter(description = "framework:segment, e.g. nof-2022-23:3") @Pattern(regexp = Params.SEGMENT) @Size(max = Params.SEGMENT_MAX) @QueryParam("segment") String segment,
            @Parameter(description = "question:option+option, repeatable") @Size(max = 20) @QueryParam("combine") List<@Size(max = 300) String> combine) {
        Map<String, List<String>> combined = parseCombine(combine);
        return reports.results(access.viewerOf(scope), runId, area, trustType, segment, combined);
    }

    static Map<String, List<String>> parseCombine(List<String> combine) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String c : combine == null ? List.<String>of() : combine) {
            String[] parts = c.split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw ProblemException.validation("combine", "must be question:option+option, e.g. Q2_trust_alignment:fully+mostly");
            }
            out.put(parts[0], Arrays.stream(parts[1].split("[+ ]")).filter(s -> !s.isBlank()).toList());
        }
        return out;
    }
}
