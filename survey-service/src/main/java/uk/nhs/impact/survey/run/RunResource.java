package uk.nhs.impact.survey.run;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import uk.nhs.impact.platform.web.Cursors;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Page;
import uk.nhs.impact.platform.web.Params;

@Path("/api/v1/survey-runs")
@Tag(name = "Survey runs", description = "Collection windows: a survey version, open and close times, and which organisation types may "
        + "respond. Outside the window responses are refused with the dates; closing is final.")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    @Inject
    RunService runs;
    @Inject
    IdempotentCreate idempotent;
    @Inject
    OrgScope scope;

    public record Extension(@NotNull Instant closesAt) {
    }

    public record RunView(String id, String name, String instrumentId, int instrumentVersion, LocalDate referenceDate, Instant opensAt,
            Instant closesAt, boolean closed, List<String> organisationTypes, boolean acceptingResponses) {
        static RunView of(SurveyRun r) {
            return new RunView(r.id, r.name, r.instrumentId, r.instrumentVersion, r.referenceDate, r.opensAt, r.closesAt, r.closed,
                    r.organisationTypes(), r.acceptsResponsesAt(Instant.now()));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Open a run of a published survey version (instrument-admin)")
    @APIResponse(responseCode = "201", description = "Created; replays of the same Idempotency-Key return this response")
    @APIResponse(responseCode = "400", description = "Invalid fields, an unpublished version, closesAt not after opensAt, unknown organisation types")
    @APIResponse(responseCode = "409", description = "A run with this id exists")
    public Uni<Response> open(@Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key, @Valid @NotNull NewRun body) {
        runs.checkNew(scope, body);
        return idempotent.create(key, scope.orgCode() + ":survey-runs", body, () -> runs.open(body)
                .map(r -> new Created(URI.create("/api/v1/survey-runs/" + r.id), RunView.of(r), r.version)));
    }

    @GET
    @Authenticated
    @Operation(summary = "Survey runs in order of id, a page at a time")
    public Uni<Page<RunView>> list(@Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("after") String after,
            @Min(1) @Max(Params.LIMIT_MAX) @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        return runs.list(Cursors.decode(after), size)
                .map(page -> page.map(RunView::of));
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One run")
    @APIResponse(responseCode = "200", description = "Found; the ETag header is its version, for If-Match", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<Response> read(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("id") String id) {
        return runs.read(id).map(RunResource::ok);
    }

    @POST
    @Path("{id}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Move the close date later (instrument-admin)")
    @APIResponse(responseCode = "200", description = "Close date extended; new ETag", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", description = "closesAt is not later than the current close")
    @APIResponse(responseCode = "409", description = "The run is closed")
    public Uni<Response> extend(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("id") String id,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull Extension body) {
        return runs.extend(scope, id, ifMatch, body.closesAt()).map(RunResource::ok);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Close the run for good (instrument-admin)")
    @APIResponse(responseCode = "200", description = "Closed; new ETag", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "Already closed")
    public Uni<Response> close(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("id") String id,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return runs.close(scope, id, ifMatch).map(RunResource::ok);
    }

    private static Response ok(SurveyRun r) {
        return Response.ok(RunView.of(r)).tag(ETags.of(r.version)).build();
    }
}
