package uk.nhs.impact.survey.response;

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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

@Path("/api/v1/survey-runs/{runId}/responses")
@Tag(name = "Survey responses", description = "Respondents' answers. A respondent (a person, or a trust system answering for a person it "
        + "names with respondentReference) sees and changes only its own response; viewers of the same trust see their trust's "
        + "responses; nobody else sees an individual response.")
@Produces(MediaType.APPLICATION_JSON)
public class ResponseResource {
    private static final String ANSWERS_EXAMPLE = """
            {"answers": {"Q1_trust_progress": {"option": "underway_maturing"},
                         "Q3_trust_barriers": {"options": ["operational_pressures", "other"], "otherText": "Estates"},
                         "Q14_free_text": {"text": "Our board development programme is helping."}}}""";

    @Inject
    ResponseService service;
    @Inject
    ResponseQuery query;
    @Inject
    AnswersJson stored;
    @Inject
    IdempotentCreate idempotent;
    @Inject
    OrgScope scope;
    @Inject
    JsonWebToken token;

    public record NewResponse(@NotBlank @Size(max = 50) @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String respondentRole,
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1 to 100 letters, digits or ._:-") String respondentReference,
            @Size(max = 12) @Pattern(regexp = "[A-Z0-9-]{3,12}", message = "must be an ODS code") String organisation) {
    }

    public record AnswersBody(@Size(max = 200) Map<@NotBlank @Size(max = 64) String, @Valid SurveyAnswer> answers,
            @Size(max = 50) @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String respondentRole) {
    }

    /** A respondent role code. */
    public static final String ROLE = "[a-z][a-z_]{1,49}";
    static final String REFERENCE_DOC = "The person a trust system answers for, the same on every call for one response: "
            + "the query parameter on every operation (on start, the body's respondentReference is accepted too, and must then agree)";
    static final String ROLE_MESSAGE = "must be a role code such as chief_executive, chair, director_of_improvement";

    public record ResponseView(String id, String runId, String organisation, String respondentRole, String status, int revision,
            Map<String, SurveyAnswer> answers, Instant createdAt, Instant updatedAt, Instant submittedAt, long etag) {
        static ResponseView of(SurveyResponse r, AnswersJson stored) {
            return new ResponseView(r.id.toString(), r.runId, r.odsCode, r.respondentRole, r.status.name(), r.revision, stored.read(r.answers),
                    r.createdAt, r.updatedAt, r.submittedAt, r.version);
        }
    }

    public record RevisionView(int revision, String respondentRole, Map<String, SurveyAnswer> answers, Instant submittedAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Start a response (one per respondent per run) while the run is open")
    @APIResponse(responseCode = "201", description = "Created as a draft; replays of the same Idempotency-Key return this response")
    @APIResponse(responseCode = "403", description = "Another organisation")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "Outside the run's window (dates given), or the respondent already has a response")
    @APIResponse(responseCode = "422", description = "The organisation's type may not respond to this run")
    public Uni<Response> start(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("runId") String runId,
            @Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key,
            @Parameter(description = REFERENCE_DOC) @Pattern(regexp = Params.REFERENCE) @Size(max = Params.REFERENCE_MAX) @QueryParam("respondentReference") String reference,
            @Valid @NotNull NewResponse body) {
        String ods = body.organisation() == null ? scope.orgCode() : body.organisation();
        ResponseService.Respondent who = respondent(oneReference(reference, body.respondentReference()));
        return idempotent.create(key, who.key() + ":survey-responses", Map.of("run", runId, "body", body),
                () -> service.start(scope, who, runId, ods, body.respondentRole()).map(l -> new Created(
                        URI.create("/api/v1/survey-runs/" + runId + "/responses/" + l.response().id), ResponseView.of(l.response(), stored),
                        l.response().version)));
    }

