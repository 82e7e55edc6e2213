package uk.nhs.impact.baseline.returns;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.audit.AuditChainResource;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.Params;

@Path("/api/v1/baseline-collections")
@Tag(name = "Audit", description = "Every change to a return or collection: who, when, what and why, append-only and hash-chained")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource extends AuditChainResource {

    public AuditResource(AuditTrail audit, OrgScope scope) {
        super(audit, scope);
    }

    @GET
    @Path("{collectionId}/returns/{odsCode}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.SUBMITTER, Roles.INSTRUMENT_ADMIN})
    @Operation(summary = "The audit trail of one return, oldest first (the organisation itself, and administrators)")
    @APIResponse(responseCode = "200", description = "The audit trail, oldest first")
    @APIResponse(responseCode = "404", description = "No such return, or not the caller's")
    public Uni<List<AuditTrail.Entry>> trail(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("collectionId") String collectionId,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @PathParam("odsCode") String odsCode) {
        String ods = odsCode.toUpperCase(Locale.ROOT);
        // an administrator only at NHS England; anyone else only its own organisation's people
        boolean admin = readsAsAdministrator("Audit trails are for the organisation's own people and NHS England administrators");
        if (!admin && !scope.isOwn(ods)) {
            throw ProblemException.notFound("Return of " + ods + " in " + collectionId);
        }
        return audit.trail(ReturnService.AUDIT_TYPE, collectionId + "/" + ods).map(entries -> {
            if (entries.isEmpty()) {
                throw ProblemException.notFound("Return of " + ods + " in " + collectionId);
            }
            return entries;
        });
    }
}
