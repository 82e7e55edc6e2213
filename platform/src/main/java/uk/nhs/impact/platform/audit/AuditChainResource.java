package uk.nhs.impact.platform.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;

/**
 * The audit endpoint every service has: {@code GET {its resource path}/audit/verify} checks the service's whole audit
 * trail. A service's audit resource extends this with its own {@code @Path} and {@code @Tag} and adds the per-entity
 * trails, which differ in who may read them.
 */
public abstract class AuditChainResource {
    protected final AuditTrail audit;
    protected final OrgScope scope;

    protected AuditChainResource(AuditTrail audit, OrgScope scope) {
        this.audit = audit;
        this.scope = scope;
    }

    @GET
    @Path("audit/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Check the whole audit chain of this service: every row unchanged and in place (administrators)")
    public Uni<AuditTrail.Verification> verify() {
        // instrument-admin counts only at NHS England (X24)
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden("Verifying the audit chain is for NHS England administrators");
        }
        return audit.verify();
    }

    /**
     * For the per-entity trails: whether the caller reads as an administrator (instrument-admin at NHS England, who may read
     * every trail); anyone else needs viewer or submitter, and the resource then checks the entity is theirs to read.
     */
    protected boolean readsAsAdministrator(String refusal) {
        boolean admin = scope.holds(Roles.INSTRUMENT_ADMIN);
        if (!admin && !scope.holds(Roles.VIEWER) && !scope.holds(Roles.SUBMITTER)) {
            throw ProblemException.forbidden(refusal);
        }
        return admin;
    }
}
