package uk.nhs.impact.survey.fhir;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.Questionnaire;
import uk.nhs.impact.platform.fhir.CapabilityResource;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.fhir.FhirResponses;
import uk.nhs.impact.platform.fhir.Searches;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Params;

/**
 * The survey over FHIR R4: each published survey version as a {@code Questionnaire}, and responses as
 * {@code QuestionnaireResponse}s (application/fhir+json), with the roles of the REST API's equivalents. Failures are
 * OperationOutcomes (the platform rewrites every problem on these paths), each naming the item's linkId.
 */
@Path(Fhir.BASE_PATH)
@Tag(name = CapabilityResource.TAG, description = CapabilityResource.TAG_DESCRIPTION)
@Produces(Fhir.MEDIA_TYPE)
public class SurveyFhirResource {
    static final String FHIR_ID = "[A-Za-z0-9.-]{1,64}";
    static final int FHIR_ID_MAX = 64;
    private static final String QR_BODY = "A FHIR R4 QuestionnaireResponse answering a survey Questionnaire (questionnaire = url|version), about "
            + "an Organization by ODS code (subject.identifier), with the items survey-run and respondent (respondent-role, "
            + "optionally respondent-reference) and the questions, each by its linkId";
    private static final String REFERENCE_DOC = "The person a trust system answers for (respondent-reference of the response): "
            + "needed to see a response filed with one, unless the caller is a viewer of its trust";

    @Inject
    SurveyQuestionnaires questionnaires;
    @Inject
    QuestionnaireResponseService responses;
    @Inject
    OrgScope scope;
    @Inject
    JsonWebToken token;

