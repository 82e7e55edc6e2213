package uk.nhs.impact.baseline.returns;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Params;

@Path("/api/v1/baseline-collections/{collectionId}/returns/{odsCode}")
@Tag(name = "Baseline returns", description = "One return per organisation per collection. Baseline returns are shared with the "
        + "organisation's ICB, region and NHS England by design (unlike self-assessments, which are private by default).")
@Produces(MediaType.APPLICATION_JSON)
public class ReturnResource {
    @Inject
    ReturnService returns;
    @Inject
    OrgScope scope;
    @Inject
    JsonWebToken token;

    public record ReturnDraft(@Size(max = 60) String questionSetId, @NotNull JsonNode answers) {
    }

    public record RevisionView(int revision, JsonNode answers, java.time.Instant submittedAt, String submittedBy) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Save the organisation's return as a draft (partial answers allowed)", description = "Creates the return on first save (201); later saves need If-Match. Only the organisation's own type of "
            + "question set can be filed, as the hierarchy stood on the collection's reference date.")
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Answers that do not fit the question set, each field named")
    @APIResponse(responseCode = "403", description = "Another organisation's return")
    @APIResponse(responseCode = "409", description = "The collection is closed or not open yet")
    @APIResponse(responseCode = "422", description = "The organisation cannot file in this collection")
    @APIResponse(responseCode = "428", description = "If-Match is missing on a change")
    public Uni<Response> save(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("collectionId") String collectionId,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @PathParam("odsCode") String odsCode,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull ReturnDraft body) {
        String ods = odsCode.toUpperCase(Locale.ROOT);
        return returns.saveDraft(scope, collectionId, ods, body.questionSetId(), body.answers(), ifMatch).chain(saved -> {
            Response.ResponseBuilder r = saved.created()
                    ? Response.created(URI.create("/api/v1/baseline-collections/" + collectionId + "/returns/" + ods))
                    : Response.ok();
            return returns.view(saved.value()).map(v -> r.entity(v).tag(ETags.of(saved.value().version)).build());
        });
    }

    @POST
    @Path("submit")
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Submit the return (or an amendment, until the collection closes); every submission is kept")
    @APIResponse(responseCode = "200", description = "Submitted; the event is published")
    @APIResponse(responseCode = "400", description = "Required answers missing, each named")
    @APIResponse(responseCode = "404", description = "No such return")
    @APIResponse(responseCode = "409", description = "The collection is closed")
    public Uni<Response> submit(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("collectionId") String collectionId,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @PathParam("odsCode") String odsCode,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        String by = token.getSubject() == null ? scope.orgCode() : token.getSubject();
        return returns.submit(scope, collectionId, odsCode.toUpperCase(Locale.ROOT), ifMatch, by)
                .chain(this::ok);
    }

    @GET
    @Authenticated
    @Operation(summary = "Read a return: its organisation, its ICB's overseers, its region's analysts and national analysts")
    @APIResponse(responseCode = "200", description = "Found; the ETag header is its version, for If-Match", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ReturnView.class)))
    @APIResponse(responseCode = "404", description = "No such return, or not visible to the caller")
    public Uni<Response> read(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("collectionId") String collectionId,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @PathParam("odsCode") String odsCode) {
        return returns.read(scope, collectionId, odsCode.toUpperCase(Locale.ROOT))
                .chain(this::ok);
    }

    /** The return as it now stands, with its ETag. */
    private Uni<Response> ok(BaselineReturn r) {
        return returns.view(r).map(v -> Response.ok(v).tag(ETags.of(r.version)).build());
    }

    @GET
    @Path("history")
    @Authenticated
    @Operation(summary = "Every submitted revision of the return, oldest first")
    @APIResponse(responseCode = "200", description = "Every revision, oldest first")
    @APIResponse(responseCode = "404", description = "No such return, or not visible to the caller")
    public Uni<List<RevisionView>> history(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("collectionId") String collectionId,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @PathParam("odsCode") String odsCode) {
        return returns.history(scope, collectionId, odsCode.toUpperCase(Locale.ROOT)).map(list -> list.stream()
                .map(r -> new RevisionView(r.revision, returns.read(r.answers), r.submittedAt, r.submittedBy)).toList());
    }
}
