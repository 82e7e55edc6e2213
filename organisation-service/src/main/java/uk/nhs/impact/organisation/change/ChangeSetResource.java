package uk.nhs.impact.organisation.change;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.audit.AuditChainResource;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.Cursors;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Page;
import uk.nhs.impact.platform.web.Params;

@Path(ChangeSetResource.PATH)
@Tag(name = "Hierarchy change sets", description = "Organisations opened, closed and merged, and parents moved, each from an effective date: "
        + "loaded by NHS England administrators, applied by every service without a restart. Readable by every authenticated caller.")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeSetResource extends AuditChainResource {
    static final String PATH = "/api/v1/organisations/change-sets";

    private final ChangeSetService changeSets;
    private final IdempotentCreate idempotent;

    public ChangeSetResource(AuditTrail audit, OrgScope scope, ChangeSetService changeSets, IdempotentCreate idempotent) {
        super(audit, scope);
        this.changeSets = changeSets;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Load a change set of the organisation hierarchy (instrument-admin at X24)")
    @APIResponse(responseCode = "201", description = "Loaded and published; replays of the same Idempotency-Key return this response", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangeSetView.class)))
    @APIResponse(responseCode = "400", description = "A change breaks a rule (unknown code, wrong parent level, dates, an orphan or a cycle): each named as changes[i].field; nothing is stored")
    @APIResponse(responseCode = "409", description = "A change set with this reference was loaded already")
    public Uni<Response> load(@Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key,
            @Valid @NotNull NewChangeSet body) {
        changeSets.requireAdmin(scope);
        return idempotent.create(key, scope.orgCode() + ":change-sets", body, () -> changeSets.load(scope, body)
                .map(c -> new Created(URI.create(PATH + "/" + c.id), changeSets.view(c), c.version)))
                .call(created -> changeSets.applyCommitted());
    }

    @GET
    @Authenticated
    @Operation(summary = "The change sets loaded, oldest first, a page at a time")
    public Uni<Page<ChangeSetView>> list(@Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("after") String after,
            @Min(1) @Max(Params.LIMIT_MAX) @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        return changeSets.list(after, size).map(page -> page.map(changeSets::view));
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One change set")
    @APIResponse(responseCode = "200", description = "Found", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangeSetView.class)))
    @APIResponse(responseCode = "404", description = "No such change set")
    public Uni<Response> read(@PathParam("id") UUID id) {
        return changeSets.read(id).map(c -> Response.ok(changeSets.view(c)).tag(ETags.of(c.version)).build());
    }
}
