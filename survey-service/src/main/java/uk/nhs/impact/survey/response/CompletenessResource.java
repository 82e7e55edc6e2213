package uk.nhs.impact.survey.response;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.Params;

@Path("/api/v1/survey-runs/{runId}/completeness")
@Tag(name = "Survey runs")
@Produces(MediaType.APPLICATION_JSON)
public class CompletenessResource {
    @Inject
    CompletenessService completeness;
    @Inject
    OrgScope scope;

    @GET
    @RolesAllowed({Roles.INSTRUMENT_ADMIN, Roles.NATIONAL_ANALYST, Roles.REGION_ANALYST, Roles.ICB_OVERSIGHT})
    @Operation(summary = "Respondents, distinct trusts, coverage of all trusts in England at the run's reference date, answers per question", description = "Counts submitted responses only (the last submission of each). No individual response is shown.")
    @APIResponse(responseCode = "200", description = "Completeness of the run")
    @APIResponse(responseCode = "403", description = "Not an ICB, regional or national overseer, nor an administrator")
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<Completeness> completeness(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("runId") String runId) {
        return completeness.of(scope, runId);
    }
}
