package uk.nhs.impact.baseline.collection;

import uk.nhs.impact.platform.web.Params;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.contracts.baseline.CollectionChanged;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@Path("/api/v1/baseline-collections")
@Tag(name = "Baseline collections", description = "Collection windows; each organisation files at most one return per collection. "
        + "Baseline returns are shared with the organisation's ICB, region and NHS England by design.")
@Produces(MediaType.APPLICATION_JSON)
public class CollectionResource {
    /** instrument-admin counts only at NHS England (X24): a token carrying it for any other organisation is refused. */
    private static final String ADMIN_ONLY = "This is for NHS England administrators (instrument-admin at X24)";
    private final IdempotentCreate idempotent;
    private final Outbox outbox;
    private final OrgScope scope;
    private final uk.nhs.impact.platform.audit.AuditTrail audit;

    public CollectionResource(IdempotentCreate idempotent, Outbox outbox, OrgScope scope, uk.nhs.impact.platform.audit.AuditTrail audit) {
        this.idempotent = idempotent;
        this.outbox = outbox;
        this.scope = scope;
        this.audit = audit;
    }

    public record NewCollection(@NotBlank @Size(max = 60) @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,59}", message = "must be 3 to 60 lower-case letters, digits or dashes") String id,
                                @NotBlank @Size(max = 200) String name, @NotNull LocalDate referenceDate,
                                @NotNull Instant opensAt, @NotNull Instant closesAt) {
    }

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
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden(ADMIN_ONLY);
        }
        if (!body.closesAt().isAfter(body.opensAt())) {
            throw ProblemException.validation("closesAt", "must be after opensAt");
        }
        return idempotent.create(key, scope.orgCode() + ":collections", body, () -> Collection.<Collection>findById(body.id())
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("Collection " + body.id() + " already exists");
                    }
                    Collection c = new Collection();
                    c.id = body.id();
                    c.name = body.name();
                    c.referenceDate = body.referenceDate();
                    c.opensAt = body.opensAt();
                    c.closesAt = body.closesAt();
                    return c.<Collection>persist();
                })
                .call(c -> outbox.append(Topics.BASELINE, EventTypes.BASELINE_COLLECTION_OPENED, "X24", changed(c)))
                .call(c -> audit.record("X24", "baseline-collection", c.id, "OPENED", null))
                .call(c -> Panache.getSession().chain(s -> s.flush()))
                .map(c -> new Created(URI.create("/api/v1/baseline-collections/" + c.id), CollectionView.of(c), c.version)));
    }

    @GET
    @Authenticated
    @Operation(summary = "Every collection, newest reference date first")
    public Uni<List<CollectionView>> list() {
        return Panache.withSession(() -> Collection.<Collection>list("order by referenceDate desc, id"))
                .map(all -> all.stream().map(CollectionView::of).toList());
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One collection")
    @APIResponse(responseCode = "200", description = "Found; the ETag header is its version, for If-Match", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = CollectionView.class)))
    @APIResponse(responseCode = "404", description = "No such collection")
    public Uni<Response> read(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("id") String id) {
        return Panache.withSession(() -> Collection.<Collection>findById(id)).map(c -> {
            if (c == null) {
                throw ProblemException.notFound("Collection " + id);
            }
            return Response.ok(CollectionView.of(c)).tag(ETags.of(c.version)).build();
        });
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Close a collection for good: returns become read only (instrument-admin)")
    @APIResponse(responseCode = "200", description = "Closed; new ETag", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = CollectionView.class)))
    @APIResponse(responseCode = "409", description = "Already closed")
    public Uni<Response> close(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("id") String id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden(ADMIN_ONLY);
        }
        return Panache.withTransaction(() -> Collection.<Collection>findById(id).chain(c -> {
            if (c == null) {
                throw ProblemException.notFound("Collection " + id);
            }
            ETags.require(ifMatch, c.version);
            if (c.closed) {
                throw ProblemException.conflict("Collection " + id + " is already closed");
            }
            c.closed = true;
            return outbox.append(Topics.BASELINE, EventTypes.BASELINE_COLLECTION_CLOSED, "X24", changed(c))
                    .chain(() -> Panache.getSession().chain(s -> s.flush()))
                    .chain(() -> audit.record("X24", "baseline-collection", c.id, "CLOSED", null)).replaceWith(c);
        })).map(c -> Response.ok(CollectionView.of(c)).tag(ETags.of(c.version)).build());
    }

    private static CollectionChanged changed(Collection c) {
        return new CollectionChanged(c.id, c.name, c.referenceDate, c.opensAt, c.closesAt);
    }
}
