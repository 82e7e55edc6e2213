package uk.nhs.impact.platform.instrument;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.instrument.InstrumentEndpoints.InstrumentSummary;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Params;

/**
 * The instrument-version endpoints over HTTP, declared once for every service: paths (under the subclass's {@code @Path}),
 * roles, parameter limits and OpenAPI text. A service's resource extends this with its own {@code @Path} and {@code @Tag},
 * its catalogue and the body it answers for one version; what each call does is {@link InstrumentEndpoints}.
 *
 * @param <D> the service's instrument definition (the body of drafts and replacements)
 * @param <V> the body answered for one version
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class InstrumentVersionsResource<D, V> {
    /**
     * The security scheme every service documents ({@code quarkus.smallrye-openapi.security-scheme-name}). Quarkus documents
     * roles and the 401/403 answers only for methods declared in the resource class itself, so these inherited methods
     * declare them.
     */
    private static final String BEARER = "bearer";

    @Inject
    IdempotentCreate idempotent;
    @Inject
    OrgScope scope;

    private final String basePath;
    private final String idempotencyScope;
    private final Function<D, String> label;
    private final Function<VersionedInstruments.Entry<D>, V> view;

    /** Arguments as for {@link InstrumentEndpoints}; {@code basePath} is the subclass's {@code @Path}. */
    protected InstrumentVersionsResource(String basePath, String idempotencyScope, Function<D, String> label,
            Function<VersionedInstruments.Entry<D>, V> view) {
        this.basePath = basePath;
        this.idempotencyScope = idempotencyScope;
        this.label = label;
        this.view = view;
    }

    /** The service's instruments. */
    protected abstract VersionedInstruments<D> catalogue();

    /** What the endpoints do, for this service's instruments and the calling user. */
    protected InstrumentEndpoints<D, V> endpoints() {
        return new InstrumentEndpoints<>(catalogue(), idempotent, scope, basePath, idempotencyScope, label, view);
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = BEARER)
    @Operation(summary = "Every instrument with its versions")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", description = "Not Authorized")
    @APIResponse(responseCode = "403", description = "Not Allowed")
    public Uni<List<InstrumentSummary>> list() {
        return endpoints().list();
    }

    @GET
    @Path("{instrumentId}/versions/{version}")
    @Authenticated
    @SecurityRequirement(name = BEARER)
    @Operation(summary = "One version with its full definition")
    @APIResponse(responseCode = "200", description = "The version; the ETag header is for If-Match")
    @APIResponse(responseCode = "404", description = "No such version")
    @APIResponse(responseCode = "401", description = "Not Authorized")
    @APIResponse(responseCode = "403", description = "Not Allowed")
    public Uni<RestResponse<V>> version(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("instrumentId") String instrumentId,
            @Min(1) @Max(Params.VERSION_MAX) @PathParam("version") int version) {
        return endpoints().version(instrumentId, version);
    }

    @POST
    @Path("{instrumentId}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @SecurityRequirement(name = BEARER, scopes = Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Draft a new version (instrument-admin); it is numbered after the latest version")
    @APIResponse(responseCode = "201", description = "Draft created; replays of the same Idempotency-Key return this response")
    @APIResponse(responseCode = "400", description = "An inconsistent definition, each field named")
    @APIResponse(responseCode = "401", description = "Not Authorized")
    @APIResponse(responseCode = "403", description = "Not Allowed")
    public Uni<Response> draft(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("instrumentId") String instrumentId,
            @Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key,
            @Valid @NotNull D body) {
        return endpoints().draft(instrumentId, key, body);
    }

    @PUT
    @Path("{instrumentId}/versions/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @SecurityRequirement(name = BEARER, scopes = Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Replace a draft version's definition (instrument-admin)")
    @APIResponse(responseCode = "200", description = "Draft saved; new ETag")
    @APIResponse(responseCode = "409", description = "The version is published and immutable")
    @APIResponse(responseCode = "401", description = "Not Authorized")
    @APIResponse(responseCode = "403", description = "Not Allowed")
    public Uni<RestResponse<V>> update(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("instrumentId") String instrumentId,
            @Min(1) @Max(Params.VERSION_MAX) @PathParam("version") int version,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull D body) {
        return endpoints().update(instrumentId, version, ifMatch, body);
    }

    @POST
    @Path("{instrumentId}/versions/{version}/publish")
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @SecurityRequirement(name = BEARER, scopes = Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Publish a draft (instrument-admin): from now on it can be used and never changes")
    @APIResponse(responseCode = "200", description = "Published: immutable from now on; new ETag")
    @APIResponse(responseCode = "409", description = "Already published")
    @APIResponse(responseCode = "401", description = "Not Authorized")
    @APIResponse(responseCode = "403", description = "Not Allowed")
    public Uni<RestResponse<V>> publish(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("instrumentId") String instrumentId,
            @Min(1) @Max(Params.VERSION_MAX) @PathParam("version") int version,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return endpoints().publish(instrumentId, version, ifMatch);
    }
}
