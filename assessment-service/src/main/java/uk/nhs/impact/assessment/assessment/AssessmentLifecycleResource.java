package uk.nhs.impact.assessment.assessment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Params;

/**
 * The changes to an assessment: answers, board sign-off, submission, reopen, withdrawal and sharing. Each takes the ETag the
 * caller read as If-Match and answers the assessment as it now stands, with its new ETag. Only the organisation's submitters.
 * Operation ids keep the names they had when every assessment operation was in {@link AssessmentResource}, so generated
 * clients keep their method names.
 */
@Path(AssessmentResource.BASE)
@Tag(name = AssessmentResource.TAG, description = AssessmentResource.TAG_DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUBMITTER)
public class AssessmentLifecycleResource {
    private static final String ANSWERS_EXAMPLE = """
            {"answers": {"Q01": {"levelCode": "STARTING", "evidence": "Vision drafted by the executive; not yet shared with staff.",
              "actions": [{"description": "Co-design the vision with staff and lived-experience partners", "owner": "Director of Strategy",
                           "dueDate": "2024-03-31"}]},
              "Q02": {"levelCode": "STARTING"}}}""";

    @Inject
    AssessmentLifecycle lifecycle;
    @Inject
    OrgScope scope;
    @Inject
    JsonWebToken token;

    public record AnswersBody(@NotNull @Size(max = 200) Map<@NotBlank @Size(max = 30) String, @Valid Answer> answers) {
    }

    public record SignOffBody(@NotBlank @Size(max = 200) String approverName, @NotBlank @Size(max = 200) String approverRole,
            @NotNull LocalDate boardMeetingDate, @NotBlank @Size(max = 100) String minuteReference) {
    }

    public record ReasonBody(@NotBlank @Size(max = 1000) String reason) {
    }

    public record SharingBody(@NotNull SharingLevel level, @Size(max = 1000) String reason) {
    }

    @PATCH
    @Path("{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "AssessmentResource_answer", summary = "Save answers to a draft (partial saves welcome): each named question is replaced; null clears it")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "two answers", value = ANSWERS_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "400", description = "Unknown questions, levels outside the version's scale, or text over its limit; each field named")
    @APIResponse(responseCode = "404", description = AssessmentResource.NOT_VISIBLE)
    @APIResponse(responseCode = "409", description = "Not a draft: reopen it first")
    public Uni<Response> answer(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid @NotNull AnswersBody body) {
        return ok(lifecycle.answer(scope, id, body.answers(), ifMatch));
    }

    @PUT
    @Path("{id}/answers/{questionCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "AssessmentResource_answerOne", summary = "Save one question's answer in a draft")
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "400", description = "Unknown question, a level outside the scale, or text over its limit")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public Uni<Response> answerOne(@PathParam("id") UUID id,
            @Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @PathParam("questionCode") String questionCode,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull Answer body) {
        Map<String, Answer> one = new HashMap<>();
        one.put(questionCode, body);
        return ok(lifecycle.answer(scope, id, one, ifMatch));
    }

    @POST
    @Path("{id}/sign-off")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "AssessmentResource_signOff", summary = "Record the board's sign-off of a complete draft: DRAFT → SIGNED_OFF")
    @APIResponse(responseCode = "200", description = "Signed off")
    @APIResponse(responseCode = "400", description = "Missing approver, role, meeting date or minute reference; a meeting date in the future")
    @APIResponse(responseCode = "409", description = "Not a draft, or questions still without a level (listed)")
    public Uni<Response> signOff(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid @NotNull SignOffBody body) {
        SignOff signOff = new SignOff(body.approverName(), body.approverRole(), body.boardMeetingDate(), body.minuteReference(),
                Instant.now(), caller());
        return ok(lifecycle.signOff(scope, id, signOff, ifMatch));
    }

    @POST
    @Path("{id}/submit")
    @Operation(operationId = "AssessmentResource_submit", summary = "Submit a signed-off assessment: SIGNED_OFF → SUBMITTED; published to the organisation's chosen audience")
    @APIResponse(responseCode = "200", description = "Submitted")
    @APIResponse(responseCode = "409", description = "Not signed off")
    public Uni<Response> submit(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return ok(lifecycle.submit(scope, id, ifMatch));
    }

    @POST
    @Path("{id}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "AssessmentResource_reopen", summary = "Reopen a signed-off or submitted assessment as a new DRAFT revision; earlier revisions stay readable")
    @APIResponse(responseCode = "200", description = "Reopened as the next revision")
    @APIResponse(responseCode = "409", description = "A draft or withdrawn assessment cannot be reopened")
    public Uni<Response> reopen(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid @NotNull ReasonBody body) {
        return ok(lifecycle.reopen(scope, id, body.reason(), caller(), ifMatch));
    }

    @POST
    @Path("{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "AssessmentResource_withdraw", summary = "Withdraw an assessment for good; it leaves every aggregate")
    @APIResponse(responseCode = "200", description = "Withdrawn")
    @APIResponse(responseCode = "409", description = "Already withdrawn")
    public Uni<Response> withdraw(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid @NotNull ReasonBody body) {
        return ok(lifecycle.withdraw(scope, id, body.reason(), caller(), ifMatch));
    }

    @PUT
    @Path("{id}/sharing")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "AssessmentResource_share", summary = "Choose who sees the submitted assessment: PRIVATE, ICB, REGION or NATIONAL (each includes the narrower ones)", description = "Widening or narrowing is recorded and published. The answers leave this service only while shared, at "
            + "the level shared; narrowing takes them out of the wider aggregates, and back to PRIVATE removes them from "
            + "NHS England's reporting altogether.")
    @APIResponse(responseCode = "200", description = "Sharing set")
    @APIResponse(responseCode = "400", description = "Unknown level")
    @APIResponse(responseCode = "409", description = "The assessment is withdrawn")
    public Uni<Response> share(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid @NotNull SharingBody body) {
        return ok(lifecycle.share(scope, id, body.level(), body.reason(), caller(), ifMatch));
    }

    private static Uni<Response> ok(Uni<AssessmentView> changed) {
        return changed.map(AssessmentResource::ok);
    }

    /** Who made the change, for revision and sharing history: the user's name, else the token's subject, else the organisation. */
    private String caller() {
        String name = token.getClaim("preferred_username");
        return name != null ? name : token.getSubject() != null ? token.getSubject() : scope.orgCode();
    }
}
