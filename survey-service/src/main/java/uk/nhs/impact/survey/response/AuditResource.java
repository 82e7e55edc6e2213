package uk.nhs.impact.survey.response;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.audit.AuditChainResource;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.Params;

@Path("/api/v1/survey-runs")
@Tag(name = "Audit", description = "Every change to a run or response: who, when, what and why, append-only and hash-chained")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource extends AuditChainResource {
    private final ResponseService responses;
    private final JsonWebToken token;

    public AuditResource(AuditTrail audit, ResponseService responses, OrgScope scope, JsonWebToken token) {
        super(audit, scope);
        this.responses = responses;
        this.token = token;
    }

    @GET
    @Path("{runId}/responses/{id}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.SUBMITTER, Roles.INSTRUMENT_ADMIN})
    @Operation(summary = "The audit trail of one response, oldest first (whoever may read the response, and administrators)")
    @APIResponse(responseCode = "200", description = "The audit trail, oldest first")
    @APIResponse(responseCode = "404", description = "No such response, or not visible to the caller")
    public Uni<List<AuditTrail.Entry>> trail(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("runId") String runId,
            @PathParam("id") UUID id,
            @Pattern(regexp = Params.REFERENCE) @Size(max = Params.REFERENCE_MAX) @QueryParam("respondentReference") String reference) {
        // an administrator only at NHS England; anyone else only as whoever may read the response
        boolean admin = readsAsAdministrator("Audit trails are for whoever may read the response and NHS England administrators");
        Uni<?> allowed = admin
                ? Uni.createFrom().voidItem()
                : responses.read(scope, new ResponseService.Respondent(token.getSubject(), reference), runId, id);
        return allowed.chain(() -> audit.trail(ResponseService.AUDIT_TYPE, id.toString()));
    }
}
