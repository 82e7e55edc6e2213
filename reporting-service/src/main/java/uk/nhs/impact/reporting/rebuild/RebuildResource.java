package uk.nhs.impact.reporting.rebuild;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;

@Path("/api/v1/reports/admin/rebuild")
@Tag(name = "Reporting administration")
@RolesAllowed(Roles.INSTRUMENT_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {
    @Inject
    RebuildService rebuild;
    @Inject
    OrgScope scope;

    /** instrument-admin counts only at NHS England (X24). */
    private void requireAdmin() {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden("This is for NHS England administrators (instrument-admin at X24)");
        }
    }

    @POST
    @Operation(summary = "Rebuild every read model by replaying the topics from the start", description = "Runs in the background; follow it with GET. Live consumption carries on meanwhile: both paths record "
            + "event ids, so nothing is applied twice, and revisions keep the newest state.")
    @APIResponse(responseCode = "202", description = "Started; the body is its progress")
    @APIResponse(responseCode = "409", description = "A rebuild is already running")
    public Uni<Response> start() {
        requireAdmin();
        return rebuild.start().map(started -> Response.accepted(started).build());
    }

    @GET
    @Operation(summary = "Progress of the current or last rebuild")
    @APIResponse(responseCode = "200", description = "Records replayed of those on the topics when it began; any instance of the service answers")
    public Uni<RebuildProgress> progress() {
        requireAdmin();
        return rebuild.progress();
    }
}
