package uk.nhs.impact.baseline.collection;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Params;

@Path("/api/v1/baseline-collections")
@Tag(name = "Baseline collections", description = "Collection windows; each organisation files at most one return per collection. "
        + "Baseline returns are shared with the organisation's ICB, region and NHS England by design.")
@Produces(MediaType.APPLICATION_JSON)
public class CollectionResource {
    @Inject
    CollectionService collections;
    @Inject
    IdempotentCreate idempotent;
    @Inject
    OrgScope scope;

    public record CollectionView(String id, String name, LocalDate referenceDate, Instant opensAt, Instant closesAt, boolean closed,
            boolean acceptingReturns, long version) {
        static CollectionView of(Collection c) {
            return new CollectionView(c.id, c.name, c.referenceDate, c.opensAt, c.closesAt, c.closed, c.acceptsReturnsAt(Instant.now()), c.version);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Open a collection (instrument-admin)")
    @APIResponse(responseCode = "201", description = "Created; replays of the same Idempotency-Key return this response")
    @APIResponse(responseCode = "400", description = "Invalid fields, or closesAt not after opensAt")
    @APIResponse(responseCode = "409", description = "A collection with this id exists")
    public Uni<Response> open(@Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key, @Valid @NotNull NewCollection body) {
        collections.checkNew(scope, body);
        return idempotent.create(key, scope.orgCode() + ":collections", body, () -> collections.open(body)
                .map(c -> new Created(URI.create("/api/v1/baseline-collections/" + c.id), CollectionView.of(c), c.version)));
    }

    @GET
    @Authenticated
    @Operation(summary = "Every collection, newest reference date first")
    public Uni<List<CollectionView>> list() {
        return collections.list().map(all -> all.stream().map(CollectionView::of).toList());
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One collection")
    @APIResponse(responseCode = "200", description = "Found; the ETag header is its version, for If-Match", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CollectionView.class)))
    @APIResponse(responseCode = "404", description = "No such collection")
    public Uni<Response> read(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("id") String id) {
        return collections.read(id).map(CollectionResource::ok);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Close a collection for good: returns become read only (instrument-admin)")
    @APIResponse(responseCode = "200", description = "Closed; new ETag", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CollectionView.class)))
    @APIResponse(responseCode = "409", description = "Already closed")
    public Uni<Response> close(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("id") String id,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return collections.close(scope, id, ifMatch).map(CollectionResource::ok);
    }

    private static Response ok(Collection c) {
        return Response.ok(CollectionView.of(c)).tag(ETags.of(c.version)).build();
    }
}
