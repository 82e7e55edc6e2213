package uk.nhs.impact.baseline.collection;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.Params;

@Path("/api/v1/baseline-collections/{collectionId}/completeness")
@Tag(name = "Baseline collections")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CompletenessResource {
    @Inject
    CompletenessService completeness;
    @Inject
    OrgScope scope;

    @GET
    @Operation(summary = "Which organisations of each type have and have not submitted", description = "For ICB overseers their ICB and its trusts; for region analysts their region; for national analysts all. "
            + "Expected organisations are those open in the area on the collection's reference date. Each submitted return shows where it stands in "
            + "its ICB's review (AWAITING_REVIEW, ACCEPTED, RETURNED), and `reviews` counts each.")
    @APIResponse(responseCode = "200", description = "Completeness figures")
    @APIResponse(responseCode = "404", description = "No such collection, or an area the caller may not oversee")
    public Uni<Completeness> completeness(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("collectionId") String collectionId,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area) {
        return completeness.of(scope, collectionId, area);
    }
}
