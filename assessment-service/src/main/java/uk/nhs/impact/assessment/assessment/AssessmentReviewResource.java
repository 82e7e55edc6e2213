package uk.nhs.impact.assessment.assessment;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Params;

/** The ICB's review of a submitted assessment shared with it, and where its trusts' assessments stand in review. */
@Path(AssessmentResource.BASE)
@Tag(name = AssessmentResource.TAG, description = AssessmentResource.TAG_DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentReviewResource {
    private static final String EXAMPLE = """
            {"outcome": "RETURNED", "comments": "The evidence for C2 does not support the level chosen: please review with the board."}""";

    @Inject
    AssessmentReviews reviews;
    @Inject
    ReviewStatusService status;
    @Inject
    OrgScope scope;
    @Inject
    JsonWebToken token;

    @GET
    @Path("review-status")
    @Authenticated
    @Operation(summary = "Where the ICB's trusts' self-assessments for a cycle stand in its review (icb-oversight)", description = "Per trust: AWAITING_REVIEW, ACCEPTED or RETURNED for an assessment shared with the ICB or wider, "
            + "NOT_SHARED otherwise (which does not say whether a private one exists); and the count of each.")
    @APIResponse(responseCode = "200", description = "The ICB's trusts and their review states")
    @APIResponse(responseCode = "400", description = "cycle is missing or not a cycle")
    @APIResponse(responseCode = "404", description = "The caller is not an ICB's oversight")
    public Uni<ReviewStatus> reviewStatus(@NotNull @Pattern(regexp = Params.CYCLE) @Size(max = Params.CYCLE_MAX) @QueryParam("cycle") String cycle) {
        return status.of(scope, cycle, LocalDate.now());
    }

    @POST
    @Path("{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "The ICB accepts the submitted assessment, or returns it with comments (icb-oversight of the organisation's ICB)", description = "Only an assessment shared with the ICB or wider. A returned assessment is reopened, revised, signed off "
            + "and resubmitted by the organisation, and then awaits review again. The ICB is the organisation's on the reference date.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "returned", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Reviewed; the event is published")
    @APIResponse(responseCode = "400", description = "An outcome other than ACCEPTED or RETURNED, comments missing on RETURNED or too long")
    @APIResponse(responseCode = "403", description = "The caller may read the assessment but is not its ICB's oversight")
    @APIResponse(responseCode = "404", description = AssessmentResource.NOT_VISIBLE)
    @APIResponse(responseCode = "409", description = "The current revision is already reviewed")
    public Uni<Response> review(@PathParam("id") UUID id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid @NotNull Reviews.Outcome body) {
        return reviews.review(scope, id, ifMatch, Reviews.Decision.of(body, token, scope.orgCode())).map(AssessmentResource::ok);
    }
}