    @GET
    @Path("Questionnaire/{id}")
    @Authenticated
    @Operation(summary = "A published survey version as a FHIR Questionnaire, generated from its definition")
    @APIResponse(responseCode = "200", description = "The Questionnaire, with its answer options in a contained CodeSystem", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No published survey version has this id")
    public Uni<Response> questionnaire(@Pattern(regexp = FHIR_ID) @Size(max = FHIR_ID_MAX) @PathParam("id") String id) {
        return questionnaires.byId(id).map(q -> {
            if (q == null) {
                throw ProblemException.notFound("Questionnaire " + id);
            }
            return FhirResponses.of(q.resource());
        });
    }

    @GET
    @Path("Questionnaire")
    @Authenticated
    @Operation(summary = "The survey Questionnaires, by canonical URL and optionally version (every published one without a url)")
    @APIResponse(responseCode = "200", description = "A searchset Bundle; empty for a url that is not one of this service's", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    public Uni<Response> questionnaires(
            @Parameter(description = "The canonical URL, with or without |version") @Size(max = 300) @Pattern(regexp = "[!-~]{1,300}") @QueryParam("url") String urlParam,
            @Parameter(description = "The survey version") @Size(max = 6) @Pattern(regexp = "[0-9]{1,6}") @QueryParam("version") String version,
            @Context UriInfo uri) {
        String self = uri.getRequestUri().getRawQuery();
        String url = Searches.unescape(urlParam);
        return Uni.createFrom().deferred(() -> {
            if (url == null) {
                return questionnaires.all();
            }
            String id = Fhir.questionnaireId(url).orElse(null);
            int bar = url.indexOf('|');
            String urlVersion = bar < 0 ? null : url.substring(bar + 1);
            return id == null
                    ? Uni.createFrom().item(List.<SurveyQuestionnaire>of())
                    : questionnaires.byId(id).map(q -> q == null || urlVersion != null && !urlVersion.equals(Integer.toString(q.version()))
                            ? List.<SurveyQuestionnaire>of()
                            : List.of(q));
        }).map(list -> {
            List<Questionnaire> matches = list.stream().filter(q -> version == null || version.equals(Integer.toString(q.version())))
                    .map(SurveyQuestionnaire::resource).toList();
            return FhirResponses.of(Searches.searchset("Questionnaire", matches, self, null));
        });
    }

    @POST
    @Path("QuestionnaireResponse")
    @Consumes({Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "File a survey response: in-progress saves a draft, completed also submits it", description = "The same "
            + "as starting, answering and (when completed) submitting through the REST API, in one transaction: one response per "
            + "respondent per run, while the run is open, for the caller's own organisation. Replays of an Idempotency-Key return "
            + "the first answer and file nothing.")
    @RequestBody(required = true, content = @Content(mediaType = Fhir.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT, description = QR_BODY)))
    @APIResponse(responseCode = "201", description = "Filed: the QuestionnaireResponse, its version as a weak ETag and its Location", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "400", description = "An OperationOutcome with every failure, each naming the item's linkId; nothing is stored")
    @APIResponse(responseCode = "403", description = "Another organisation")
    @APIResponse(responseCode = "409", description = "Outside the run's window, or the respondent already has a response in the run")
    @APIResponse(responseCode = "422", description = "The organisation's type may not respond to this run, or the Idempotency-Key was used with another body")
    public Uni<Response> create(@Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key, String body) {
        return responses.create(scope, token, key, body);
    }

    @GET
    @Path("QuestionnaireResponse/{id}")
    @Authenticated
    @Operation(summary = "One survey response as a QuestionnaireResponse (id survey-<response id>)")
    @APIResponse(responseCode = "200", description = "Found; the ETag is its version (W/\"n\"), for If-Match", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such response, or not visible to the caller")
    public Uni<Response> read(@Pattern(regexp = FHIR_ID) @Size(max = FHIR_ID_MAX) @PathParam("id") String id,
            @Parameter(description = REFERENCE_DOC) @Pattern(regexp = Params.REFERENCE) @Size(max = Params.REFERENCE_MAX) @QueryParam("respondentReference") String reference) {
        return responses.read(scope, token, id, reference);
    }

    @PUT
    @Path("QuestionnaireResponse/{id}")
    @Consumes({Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Replace a survey response's answers: in-progress saves a draft, completed submits it, amended submits a change", description = "The same as saving (every answer replaced) and submitting through the "
            + "REST API, in one transaction; only the respondent changes a response, while the run is open. The body's id is the "
            + "path's; If-Match carries the version read (W/\"n\").")
    @RequestBody(required = true, content = @Content(mediaType = Fhir.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT, description = QR_BODY)))
    @APIResponse(responseCode = "200", description = "Saved or submitted: the QuestionnaireResponse; the ETag and Content-Location name its new version", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "400", description = "An OperationOutcome with every failure, each naming the item's linkId; nothing is changed")
    @APIResponse(responseCode = "404", description = "No such response, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Outside the run's window")
    public Uni<Response> update(@Pattern(regexp = FHIR_ID) @Size(max = FHIR_ID_MAX) @PathParam("id") String id,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, String body) {
        return responses.update(scope, token, id, ifMatch, body);
    }

    @GET
    @Path("QuestionnaireResponse")
    @Authenticated
    @Operation(summary = "Survey responses to a Questionnaire that the caller may see, oldest first: its own, or its trust's for viewers")
    @APIResponse(responseCode = "200", description = "A searchset Bundle, with a next link while there are more", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    public Uni<Response> search(
            @Parameter(description = "The Questionnaire's canonical URL, with or without |version (required)") @Size(max = 300) @Pattern(regexp = "[!-~]{1,300}") @QueryParam("questionnaire") String questionnaire,
            @Parameter(description = "The organisation: " + Fhir.ODS_SYSTEM
                    + "|<ODS code>") @Size(max = 120) @Pattern(regexp = "[!-~]{1,120}") @QueryParam("subject:identifier") String subject,
            @Parameter(description = "in-progress, completed, amended (comma-separated for any of them)") @Size(max = 100) @Pattern(regexp = "[a-z,-]{1,100}") @QueryParam("status") String status,
            @Parameter(description = "A date with an optional prefix eq, ge, gt, le or lt; twice for a range") @Size(max = 2) @QueryParam("authored") List<@Size(max = 40) @Pattern(regexp = "(eq|ge|gt|le|lt)?[0-9]{4}-[0-9]{2}-[0-9]{2}[!-~]{0,26}") String> authored,
            @Parameter(description = "Page size (50)") @Min(1) @Max(QuestionnaireResponseService.COUNT_MAX) @QueryParam("_count") Integer _count,
            @Parameter(description = "The next link's cursor") @Size(max = Params.CURSOR_MAX) @Pattern(regexp = Params.CURSOR) @QueryParam("_cursor") String _cursor,
            @Parameter(description = REFERENCE_DOC) @Pattern(regexp = Params.REFERENCE) @Size(max = Params.REFERENCE_MAX) @QueryParam("respondentReference") String reference,
            @Context UriInfo uri) {
        return responses.search(scope, token,
                new QuestionnaireResponseService.Search(Searches.unescape(questionnaire), subject, status, authored, _count, _cursor, reference),
                uri.getRequestUri().getRawQuery());
    }
}
