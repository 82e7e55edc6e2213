package uk.nhs.impact.baseline.returns;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
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

@Path("/api/v1/baseline-collections/{collectionId}/returns/{odsCode}/review")
@Tag(name = "Baseline returns")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {
    private static final String EXAMPLE = """
            {"outcome": "RETURNED", "comments": "Governance reporting is answered no, but the June board paper says yes: please check."}""";

    @Inject
    ReviewService reviews;
    @Inject
    ReturnService returns;
    @Inject
    OrgScope scope;
    @Inject
    JsonWebToken token;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "The ICB accepts the submitted return, or returns it with comments (icb-oversight of the organisation's ICB)", description = "Reviews the return's current submitted revision. A returned return is revised by the organisation "
            + "(save, then submit) and then awaits review again. The ICB is the organisation's on the collection's reference date.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "returned", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Reviewed; the event is published")
    @APIResponse(responseCode = "400", description = "An outcome other than ACCEPTED or RETURNED, comments missing on RETURNED or too long")
    @APIResponse(responseCode = "403", description = "The caller may read the return but is not its ICB's oversight")
    @APIResponse(responseCode = "404", description = "No such return, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "A draft, a revision already reviewed, or a closed collection")
    public Uni<Response> review(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("collectionId") String collectionId,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @PathParam("odsCode") String odsCode,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull Reviews.Outcome body) {
        return reviews.review(scope, collectionId, odsCode.toUpperCase(Locale.ROOT), ifMatch, Reviews.Decision.of(body, token, scope.orgCode()))
                .chain(r -> returns.view(r).map(v -> Response.ok(v).tag(ETags.of(r.version)).build()));
    }
}
