package uk.nhs.impact.baseline.fhir;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import uk.nhs.impact.platform.fhir.CapabilityResource;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.fhir.FhirResponses;
import uk.nhs.impact.platform.fhir.Searches;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Params;

/**
 * The baseline over FHIR R4 (see {@link BaselineFhir}): its question set versions as Questionnaires, its returns as
 * QuestionnaireResponses. HTTP only; the roles are those of the REST API's equivalents.
 */
@Path(Fhir.BASE_PATH)
@Tag(name = CapabilityResource.TAG, description = CapabilityResource.TAG_DESCRIPTION)
@Produces(Fhir.MEDIA_TYPE)
public class BaselineFhirResource {
    /** FHIR's id: 1 to 64 letters, digits, dashes and dots. */
    static final String FHIR_ID = "[A-Za-z0-9\\-.]{1,64}";
    static final String QUESTIONNAIRE_RESPONSE = "QuestionnaireResponse";
    private static final String IDEMPOTENCY_SCOPE = ":baseline-returns";

    @Inject
    BaselineFhir fhir;
    @Inject
    IdempotentCreate idempotent;
    @Inject
    OrgScope scope;
    @Inject
    JsonWebToken token;

    @GET
    @Path("Questionnaire/{id}")
    @Authenticated
    @Operation(summary = "A published baseline question set version as a Questionnaire (baseline-<organisation type>-v<n>)")
    @APIResponse(responseCode = "200", description = "The Questionnaire", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such published question set version")
    public Uni<Response> questionnaire(@Pattern(regexp = FHIR_ID) @PathParam("id") String id) {
        return fhir.questionnaire(id).map(form -> {
            if (form == null) {
                throw ProblemException.notFound("Questionnaire/" + id);
            }
            return FhirResponses.ok(form.questionnaire());
        });
    }

    @GET
    @Path("Questionnaire")
    @Authenticated
    @Operation(summary = "The baseline Questionnaires, by canonical url and version", description = "Without url, every published "
            + "baseline question set version; a url that is not a baseline Questionnaire of this server finds nothing.")
    @APIResponse(responseCode = "200", description = "A searchset Bundle", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    public Uni<Response> questionnaires(@Size(max = 300) @QueryParam("url") String url, @Size(max = 20) @QueryParam("version") String version,
            @Context UriInfo uri) {
        String given = Searches.unescape(url);
        String canonical = given == null ? null : given.contains("|") ? given.substring(0, given.indexOf('|')) : given;
        String wanted = version != null ? version : given != null && given.contains("|") ? given.substring(given.indexOf('|') + 1) : null;
        return fhir.questionnaires().map(all -> FhirResponses.of(Searches.searchset("Questionnaire", all.stream()
                .filter(form -> canonical == null || form.url().equals(canonical))
                .filter(form -> wanted == null || Integer.toString(form.version()).equals(wanted))
                .map(BaselineQuestionnaire::questionnaire).toList(), uri.getRequestUri().getRawQuery(), null)));
    }

    @POST
    @Path(QUESTIONNAIRE_RESPONSE)
    @Consumes({Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "File a baseline return as a QuestionnaireResponse: in-progress saves a draft, completed saves and submits it", description = "The subject is the organisation (by ODS code), the item collection names the collection. The same "
            + "rules as the REST API (the organisation's own type of question set, the collection's window, answers, required answers "
            + "when completed), every failure at once naming its item's linkId. Replays of the same Idempotency-Key return the first response.")
    @APIResponse(responseCode = "201", description = "Filed; Location and ETag name its version", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "400", description = "Not a QuestionnaireResponse of a baseline Questionnaire, or answers that do not fit it (OperationOutcome)")
    @APIResponse(responseCode = "403", description = "Another organisation's return")
    @APIResponse(responseCode = "404", description = "No such collection")
    @APIResponse(responseCode = "409", description = "The organisation has a return in the collection already, or the collection is not open")
    @APIResponse(responseCode = "422", description = "The organisation cannot file in this collection, or the Idempotency-Key was used with another body")
    public Uni<Response> create(@Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key, String body) {
        QuestionnaireResponse response = Fhir.read(body, QuestionnaireResponse.class);
        String by = submittedBy();
        return idempotent.create(key, scope.orgCode() + IDEMPOTENCY_SCOPE, Fhir.write(response), () -> fhir.create(scope, response, by)
                .map(filed -> {
                    QuestionnaireResponse created = fhir.resource(filed);
                    return new Created(URI.create(history(created)), fhir.tree(created), filed.value().version);
                }))
                .map(BaselineFhirResource::asFhir);
    }

    @GET
    @Path(QUESTIONNAIRE_RESPONSE + "/{id}")
    @Authenticated
    @Operation(summary = "Read a baseline return as a QuestionnaireResponse: its organisation, its ICB's overseers, its region's analysts and national analysts")
    @APIResponse(responseCode = "200", description = "Found; the ETag header is its version (W/\"n\"), for If-Match", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such return, or not visible to the caller")
    public Uni<Response> read(@Pattern(regexp = FHIR_ID) @PathParam("id") String id) {
        return fhir.read(scope, id).map(filed -> FhirResponses.ok(fhir.resource(filed)));
    }

    @PUT
    @Path(QUESTIONNAIRE_RESPONSE + "/{id}")
    @Consumes({Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Replace a baseline return's answers: in-progress saves the draft, completed submits it, amended submits a revision of a submitted return", description = "Needs If-Match with the version read (W/\"n\"). The body's id is the id in the URL; its subject and "
            + "collection are the return's.")
    @APIResponse(responseCode = "200", description = "Saved; the ETag and Content-Location headers name its new version", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "400", description = "Answers that do not fit the Questionnaire, or a status the return cannot take (OperationOutcome)")
    @APIResponse(responseCode = "403", description = "A return the caller may read but not change")
    @APIResponse(responseCode = "404", description = "No such return, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "The collection is closed")
    public Uni<Response> update(@Pattern(regexp = FHIR_ID) @PathParam("id") String id,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, String body) {
        QuestionnaireResponse response = Fhir.read(body, QuestionnaireResponse.class);
        return fhir.update(scope, id, response, Fhir.ifMatch(ifMatch), submittedBy()).map(filed -> {
            QuestionnaireResponse updated = fhir.resource(filed);
            // FHIR clients take the new version from Content-Location, as from a create's Location
            return Response.fromResponse(FhirResponses.ok(updated)).contentLocation(URI.create(history(updated))).build();
        });
    }

    @GET
    @Path(QUESTIONNAIRE_RESPONSE)
    @Authenticated
    @Operation(summary = "Search baseline returns of an organisation (the caller's own by default) that the caller may read", description = "By questionnaire "
            + "(canonical, with or without |version), subject:identifier (" + Fhir.ODS_SYSTEM
            + "|<ODS code>; or chained, subject.identifier), status, authored "
            + "(eq, ge, gt, le, lt a date); _count per page (1 to 100, 50), then the next link's _cursor.")
    @APIResponse(responseCode = "200", description = "A searchset Bundle", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "400", description = "A bad parameter (OperationOutcome)")
    public Uni<Response> search(@Size(max = 300) @QueryParam("questionnaire") String questionnaire,
            @Size(max = 200) @QueryParam("subject:identifier") String subject,
            @Size(max = 200) @QueryParam("subject.identifier") String chainedSubject, @QueryParam("status") List<@Size(max = 100) String> status,
            @QueryParam("authored") List<@Size(max = 40) String> authored, @Size(max = 10) @QueryParam("_count") String count,
            @Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("_cursor") String cursor, @Context UriInfo uri) {
        String self = uri.getRequestUri().getRawQuery();
        String canonical = Searches.unescape(questionnaire);
        return fhir.search(scope, new BaselineFhir.Search(canonical, subject != null ? subject : chainedSubject, status, authored, count, cursor)).map(page -> {
            String next = page.next() == null ? null : Searches.nextPage(self, page.next());
            Bundle bundle = Searches.searchset(QUESTIONNAIRE_RESPONSE, page.items(), self, next);
            return FhirResponses.of(bundle);
        });
    }

    /** {@code /api/v1/fhir/QuestionnaireResponse/<id>/_history/<version>} */
    private static String history(QuestionnaireResponse r) {
        return Fhir.BASE_PATH + "/" + QUESTIONNAIRE_RESPONSE + "/" + r.getIdElement().getIdPart() + "/_history/" + r.getMeta().getVersionId();
    }

    private String submittedBy() {
        return token.getSubject() == null ? scope.orgCode() : token.getSubject();
    }

    /**
     * The create's answer, fresh or replayed for its Idempotency-Key, as FHIR: {@code application/fhir+json} with the weak
     * ETag {@code W/"n"}.
     */
    static Response asFhir(Response r) {
        Object entity = r.getEntity();
        Response.ResponseBuilder b = Response.status(r.getStatus()).type(Fhir.MEDIA_TYPE)
                .entity(entity == null || entity instanceof String ? entity : entity.toString());
        if (r.getLocation() != null) {
            b.location(r.getLocation());
        }
        String replayed = r.getHeaderString(IdempotentCreate.REPLAYED);
        if (replayed != null) {
            b.header(IdempotentCreate.REPLAYED, replayed);
        }
        String etag = r.getHeaderString("ETag");
        if (etag != null) {
            b.tag(Fhir.etag(Long.parseLong(etag.replace("W/", "").replace("\"", "").trim())));
        }
        return b.build();
    }
}
