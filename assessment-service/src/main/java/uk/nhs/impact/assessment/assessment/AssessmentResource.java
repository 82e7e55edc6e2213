package uk.nhs.impact.assessment.assessment;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.Cursors;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Page;
import uk.nhs.impact.platform.web.Params;

/** Starting an assessment, and everything read from one; the changes are {@link AssessmentLifecycleResource}'s. */
@Path(AssessmentResource.BASE)
@Tag(name = AssessmentResource.TAG, description = AssessmentResource.TAG_DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentResource {
    static final String BASE = "/api/v1/assessments";
    static final String TAG = "Assessments";
    static final String TAG_DESCRIPTION = "An organisation's NHS IMPACT self-assessments. Private to the organisation by default: it may "
            + "share a submitted assessment with its ICB, its region or national aggregates (each wider level includes the narrower). "
            + "Anyone else asking for it gets 404.";
    static final String NOT_VISIBLE = "No such assessment, or not visible to the caller";
    static final String NOT_OWN = "No such assessment, or not the caller's";
    private static final String CREATE_EXAMPLE = """
            {"cycle": "2023-24", "referenceDate": "2023-08-31", "instrumentId": "nhs-impact-self-assessment", "instrumentVersion": 1}""";

    @Inject
    AssessmentService service;
    @Inject
    IdempotentCreate idempotent;
    @Inject
    OrgScope scope;

    public record NewAssessmentBody(
            @Size(max = 12) @Pattern(regexp = "[A-Z0-9-]{3,12}", message = "must be an ODS code") String organisation,
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}", message = "must be 1 to 40 letters, digits, spaces, dots, dashes or _") String cycle,
            @NotNull LocalDate referenceDate,
            @NotBlank @Size(max = 60) String instrumentId,
            @NotNull @Min(1) @Max(1000) Integer instrumentVersion) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Start an assessment for a cycle against a published instrument version", description = "The organisation defaults to the caller's. At most one live (not withdrawn) assessment per organisation and cycle.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "2023-24", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created as a private DRAFT; replays of the same Idempotency-Key return this response")
    @APIResponse(responseCode = "400", description = "Invalid fields, an unpublished instrument version, or an organisation not open on the reference date")
    @APIResponse(responseCode = "403", description = "Another organisation")
    @APIResponse(responseCode = "409", description = "The organisation already has a live assessment for this cycle")
    public Uni<Response> create(@Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key,
            @Valid @NotNull NewAssessmentBody body) {
        String ods = body.organisation() == null ? scope.orgCode() : body.organisation();
        AssessmentService.NewAssessment request = new AssessmentService.NewAssessment(ods, body.cycle(), body.referenceDate(),
                body.instrumentId(), body.instrumentVersion());
        return idempotent.create(key, scope.orgCode() + ":assessments", request, () -> service.create(scope, request)
                .map(v -> new Created(URI.create(BASE + "/" + v.id()), v, v.etag())));
    }

    @GET
    @Authenticated
    @Operation(summary = "An organisation's assessments, oldest first, a page at a time", description = "The organisation defaults to the caller's. Other organisations' assessments appear only when submitted and shared "
            + "with the caller.")
    @APIResponse(responseCode = "200", description = "The list")
    @APIResponse(responseCode = "400", description = "A bad cursor or limit")
    public Uni<Page<AssessmentView.Summary>> list(@Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("organisation") String organisation,
            @Pattern(regexp = Params.CYCLE) @Size(max = Params.CYCLE_MAX) @QueryParam("cycle") String cycle,
            @Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("after") String after,
            @Min(1) @Max(Params.LIMIT_MAX) @QueryParam("limit") Integer limit) {
        String ods = organisation == null ? scope.orgCode() : organisation.toUpperCase(Locale.ROOT);
        return service.list(scope, ods, cycle, after, Cursors.limit(limit));
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One assessment with its answers and completeness")
    @APIResponse(responseCode = "200", description = "Found; the ETag header is its version, for If-Match", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssessmentView.class)))
    @APIResponse(responseCode = "404", description = NOT_VISIBLE)
    public Uni<Response> read(@PathParam("id") UUID id) {
        return service.read(scope, id).map(AssessmentResource::ok);
    }

    @GET
    @Path("{id}/sharing")
    @Authenticated
    @Operation(summary = "The current sharing level and every change to it (the organisation only)")
    @APIResponse(responseCode = "200", description = "The current sharing level and every change to it")
    @APIResponse(responseCode = "404", description = NOT_OWN)
    public Uni<AssessmentView.SharingView> sharing(@PathParam("id") UUID id) {
        return service.sharing(scope, id);
    }

    @GET
    @Path("{id}/revisions")
    @Authenticated
    @Operation(summary = "Every revision: the closed ones as they were, and the current one (the organisation only)")
    @APIResponse(responseCode = "200", description = "Every revision, oldest first")
    @APIResponse(responseCode = "404", description = NOT_OWN)
    public Uni<List<AssessmentView.RevisionView>> revisions(@PathParam("id") UUID id) {
        return service.revisions(scope, id);
    }

    @GET
    @Path("{id}/revisions/{revision}")
    @Authenticated
    @Operation(summary = "One revision (the organisation only)")
    @APIResponse(responseCode = "200", description = "That revision")
    @APIResponse(responseCode = "404", description = "No such revision, or not the caller's")
    public Uni<AssessmentView.RevisionView> revision(@PathParam("id") UUID id, @Min(1) @Max(Params.VERSION_MAX) @PathParam("revision") int revision) {
        return service.revision(scope, id, revision);
    }

    @GET
    @Path("{id}/results")
    @Authenticated
    @Operation(summary = "Level per question, the spread of levels within each component and a summary level per component", description = "Component summary: the most frequent level; on a tie the lowest tied level, flagged tied with every tied level listed.")
    @APIResponse(responseCode = "200", description = "Levels counted per component and overall")
    @APIResponse(responseCode = "404", description = NOT_VISIBLE)
    public Uni<Results.AssessmentResults> results(@PathParam("id") UUID id) {
        return service.results(scope, id);
    }

    @GET
    @Path("{id}/progress")
    @Authenticated
    @Operation(summary = "Progress since an earlier submitted assessment of the same organisation: per question and per component, "
            + "up / same / down", description = "Questions are carried across instrument versions through each version's question map; "
                    + "those with no counterpart are listed as unmapped.")
    @APIResponse(responseCode = "200", description = "Level changes since the given revision")
    @APIResponse(responseCode = "400", description = "since is missing")
    @APIResponse(responseCode = "404", description = "Either assessment missing or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Either is not submitted, they belong to different organisations or instruments, "
            + "or since uses a later instrument version")
    public Uni<Progress.Report> progress(@PathParam("id") UUID id, @QueryParam("since") UUID since) {
        if (since == null) {
            throw ProblemException.validation("since", "must name an earlier submitted assessment of the same organisation");
        }
        return service.progress(scope, id, since);
    }

    /** The assessment with its version as the ETag, for the If-Match of the next change. */
    static Response ok(AssessmentView view) {
        return Response.ok(view).tag(ETags.of(view.etag())).build();
    }
}
