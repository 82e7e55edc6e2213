package uk.nhs.impact.assessment.assessment;

import uk.nhs.impact.platform.web.Params;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.platform.web.Cursors;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Page;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/assessments")
@Tag(name = "Assessments", description = "An organisation's NHS IMPACT self-assessments. Private to the organisation by default: it may "
        + "share a submitted assessment with its ICB, its region or national aggregates (each wider level includes the narrower). "
        + "Anyone else asking for it gets 404.")
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentResource {
    private static final String CREATE_EXAMPLE = """
            {"cycle": "2023-24", "referenceDate": "2023-08-31", "instrumentId": "nhs-impact-self-assessment", "instrumentVersion": 1}""";
    private static final String ANSWERS_EXAMPLE = """
            {"answers": {"Q01": {"levelCode": "STARTING", "evidence": "Vision drafted by the executive; not yet shared with staff.",
              "actions": [{"description": "Co-design the vision with staff and lived-experience partners", "owner": "Director of Strategy",
                           "dueDate": "2024-03-31"}]},
              "Q02": {"levelCode": "STARTING"}}}""";

    private final AssessmentService service;
    private final IdempotentCreate idempotent;
    private final OrgScope scope;
    private final JsonWebToken token;

    public AssessmentResource(AssessmentService service, IdempotentCreate idempotent, OrgScope scope, JsonWebToken token) {
        this.service = service;
        this.idempotent = idempotent;
        this.scope = scope;
        this.token = token;
    }

    public record NewAssessmentBody(
            @Size(max = 12) @Pattern(regexp = "[A-Z0-9-]{3,12}", message = "must be an ODS code") String organisation,
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}", message = "must be 1 to 40 letters, digits, spaces, dots, dashes or _")
            String cycle,
            @NotNull LocalDate referenceDate,
            @NotBlank @Size(max = 60) String instrumentId,
            @NotNull @Min(1) @Max(1000) Integer instrumentVersion) {
    }

    public record AnswersBody(@NotNull @Size(max = 200) Map<@NotBlank @Size(max = 30) String, @Valid Answer> answers) {
    }

    public record SignOffBody(@NotBlank @Size(max = 200) String approverName, @NotBlank @Size(max = 200) String approverRole,
                              @NotNull LocalDate boardMeetingDate, @NotBlank @Size(max = 100) String minuteReference) {
    }

    public record ReasonBody(@NotBlank @Size(max = 1000) String reason) {
    }

    public record SharingBody(@NotNull SharingLevel level, @Size(max = 1000) String reason) {
    }

    public record SharingView(String level, List<SharingChangeView> history) {
    }

    public record SharingChangeView(String from, String to, String reason, String changedBy, Instant changedAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Start an assessment for a cycle against a published instrument version",
            description = "The organisation defaults to the caller's. At most one live (not withdrawn) assessment per organisation and cycle.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "2023-24", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created as a private DRAFT; replays of the same Idempotency-Key return this response")
    @APIResponse(responseCode = "400", description = "Invalid fields, an unpublished instrument version, or an organisation not open on the reference date")
    @APIResponse(responseCode = "403", description = "Another organisation")
    @APIResponse(responseCode = "409", description = "The organisation already has a live assessment for this cycle")
    public Uni<Response> create(@Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key, @Valid @NotNull NewAssessmentBody body) {
        String ods = body.organisation() == null ? scope.orgCode() : body.organisation();
        AssessmentService.NewAssessment request = new AssessmentService.NewAssessment(ods, body.cycle(), body.referenceDate(),
                body.instrumentId(), body.instrumentVersion());
        return idempotent.create(key, scope.orgCode() + ":assessments", request, () -> service.create(scope, request)
                .map(l -> new Created(URI.create("/api/v1/assessments/" + l.assessment().id), AssessmentView.of(l, service),
                        l.assessment().version)));
    }

    @GET
    @Authenticated
    @Operation(summary = "An organisation's assessments, oldest first, a page at a time",
            description = "The organisation defaults to the caller's. Other organisations' assessments appear only when submitted and shared "
                    + "with the caller.")
    @APIResponse(responseCode = "200", description = "The list")
    @APIResponse(responseCode = "400", description = "A bad cursor or limit")
    public Uni<Page<AssessmentView.Summary>> list(@Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("organisation") String organisation, @Pattern(regexp = Params.CYCLE) @Size(max = Params.CYCLE_MAX) @QueryParam("cycle") String cycle,
                                                  @Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("after") String after, @Min(1) @Max(Params.LIMIT_MAX) @QueryParam("limit") Integer limit) {
        String ods = organisation == null ? scope.orgCode() : organisation.toUpperCase(Locale.ROOT);
        int size = Cursors.limit(limit);
        return service.list(scope, ods, cycle, Cursors.decode(after), size)
                .map(rows -> {
                    Page<Assessment> page = Page.of(rows, size, AssessmentService::sortKey);
                    return new Page<>(page.items().stream().map(AssessmentView.Summary::of).toList(), page.next());
                });
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One assessment with its answers and completeness")
    @APIResponse(responseCode = "200", description = "Found; the ETag header is its version, for If-Match", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = uk.nhs.impact.assessment.assessment.AssessmentView.class)))
    @APIResponse(responseCode = "404", description = "No such assessment, or not visible to the caller")
    public Uni<Response> read(@PathParam("id") UUID id) {
        return service.read(scope, id).map(this::ok);
    }

    @PATCH
    @Path("{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Save answers to a draft (partial saves welcome): each named question is replaced; null clears it")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "two answers", value = ANSWERS_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "400", description = "Unknown questions, levels outside the version's scale, or text over its limit; each field named")
    @APIResponse(responseCode = "404", description = "No such assessment, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Not a draft: reopen it first")
    public Uni<Response> answer(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull AnswersBody body) {
        return service.answer(scope, id, body.answers(), ifMatch).map(this::ok);
    }

    @PUT
    @Path("{id}/answers/{questionCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Save one question's answer in a draft")
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "400", description = "Unknown question, a level outside the scale, or text over its limit")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public Uni<Response> answerOne(@PathParam("id") UUID id, @Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @PathParam("questionCode") String questionCode,
                                   @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull Answer body) {
        Map<String, Answer> one = new HashMap<>();
        one.put(questionCode, body);
        return service.answer(scope, id, one, ifMatch).map(this::ok);
    }

    @POST
    @Path("{id}/sign-off")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Record the board's sign-off of a complete draft: DRAFT → SIGNED_OFF")
    @APIResponse(responseCode = "200", description = "Signed off")
    @APIResponse(responseCode = "400", description = "Missing approver, role, meeting date or minute reference; a meeting date in the future")
    @APIResponse(responseCode = "409", description = "Not a draft, or questions still without a level (listed)")
    public Uni<Response> signOff(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull SignOffBody body) {
        AssessmentService.SignOff signOff = new AssessmentService.SignOff(body.approverName(), body.approverRole(), body.boardMeetingDate(),
                body.minuteReference(), Instant.now(), caller());
        return service.signOff(scope, id, signOff, ifMatch).map(this::ok);
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Submit a signed-off assessment: SIGNED_OFF → SUBMITTED; published to the organisation's chosen audience")
    @APIResponse(responseCode = "200", description = "Submitted")
    @APIResponse(responseCode = "409", description = "Not signed off")
    public Uni<Response> submit(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return service.submit(scope, id, ifMatch).map(this::ok);
    }

    @POST
    @Path("{id}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Reopen a signed-off or submitted assessment as a new DRAFT revision; earlier revisions stay readable")
    @APIResponse(responseCode = "200", description = "Reopened as the next revision")
    @APIResponse(responseCode = "409", description = "A draft or withdrawn assessment cannot be reopened")
    public Uni<Response> reopen(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull ReasonBody body) {
        return service.reopen(scope, id, body.reason(), caller(), ifMatch).map(this::ok);
    }

    @POST
    @Path("{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Withdraw an assessment for good; it leaves every aggregate")
    @APIResponse(responseCode = "200", description = "Withdrawn")
    @APIResponse(responseCode = "409", description = "Already withdrawn")
    public Uni<Response> withdraw(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull ReasonBody body) {
        return service.withdraw(scope, id, body.reason(), caller(), ifMatch).map(this::ok);
    }

    @PUT
    @Path("{id}/sharing")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Choose who sees the submitted assessment: PRIVATE, ICB, REGION or NATIONAL (each includes the narrower ones)",
            description = "Widening or narrowing is recorded and published. The answers leave this service only while shared, at "
                    + "the level shared; narrowing takes them out of the wider aggregates, and back to PRIVATE removes them from "
                    + "NHS England's reporting altogether.")
    @APIResponse(responseCode = "200", description = "Sharing set")
    @APIResponse(responseCode = "400", description = "Unknown level")
    @APIResponse(responseCode = "409", description = "The assessment is withdrawn")
    public Uni<Response> share(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull SharingBody body) {
        return service.share(scope, id, body.level(), body.reason(), caller(), ifMatch).map(this::ok);
    }

    @GET
    @Path("{id}/sharing")
    @Authenticated
    @Operation(summary = "The current sharing level and every change to it (the organisation only)")
    @APIResponse(responseCode = "200", description = "The current sharing level and every change to it")
    @APIResponse(responseCode = "404", description = "No such assessment, or not the caller's")
    public Uni<SharingView> sharing(@PathParam("id") UUID id) {
        return service.readOwn(scope, id).chain(l -> service.sharingHistory(scope, id).map(changes -> new SharingView(
                l.assessment().sharing.name(), changes.stream()
                .map(c -> new SharingChangeView(c.fromLevel, c.toLevel, c.reason, c.changedBy, c.changedAt)).toList())));
    }

    @GET
    @Path("{id}/revisions")
    @Authenticated
    @Operation(summary = "Every revision: the closed ones as they were, and the current one (the organisation only)")
    @APIResponse(responseCode = "200", description = "Every revision, oldest first")
    @APIResponse(responseCode = "404", description = "No such assessment, or not the caller's")
    public Uni<List<AssessmentView.RevisionView>> revisions(@PathParam("id") UUID id) {
        return service.readOwn(scope, id).chain(l -> service.revisions(scope, id).map(closed -> {
            List<AssessmentView.RevisionView> out = new java.util.ArrayList<>(closed.stream().map(this::revision).toList());
            Assessment a = l.assessment();
            if (closed.stream().noneMatch(r -> r.revision == a.revision)) {
                out.add(current(a));
            }
            return out;
        }));
    }

    @GET
    @Path("{id}/revisions/{revision}")
    @Authenticated
    @Operation(summary = "One revision (the organisation only)")
    @APIResponse(responseCode = "200", description = "That revision")
    @APIResponse(responseCode = "404", description = "No such revision, or not the caller's")
    public Uni<AssessmentView.RevisionView> revision(@PathParam("id") UUID id, @Min(1) @Max(Params.VERSION_MAX) @PathParam("revision") int revision) {
        return revisions(id).map(all -> all.stream().filter(r -> r.revision() == revision).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Revision " + revision + " of assessment " + id)));
    }

    @GET
    @Path("{id}/results")
    @Authenticated
    @Operation(summary = "Level per question, the spread of levels within each component and a summary level per component",
            description = "Component summary: the most frequent level; on a tie the lowest tied level, flagged tied with every tied level listed.")
    @APIResponse(responseCode = "200", description = "Levels counted per component and overall")
    @APIResponse(responseCode = "404", description = "No such assessment, or not visible to the caller")
    public Uni<Results.AssessmentResults> results(@PathParam("id") UUID id) {
        return service.read(scope, id).map(l -> Results.of(id.toString(), l.assessment().revision, l.assessment().status.name(),
                l.definition(), service.answers(l.assessment())));
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
        return service.read(scope, since).chain(from -> service.read(scope, id).chain(to -> {
            Assessment a = from.assessment();
            Assessment b = to.assessment();
            if (!a.odsCode.equals(b.odsCode) || !a.instrumentId.equals(b.instrumentId)) {
                throw ProblemException.conflict("Progress compares assessments of one organisation on one instrument");
            }
            if (a.status != Assessment.Status.SUBMITTED || b.status != Assessment.Status.SUBMITTED) {
                throw ProblemException.conflict("Progress compares submitted assessments only");
            }
            if (a.instrumentVersion > b.instrumentVersion) {
                throw ProblemException.conflict("since uses a later instrument version than this assessment; swap them");
            }
            return service.steps(a.instrumentId, a.instrumentVersion, b.instrumentVersion).map(steps -> Progress.between(
                    new Progress.Side(a.id.toString(), a.cycle, a.instrumentVersion, from.definition(), service.answers(a)),
                    new Progress.Side(b.id.toString(), b.cycle, b.instrumentVersion, to.definition(), service.answers(b)), steps));
        }));
    }

    private AssessmentView.RevisionView revision(AssessmentRevision r) {
        return new AssessmentView.RevisionView(r.revision, r.outcome, service.answers(r.answers), service.signOff(r.signOff), r.sharing,
                r.submittedAt, r.closedAt, r.closedBy, r.closeReason);
    }

    private AssessmentView.RevisionView current(Assessment a) {
        return new AssessmentView.RevisionView(a.revision, a.status.name(), service.answers(a), service.signOff(a.signOff), a.sharing.name(),
                a.submittedAt, null, null, null);
    }

    private Response ok(AssessmentService.Loaded l) {
        return Response.ok(AssessmentView.of(l, service)).tag(ETags.of(l.assessment().version)).build();
    }

    private String caller() {
        String name = token.getClaim("preferred_username");
        return name != null ? name : token.getSubject() != null ? token.getSubject() : scope.orgCode();
    }
}