    @GET
    @Authenticated
    @Operation(summary = "Responses the caller may see, oldest first: its own, or all of its trust's for the trust's viewers")
    public Uni<Page<ResponseView>> list(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("runId") String runId,
            @Parameter(description = REFERENCE_DOC) @Pattern(regexp = Params.REFERENCE) @Size(max = Params.REFERENCE_MAX) @QueryParam("respondentReference") String reference,
            @Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("after") String after,
            @Min(1) @Max(Params.LIMIT_MAX) @QueryParam("limit") Integer limit) {
        return query.visible(scope, respondent(reference), runId, after, Cursors.limit(limit))
                .map(page -> page.map(r -> ResponseView.of(r, stored)));
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One response")
    @APIResponse(responseCode = "200", description = "Found; the ETag header is its version, for If-Match", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResponseView.class)))
    @APIResponse(responseCode = "404", description = "No such response, or not visible to the caller")
    public Uni<Response> read(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("runId") String runId, @PathParam("id") UUID id,
            @Parameter(description = REFERENCE_DOC) @Pattern(regexp = Params.REFERENCE) @Size(max = Params.REFERENCE_MAX) @QueryParam("respondentReference") String reference) {
        return service.read(scope, respondent(reference), runId, id).map(this::ok);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Save answers (partial saves welcome; null clears one); on a submitted response this starts an amendment")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "answers", value = ANSWERS_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "400", description = "Every answer that does not fit the survey, each field named")
    @APIResponse(responseCode = "409", description = "Outside the run's window")
    public Uni<Response> save(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("runId") String runId, @PathParam("id") UUID id,
            @Parameter(description = REFERENCE_DOC) @Pattern(regexp = Params.REFERENCE) @Size(max = Params.REFERENCE_MAX) @QueryParam("respondentReference") String reference,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull AnswersBody body) {
        return service.save(scope, respondent(reference), runId, id, body.answers() == null ? Map.of() : body.answers(),
                body.respondentRole(), ifMatch).map(this::ok);
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Submit the response; submitting again after a change amends it, keeping every submission")
    @APIResponse(responseCode = "200", description = "Submitted")
    @APIResponse(responseCode = "400", description = "Required questions unanswered or answers that do not fit, every field listed")
    @APIResponse(responseCode = "409", description = "Outside the run's window, or nothing changed since the last submission")
    public Uni<Response> submit(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("runId") String runId, @PathParam("id") UUID id,
            @Parameter(description = REFERENCE_DOC) @Pattern(regexp = Params.REFERENCE) @Size(max = Params.REFERENCE_MAX) @QueryParam("respondentReference") String reference,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return service.submit(scope, respondent(reference), runId, id, ifMatch).map(this::ok);
    }

    @GET
    @Path("{id}/history")
    @Authenticated
    @Operation(summary = "Every submission of the response, oldest first")
    @APIResponse(responseCode = "200", description = "Every revision, oldest first")
    @APIResponse(responseCode = "404", description = "No such response, or not visible to the caller")
    public Uni<List<RevisionView>> history(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("runId") String runId,
            @PathParam("id") UUID id,
            @Parameter(description = REFERENCE_DOC) @Pattern(regexp = Params.REFERENCE) @Size(max = Params.REFERENCE_MAX) @QueryParam("respondentReference") String reference) {
        return service.history(scope, respondent(reference), runId, id).map(list -> list.stream()
                .map(r -> new RevisionView(r.revision, r.respondentRole, stored.read(r.answers), r.submittedAt)).toList());
    }

    private Response ok(ResponseService.Loaded l) {
        return Response.ok(ResponseView.of(l.response(), stored)).tag(ETags.of(l.response().version)).build();
    }

    /** The reference given on start, from the query or the body (older clients); both given must agree. */
    static String oneReference(String query, String body) {
        if (query != null && body != null && !query.equals(body)) {
            throw ProblemException.validation("respondentReference", "the query parameter and the body name different respondents");
        }
        return query != null ? query : body;
    }

    private ResponseService.Respondent respondent(String reference) {
        return ResponseService.Respondent.of(token, scope, reference);
    }
}
