package uk.nhs.impact.reporting.trend;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.Params;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.csv.CsvWriter;
import uk.nhs.impact.reporting.query.Segmentation;

@Path("/api/v1/reports/trends")
@Tag(name = "Trends", description = "The same measure across collections and cycles")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
public class TrendResource {
    static final String PREDECESSORS = "How organisations later merged into another are counted: as-filed (default), each figure where it was "
            + "filed, on the hierarchy of its reference date; successor, an organisation's figures from before a merger counted under its "
            + "latest successor as at the latest point's reference date, in the hierarchy of that date. The response names the choice "
            + "in predecessors.";

    @Inject
    Trends trends;
    @Inject
    ReportAccessTable access;
    @Inject
    OrgScope scope;

    @GET
    @Path("baseline")
    @Operation(summary = "% yes to one baseline question for one organisation type, per collection (oldest first)")
    @APIResponse(responseCode = "200", description = "The trend (JSON, or CSV with Accept: text/csv)", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.TREND)))
    @APIResponse(responseCode = "400", description = "question or orgType missing")
    @APIResponse(responseCode = "404", description = "An area the caller may not see")
    public Uni<Trend> baseline(@Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @QueryParam("question") String question,
            @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("orgType") String orgType,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area,
            @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("trustType") String trustType,
            @Parameter(description = PREDECESSORS, schema = @Schema(type = SchemaType.STRING, enumeration = {"as-filed",
                    "successor"}, defaultValue = "as-filed")) @Pattern(regexp = Predecessors.PATTERN) @Size(max = 10) @QueryParam("predecessors") String predecessors) {
        require("question", question);
        require("orgType", orgType);
        Segmentation seg = new Segmentation(access.area(access.viewerOf(scope), area, LocalDate.now()), orgType, trustType, null, LocalDate.now());
        return trends.baseline(question, orgType, seg, Predecessors.of(predecessors));
    }

    @GET
    @Path("self-assessment")
    @Operation(summary = "Median maturity level of one component across cycles, from the assessments that count for the caller", description = "The caller's tier decides which assessments count, as in the distribution; a cycle whose figure the "
            + "disclosure guard suppresses shows only the number of organisations.")
    @APIResponse(responseCode = "200", description = "The trend (JSON, or CSV with Accept: text/csv)", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "example", value = uk.nhs.impact.reporting.ViewExamples.TREND)))
    @APIResponse(responseCode = "404", description = "An area the caller may not see")
    public Uni<Trend> selfAssessment(@Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @QueryParam("component") String component,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area,
            @Parameter(description = PREDECESSORS + " A cycle whose contributors the choice changes shows only the number of organisations: "
                    + "the disclosure guard judges areas as filed.", schema = @Schema(type = SchemaType.STRING, enumeration = {"as-filed",
                            "successor"}, defaultValue = "as-filed")) @Pattern(regexp = Predecessors.PATTERN) @Size(max = 10) @QueryParam("predecessors") String predecessors) {
        require("component", component);
        Viewer viewer = access.viewerOf(scope);
        return trends.selfAssessment(viewer, component, access.area(viewer, area, LocalDate.now()), Predecessors.of(predecessors));
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.validation(name, "is required");
        }
    }
}
