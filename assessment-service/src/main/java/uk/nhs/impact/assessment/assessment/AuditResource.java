package uk.nhs.impact.assessment.assessment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.audit.AuditChainResource;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;

@Path("/api/v1/assessments")
@Tag(name = "Audit", description = "Every change to an assessment: who, when, what and why, append-only and hash-chained")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource extends AuditChainResource {
    private final AssessmentService assessments;

    public AuditResource(AuditTrail audit, AssessmentService assessments, OrgScope scope) {
        super(audit, scope);
        this.assessments = assessments;
    }

    @GET
    @Path("{id}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.SUBMITTER, Roles.INSTRUMENT_ADMIN})
    @Operation(summary = "The audit trail of one assessment, oldest first (the organisation itself, and administrators)")
    @APIResponse(responseCode = "200", description = "The audit trail, oldest first")
    @APIResponse(responseCode = "404", description = "No such assessment, or not the caller's")
    public Uni<List<AuditTrail.Entry>> trail(@PathParam("id") UUID id) {
        // an administrator only at NHS England; anyone else only its own organisation's people
        boolean admin = readsAsAdministrator("Audit trails are for the organisation's own people and NHS England administrators");
        Uni<?> allowed = admin ? Uni.createFrom().voidItem() : assessments.readOwn(scope, id);
        return allowed.chain(() -> audit.trail(AssessmentService.AUDIT_TYPE, id.toString())).map(entries -> {
            if (entries.isEmpty()) {
                throw ProblemException.notFound("Assessment " + id);
            }
            return entries;
        });
    }
}
