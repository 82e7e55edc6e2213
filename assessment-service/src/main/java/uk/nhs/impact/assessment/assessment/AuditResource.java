package uk.nhs.impact.assessment.assessment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/assessments")
@Tag(name = "Audit", description = "Every change to an assessment: who, when, what and why, append-only and hash-chained")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditTrail audit;
    private final AssessmentService assessments;
    private final OrgScope scope;

    public AuditResource(AuditTrail audit, AssessmentService assessments, OrgScope scope) {
        this.audit = audit;
        this.assessments = assessments;
        this.scope = scope;
    }

    @GET
    @Path("{id}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.SUBMITTER, Roles.INSTRUMENT_ADMIN})
    @Operation(summary = "The audit trail of one assessment, oldest first (the organisation itself, and administrators)")
    @APIResponse(responseCode = "200", description = "The audit trail, oldest first")
    @APIResponse(responseCode = "404", description = "No such assessment, or not the caller's")
    public Uni<List<AuditTrail.Entry>> trail(@PathParam("id") UUID id) {
        // an administrator only at NHS England; anyone else only its own organisation's people
        boolean admin = scope.holds(Roles.INSTRUMENT_ADMIN);
        if (!admin && !scope.holds(Roles.VIEWER) && !scope.holds(Roles.SUBMITTER)) {
            throw ProblemException.forbidden("Audit trails are for the organisation's own people and NHS England administrators");
        }
        Uni<?> allowed = admin ? Uni.createFrom().voidItem() : assessments.readOwn(scope, id);
        return allowed.chain(() -> audit.trail(AssessmentService.AUDIT_TYPE, id.toString())).map(entries -> {
            if (entries.isEmpty()) {
                throw ProblemException.notFound("Assessment " + id);
            }
            return entries;
        });
    }

    @GET
    @Path("audit/verify")
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Check the whole audit chain of this service: every row unchanged and in place (administrators)")
    public Uni<AuditTrail.Verification> verify() {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden("Verifying the audit chain is for NHS England administrators");
        }
        return audit.verify();
    }
}
