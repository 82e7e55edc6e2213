package uk.nhs.impact.assessment.instrument;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Max;
import uk.nhs.impact.platform.web.Params;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.instrument.InstrumentEndpoints;
import uk.nhs.impact.platform.instrument.InstrumentEndpoints.InstrumentSummary;
import uk.nhs.impact.platform.instrument.InstrumentEndpoints.VersionSummary;
import uk.nhs.impact.platform.instrument.VersionedInstruments;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

@Path(InstrumentResource.PATH)
@Tag(name = "Instruments", description = "Self-assessment instruments and their versions. The maturity scale is part of each version; "
        + "levels not confirmed by a published source are flagged provisional. Published versions never change.")
@Produces(MediaType.APPLICATION_JSON)
public class InstrumentResource {
    static final String PATH = "/api/v1/assessment-instruments";
    private final InstrumentEndpoints<InstrumentDefinition> endpoints;

    public InstrumentResource(InstrumentCatalogue catalogue, IdempotentCreate idempotent, OrgScope scope) {
        this.endpoints = new InstrumentEndpoints<>(catalogue, idempotent, scope, PATH, "instruments", InstrumentDefinition::label,
                VersionView::of);
    }

    public record LevelView(String code, String name, int ordinal, String meaning, boolean provisional) {
    }

    public record VersionView(String instrumentId, int version, String status, boolean shipped, Instant publishedAt, String label,
                              String notes, List<LevelView> levels, List<InstrumentDefinition.Component> components,
                              List<InstrumentDefinition.Question> questions, java.util.Map<String, String> questionMap) {
        static VersionView of(VersionedInstruments.Entry<InstrumentDefinition> e) {
            InstrumentDefinition d = e.definition();
            List<LevelView> levels = IntStream.range(0, d.levels().size()).mapToObj(i -> {
                InstrumentDefinition.Level l = d.levels().get(i);
                return new LevelView(l.code(), l.name(), i + 1, l.meaning(), l.provisional());
            }).toList();
            return new VersionView(e.instrumentId(), e.number(), e.status().name(), e.shipped(), e.publishedAt(), d.label(), d.notes(),
                    levels, d.components(), d.questions(), d.questionMapOrEmpty());
        }
    }

    @GET
    @Authenticated
    @Operation(summary = "Every instrument with its versions")
    public Uni<List<InstrumentSummary>> list() {
        return endpoints.list();
    }

    @GET
    @Path("{instrumentId}/versions")
    @Authenticated
    @Operation(summary = "The versions of one instrument, oldest first")
    @APIResponse(responseCode = "200", description = "Every version of the instrument")
    @APIResponse(responseCode = "404", description = "No such instrument")
    public Uni<List<VersionSummary>> versions(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("instrumentId") String instrumentId) {
        return endpoints.versions(instrumentId);
    }

    @GET
    @Path("{instrumentId}/versions/{version}")
    @Authenticated
    @Operation(summary = "One version: its scale (lowest level first), components, questions with level descriptors, and question map")
    @APIResponse(responseCode = "200", description = "The version; the ETag header is for If-Match", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "404", description = "No such version")
    public Uni<Response> version(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("instrumentId") String instrumentId, @Min(1) @Max(Params.VERSION_MAX) @PathParam("version") int version) {
        return endpoints.version(instrumentId, version);
    }

    @POST
    @Path("{instrumentId}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Draft a new version (instrument-admin); it is numbered after the latest version")
    @APIResponse(responseCode = "201", description = "Draft created; replays of the same Idempotency-Key return this response")
    @APIResponse(responseCode = "400", description = "An inconsistent definition, each field named")
    public Uni<Response> draft(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("instrumentId") String instrumentId, @Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key,
                               @Valid @NotNull InstrumentDefinition body) {
        return endpoints.draft(instrumentId, key, body);
    }

    @PUT
    @Path("{instrumentId}/versions/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Replace a draft version's definition (instrument-admin)")
    @APIResponse(responseCode = "200", description = "Draft saved; new ETag", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "409", description = "The version is published and immutable")
    public Uni<Response> update(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("instrumentId") String instrumentId, @Min(1) @Max(Params.VERSION_MAX) @PathParam("version") int version,
                                @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull InstrumentDefinition body) {
        return endpoints.update(instrumentId, version, ifMatch, body);
    }

    @POST
    @Path("{instrumentId}/versions/{version}/publish")
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Publish a draft (instrument-admin): from now on it can be used and never changes")
    @APIResponse(responseCode = "200", description = "Published: immutable from now on; new ETag", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "409", description = "Already published")
    public Uni<Response> publish(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("instrumentId") String instrumentId, @Min(1) @Max(Params.VERSION_MAX) @PathParam("version") int version,
                                 @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return endpoints.publish(instrumentId, version, ifMatch);
    }
}
