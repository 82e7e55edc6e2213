package uk.nhs.impact.organisation.directory;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.web.Cursors;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Page;
import uk.nhs.impact.platform.web.Params;

@Path("/api/v1/organisations")
@Tag(name = "Organisations", description = "NHS England, its regions, the ICBs, trusts and national directorates, effective-dated: "
        + "which existed on a date, which ICB a trust belonged to, and who merged into whom. Readable by every authenticated caller.")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class OrganisationResource {
    /** What an organisation's name is made of (names in the ODS data are plain letters, digits and punctuation). */
    static final String NAME_PART = "[A-Za-z0-9 .,'&()-]{0,100}";

    /** An ISO date, checked again when parsed so that a well-shaped but impossible date (2023-02-30) is refused too. */
    static final String DATE = "\\d{4}-\\d{2}-\\d{2}";

    @Inject
    OrganisationDirectory directory;

    @GET
    @Operation(summary = "Organisations open on a date, in ODS code order, a page at a time")
    @APIResponse(responseCode = "200", description = "One page; pass next as after for the following one")
    @APIResponse(responseCode = "400", description = "A parameter is not valid (named in errors[])")
    public Page<OrganisationView> list(
            @Parameter(description = "national, region, icb, trust or directorate") @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("level") String level,
            @Parameter(description = "ODS code of the direct parent on asOf") @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("parent") String parent,
            @Parameter(description = "Trust type: acute, mental_health, community, ambulance or specialist") @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @QueryParam("type") String type,
            @Parameter(description = "The date the hierarchy is read at (ISO date; default today)") @Pattern(regexp = DATE) @Size(max = 10) @QueryParam("asOf") String asOf,
            @Parameter(description = "Part of the name, any case") @Size(max = 100) @Pattern(regexp = NAME_PART, message = "must be letters, digits, spaces or .,'&()-") @QueryParam("q") String q,
            @Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("after") String after,
            @Min(1) @Max(Params.LIMIT_MAX) @QueryParam("limit") Integer limit) {
        OrganisationFilter filter = OrganisationFilter.of(level, parent, type, asOf, q);
        int size = Cursors.limit(limit);
        return directory.list(filter, Cursors.decode(after), size);
    }

    @GET
    @Path("{odsCode}")
    @Operation(summary = "One organisation: its parent on a date, its parents over time, predecessors and successors")
    @APIResponse(responseCode = "200", description = "Found; the ETag changes when the organisation's record or history changes", content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrganisationDetail.class)))
    @APIResponse(responseCode = "404", description = "No organisation has this code")
    public Response read(@Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @PathParam("odsCode") String odsCode,
            @Parameter(description = "The date the parent is read at (ISO date; default today)") @Pattern(regexp = DATE) @Size(max = 10) @QueryParam("asOf") String asOf) {
        OrganisationDetail detail = directory.read(odsCode.toUpperCase(Locale.ROOT), OrganisationFilter.date(asOf));
        return Response.ok(detail).tag(ETags.of(detail.version())).build();
    }
}
