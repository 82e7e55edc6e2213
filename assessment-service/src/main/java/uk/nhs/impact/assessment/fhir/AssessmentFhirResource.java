package uk.nhs.impact.assessment.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import uk.nhs.impact.assessment.assessment.AssessmentLifecycle;
import uk.nhs.impact.assessment.assessment.AssessmentService;
import uk.nhs.impact.assessment.assessment.AssessmentView;
import uk.nhs.impact.assessment.instrument.InstrumentCatalogue;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.platform.fhir.CapabilityResource;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.fhir.FhirResponses;
import uk.nhs.impact.platform.fhir.ResponseCheck;
import uk.nhs.impact.platform.fhir.Searches;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.instrument.VersionedInstruments.Entry;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Params;

/**
 * The self-assessment over FHIR R4: each published instrument version as a Questionnaire, and assessments filed, read, updated
 * and searched as QuestionnaireResponses. Every change runs through {@link AssessmentService} and {@link AssessmentLifecycle},
 * the same as the REST API's (checks, access rules, audit, outbox events), and all the steps of one request commit together.
 */
@Path(Fhir.BASE_PATH)
@Tag(name = CapabilityResource.TAG, description = CapabilityResource.TAG_DESCRIPTION)
@Produces(Fhir.MEDIA_TYPE)
public class AssessmentFhirResource {
    static final String QUESTIONNAIRE = "QuestionnaireResponse.questionnaire";
    private static final String NOT_VISIBLE = "No such QuestionnaireResponse, or not visible to the caller";
    private static final int MAX_COUNT = 100;
    static final String FHIR_ID = "[A-Za-z0-9.-]{1,64}";
    static final String CANONICAL = "[!-~]{1,300}";

    @Inject
    AssessmentService service;
    @Inject
    AssessmentLifecycle lifecycle;
    @Inject
    InstrumentCatalogue instruments;
    @Inject
    IdempotentCreate idempotent;
    @Inject
    OrgScope scope;
    @Inject
    JsonWebToken token;
    @Inject
    ObjectMapper json;

    @GET
    @Path("Questionnaire/{id}")
    @Authenticated
    @Operation(summary = "A published self-assessment version as a Questionnaire (id assessment-<instrument>-v<version>)")
    @APIResponse(responseCode = "200", description = "The Questionnaire", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such published version")
    public Uni<Response> questionnaire(@Pattern(regexp = FHIR_ID) @Size(max = 64) @PathParam("id") String id) {
        return published(id).map(e -> FhirResponses.ok(AssessmentQuestionnaires.of(e)));
    }

    @GET
    @Path("Questionnaire")
    @Authenticated
    @Operation(summary = "Self-assessment Questionnaires by canonical url, and optionally version")
    @APIResponse(responseCode = "200", description = "A searchset Bundle", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    public Uni<Response> questionnaires(@Pattern(regexp = CANONICAL) @Size(max = 300) @QueryParam("url") String urlParam,
            @Pattern(regexp = "[0-9]{1,6}") @Size(max = 6) @QueryParam("version") String versionParam, @Context UriInfo uri) {
        String url = Searches.unescape(urlParam);
        String version = versionParam;
        if (url == null || url.isBlank()) {
            throw ProblemException.validation("url", "is required: the canonical of the Questionnaire, which names its kind of return");
        }
        // one after another: the reads share the request's session, which takes one query at a time
        return instruments.instrumentIds().chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(instruments::versions).collect().asList()).map(versions -> {
                    List<Questionnaire> matches = new ArrayList<>();
                    versions.stream().flatMap(List::stream).filter(Entry::published).forEach(e -> {
                        Questionnaire q = AssessmentQuestionnaires.of(e);
                        String canonical = url == null ? null : url.contains("|") ? url.substring(0, url.indexOf('|')) : url;
                        String wanted = version != null ? version : url != null && url.contains("|") ? url.substring(url.indexOf('|') + 1) : null;
                        if ((canonical == null || canonical.equals(q.getUrl())) && (wanted == null || wanted.equals(q.getVersion()))) {
                            matches.add(q);
                        }
                    });
                    return FhirResponses.of(Searches.searchset("Questionnaire", matches, uri.getRequestUri().getRawQuery(), null));
                });
    }

    @POST
    @Path("QuestionnaireResponse")
    @Consumes({Fhir.MEDIA_TYPE, "application/json"})
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "File a self-assessment as a QuestionnaireResponse", description = "in-progress creates a draft; completed also "
            + "records the board's sign-off and submits it. Checked against the Questionnaire, then by the same rules as the REST API; "
            + "all or nothing. Replays of the same Idempotency-Key return the first answer.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name its version", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "400", description = "An OperationOutcome with an issue per failing item, naming its linkId")
    @APIResponse(responseCode = "409", description = "The organisation already has an assessment for the cycle")
    public Uni<Response> create(@Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key, String body) {
        QuestionnaireResponse r = Fhir.read(body, QuestionnaireResponse.class);
        if (r.hasIdElement() && r.getIdElement().hasIdPart()) {
            throw ProblemException.validation("QuestionnaireResponse.id", "a new resource has no id: the server gives it one");
        }
        QuestionnaireResponseStatus status = r.getStatus();
        if (status != QuestionnaireResponseStatus.INPROGRESS && status != QuestionnaireResponseStatus.COMPLETED) {
            throw ProblemException.validation("QuestionnaireResponse.status", "a new response is in-progress or completed");
        }
        return checked(r).chain(e -> {
            AssessmentResponses.Filed filed = AssessmentResponses.read(r, e.definition());
            AssessmentService.NewAssessment request = new AssessmentService.NewAssessment(filed.odsCode(), filed.cycle(), filed.referenceDate(),
                    e.instrumentId(), e.number());
            return idempotent.create(key, scope.orgCode() + ":fhir-assessments", body, () -> service.create(scope, request)
                    .chain(created -> apply(created, filed, status, e.definition()))
                    .map(v -> {
                        QuestionnaireResponse saved = AssessmentResponses.of(v, e.definition());
                        return new Created(URI.create(Fhir.BASE_PATH + "/QuestionnaireResponse/" + saved.getIdElement().getIdPart()
                                + "/_history/" + v.etag()), tree(saved), v.etag());
                    }));
        }).onFailure(ProblemException.class).transform(f -> AssessmentResponses.asItems((ProblemException) f)).map(this::asFhir);
    }

    @GET
    @Path("QuestionnaireResponse/{id}")
    @Authenticated
    @Operation(summary = "One self-assessment as a QuestionnaireResponse (id assessment-<assessment id>)")
    @APIResponse(responseCode = "200", description = "Found; ETag W/\"n\" is its version", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = NOT_VISIBLE)
    public Uni<Response> read(@Pattern(regexp = FHIR_ID) @Size(max = 64) @PathParam("id") String id) {
        UUID assessment = AssessmentResponses.assessmentId(id).orElseThrow(() -> ProblemException.notFound("QuestionnaireResponse " + id));
        return service.read(scope, assessment).chain(v -> definition(v).map(def -> FhirResponses.ok(AssessmentResponses.of(v, def))));
    }

    @PUT
    @Path("QuestionnaireResponse/{id}")
    @Consumes({Fhir.MEDIA_TYPE, "application/json"})
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Update a self-assessment from a QuestionnaireResponse", description = "Replaces the answers. in-progress saves "
            + "a draft (reopening a submitted one as a new revision); completed signs off and submits a draft; amended reopens a "
            + "submitted one and submits the new revision; entered-in-error withdraws it. Needs If-Match with the version (W/\"n\").")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "400", description = "An OperationOutcome with an issue per failing item, naming its linkId")
    @APIResponse(responseCode = "404", description = "No such QuestionnaireResponse, or not the caller's")
    @APIResponse(responseCode = "409", description = "A change the assessment's state does not allow")
    @APIResponse(responseCode = "412", description = "If-Match is not the current version")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Uni<Response> update(@Pattern(regexp = FHIR_ID) @Size(max = 64) @PathParam("id") String id,
            @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch,
            String body) {
        UUID assessment = AssessmentResponses.assessmentId(id).orElseThrow(() -> ProblemException.notFound("QuestionnaireResponse " + id));
        QuestionnaireResponse r = Fhir.read(body, QuestionnaireResponse.class);
        if (!id.equals(r.getIdElement().getIdPart())) {
            throw ProblemException.validation("QuestionnaireResponse.id", "must be " + id + ", the id in the URL");
        }
        return Panache.withTransaction(() -> service.readOwn(scope, assessment).chain(own -> checked(r).chain(e -> {
            if (!own.assessment().instrumentId.equals(e.instrumentId()) || own.assessment().instrumentVersion != e.number()) {
                throw ProblemException.validation(QUESTIONNAIRE, "this assessment answers "
                        + AssessmentQuestionnaires.id(own.assessment().instrumentId, own.assessment().instrumentVersion));
            }
            AssessmentResponses.Filed filed = AssessmentResponses.read(r, e.definition());
            List<FieldError> fixed = new ArrayList<>();
            if (!filed.odsCode().equals(own.assessment().odsCode)) {
                fixed.add(new FieldError("QuestionnaireResponse.subject", "is " + own.assessment().odsCode + " and cannot change"));
            }
            if (!filed.cycle().equals(own.assessment().cycle)) {
                fixed.add(new FieldError(ResponseCheck.item(AssessmentQuestionnaires.CYCLE), "is " + own.assessment().cycle + " and cannot change"));
            }
            if (!filed.referenceDate().equals(own.assessment().referenceDate)) {
                fixed.add(new FieldError(ResponseCheck.item(AssessmentQuestionnaires.REFERENCE_DATE),
                        "is " + own.assessment().referenceDate + " and cannot change"));
            }
            if (!fixed.isEmpty()) {
                throw ProblemException.validation(fixed);
            }
            return transition(assessment, own.assessment().status.name(), Fhir.ifMatch(ifMatch), filed, r.getStatus());
        }))).onFailure(ProblemException.class).transform(f -> AssessmentResponses.asItems((ProblemException) f))
                .chain(v -> definition(v).map(def -> FhirResponses.ok(AssessmentResponses.of(v, def))));
    }

    @GET
    @Path("QuestionnaireResponse")
    @Authenticated
    @Operation(summary = "Search self-assessments as QuestionnaireResponses", description = "By organisation (subject:identifier, the "
            + "caller's own by default), questionnaire, status and authored date; oldest first, a page at a time. Others than the "
            + "organisation find only submitted assessments shared with them.")
    @APIResponse(responseCode = "200", description = "A searchset Bundle", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "400", description = "A bad parameter")
    public Uni<Response> search(@Pattern(regexp = CANONICAL) @Size(max = 300) @QueryParam("questionnaire") String questionnaireParam,
            @Pattern(regexp = "[!-~]{1,120}") @Size(max = 120) @QueryParam("subject:identifier") String subject,
            @Pattern(regexp = "[a-z-]{1,20}(,[a-z-]{1,20}){0,4}") @Size(max = 100) @QueryParam("status") String status,
            @Size(max = 2) @QueryParam("authored") List<@Pattern(regexp = "[a-z]{0,2}[0-9]{4}-[0-9]{2}-[0-9]{2}[0-9T:.+Z-]{0,20}") @Size(max = 40) String> authored,
            @Min(1) @Max(MAX_COUNT) @QueryParam("_count") Integer count,
            @Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("_cursor") String cursor, @Context UriInfo uri) {
        String questionnaire = Searches.unescape(questionnaireParam);
        String ods = Optional.ofNullable(Searches.subjectOds(subject)).orElse(scope.orgCode());
        Searches.DateRange range = Searches.DateRange.of(authored, "authored");
        List<String> statuses = status == null ? List.of() : List.of(status.split(","));
        for (String s : statuses) {
            if (!List.of("in-progress", "completed", "amended", "entered-in-error").contains(s)) {
                throw ProblemException.validation("status", s + " is not one of in-progress, completed, amended, entered-in-error");
            }
        }
        if (questionnaire == null || questionnaire.isBlank()) {
            throw ProblemException.validation("questionnaire", "is required: the canonical of the Questionnaire, which names its kind of return");
        }
        Optional<AssessmentQuestionnaires.Version> version = Fhir.questionnaireId(questionnaire).flatMap(AssessmentQuestionnaires::version);
        if (version.isEmpty()) {
            throw ProblemException.validation("questionnaire", "is not a Questionnaire of this server");
        }
        boolean versioned = questionnaire.contains("|");
        int limit = count == null ? 50 : count;
        return service.list(scope, ods, null, cursor, limit).chain(page -> {
            List<AssessmentView.Summary> wanted = page.items().stream()
                    .filter(s -> s.instrumentId().equals(version.get().instrumentId())
                            && (!versioned || s.instrumentVersion() == version.get().number()))
                    .filter(s -> statuses.isEmpty() || statuses.contains(AssessmentResponses.status(s.status(), s.revision()).toCode()))
                    .toList();
            // read one after another: the reads share the request's session, which takes one query at a time
            Uni<List<QuestionnaireResponse>> all = Multi.createFrom().iterable(wanted)
                    .onItem().transformToUniAndConcatenate(s -> service.read(scope, UUID.fromString(s.id()))
                            .chain(v -> definition(v).map(def -> AssessmentResponses.of(v, def))))
                    .collect().asList();
            return all.map(found -> {
                List<QuestionnaireResponse> matches = found.stream().filter(q -> range.contains(q.getAuthored().toInstant())).toList();
                String self = uri.getRequestUri().getRawQuery();
                String next = page.next() == null ? null : Searches.nextPage(self, page.next());
                return FhirResponses.of(Searches.searchset("QuestionnaireResponse", matches, self, next));
            });
        });
    }

    /**
     * Moves the assessment from where it is to the status asked for, through the lifecycle's own steps, each checking the version
     * the one before it left. All run in the caller's transaction.
     */
    private Uni<AssessmentView> transition(UUID id, String current, String ifMatch, AssessmentResponses.Filed filed, QuestionnaireResponseStatus wanted) {
        String by = caller();
        String reason = filed.amendmentReason().orElse("Amended through the FHIR API");
        return switch (wanted) {
            case INPROGRESS -> switch (current) {
                case "DRAFT" -> lifecycle.answer(scope, id, filed.answers(), ifMatch);
                case "SIGNED_OFF", "SUBMITTED" -> lifecycle.reopen(scope, id, reason, by, ifMatch)
                        .chain(v -> lifecycle.answer(scope, id, filed.answers(), tag(v)));
                default -> Uni.createFrom().failure(refused(current, wanted));
            };
            case COMPLETED -> switch (current) {
                case "DRAFT" -> lifecycle.answer(scope, id, filed.answers(), ifMatch).chain(v -> submit(id, v, filed, by));
                case "SIGNED_OFF" -> lifecycle.reopen(scope, id, reason, by, ifMatch).chain(v -> lifecycle.answer(scope, id, filed.answers(), tag(v)))
                        .chain(v -> submit(id, v, filed, by));
                default -> Uni.createFrom().failure(refused(current, wanted));
            };
            case AMENDED -> "SUBMITTED".equals(current)
                    ? lifecycle.reopen(scope, id, reason, by, ifMatch).chain(v -> lifecycle.answer(scope, id, filed.answers(), tag(v)))
                            .chain(v -> submit(id, v, filed, by))
                    : Uni.createFrom().failure(refused(current, wanted));
            case ENTEREDINERROR -> lifecycle.withdraw(scope, id, filed.amendmentReason().orElse("Entered in error"), by, ifMatch);
            default -> Uni.createFrom().failure(ProblemException.validation("QuestionnaireResponse.status",
                    "is in-progress, completed, amended or entered-in-error"));
        };
    }

    /** After a create: the answers, and for a completed response the sign-off and submission. */
    private Uni<AssessmentView> apply(AssessmentView created, AssessmentResponses.Filed filed, QuestionnaireResponseStatus status,
            InstrumentDefinition def) {
        UUID id = UUID.fromString(created.id());
        Uni<AssessmentView> answered = lifecycle.answer(scope, id, filed.answers(), tag(created));
        return status == QuestionnaireResponseStatus.COMPLETED ? answered.chain(v -> submit(id, v, filed, caller())) : answered;
    }

    private Uni<AssessmentView> submit(UUID id, AssessmentView v, AssessmentResponses.Filed filed, String by) {
        AssessmentResponses.SignOffParts parts = filed.signOff().orElseThrow(() -> ProblemException.validation(
                ResponseCheck.item(AssessmentQuestionnaires.SIGN_OFF), "a completed assessment needs the board's sign-off"));
        return lifecycle.signOff(scope, id, parts.signOff(by), tag(v)).chain(s -> lifecycle.submit(scope, id, tag(s)));
    }

    private static ProblemException refused(String current, QuestionnaireResponseStatus wanted) {
        return ProblemException.conflict("A " + current.toLowerCase(Locale.ROOT).replace('_', ' ') + " assessment cannot become "
                + wanted.toCode() + (wanted == QuestionnaireResponseStatus.COMPLETED && "SUBMITTED".equals(current)
                        ? "; send amended to submit a new revision"
                        : ""));
    }

    /** The published version a response's questionnaire names, with the response checked against its Questionnaire. */
    private Uni<Entry<InstrumentDefinition>> checked(QuestionnaireResponse r) {
        String canonical = r.getQuestionnaire();
        Optional<AssessmentQuestionnaires.Version> v = Fhir.questionnaireId(canonical).flatMap(AssessmentQuestionnaires::version);
        if (v.isEmpty()) {
            throw ProblemException.validation(QUESTIONNAIRE, "must be the canonical of a self-assessment Questionnaire, "
                    + Fhir.questionnaireUrl(AssessmentQuestionnaires.PREFIX + "<instrument>-v<version>") + "|<version>");
        }
        String version = canonical.contains("|") ? canonical.substring(canonical.indexOf('|') + 1) : null;
        if (version != null && !version.equals(Integer.toString(v.get().number()))) {
            throw ProblemException.validation(QUESTIONNAIRE, "names version " + version + " of a Questionnaire of version " + v.get().number());
        }
        return instruments.find(v.get().instrumentId(), v.get().number())
                .onFailure(ProblemException.class).transform(f -> ProblemException.validation(QUESTIONNAIRE, "no such published Questionnaire"))
                .map(e -> {
                    if (e == null || !e.published()) {
                        throw ProblemException.validation(QUESTIONNAIRE, "no such published Questionnaire");
                    }
                    List<FieldError> errors = new ResponseCheck(AssessmentQuestionnaires.of(e)).check(r);
                    if (!errors.isEmpty()) {
                        throw ProblemException.validation(errors);
                    }
                    return e;
                });
    }

    private Uni<Entry<InstrumentDefinition>> published(String id) {
        AssessmentQuestionnaires.Version v = AssessmentQuestionnaires.version(id)
                .orElseThrow(() -> ProblemException.notFound("Questionnaire " + id));
        return instruments.find(v.instrumentId(), v.number())
                .onFailure(ProblemException.class).transform(f -> ProblemException.notFound("Questionnaire " + id))
                .map(e -> {
                    if (e == null || !e.published()) {
                        throw ProblemException.notFound("Questionnaire " + id);
                    }
                    return e;
                });
    }

    private Uni<InstrumentDefinition> definition(AssessmentView v) {
        return instruments.find(v.instrumentId(), v.instrumentVersion()).map(Entry::definition);
    }

    /** The IdempotentCreate's answer (a fresh one, or a replay) as FHIR: the same body, FHIR's media type and weak ETag. */
    private Response asFhir(Response r) {
        Object entity = r.getEntity();
        String text = entity instanceof String s ? s : write(entity);
        Response.ResponseBuilder b = Response.fromResponse(r).entity(text).type(Fhir.MEDIA_TYPE);
        String etag = r.getHeaderString("ETag");
        if (etag != null) {
            String version = etag.replace("W/", "").replace("\"", "");
            b.tag((jakarta.ws.rs.core.EntityTag) null).tag(Fhir.etag(Long.parseLong(version)));
        }
        return b.build();
    }

    private com.fasterxml.jackson.databind.JsonNode tree(QuestionnaireResponse r) {
        try {
            return json.readTree(Fhir.write(r));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tag(AssessmentView v) {
        return "\"" + v.etag() + "\"";
    }

    private String caller() {
        String name = token.getClaim("preferred_username");
        return name != null ? name : token.getSubject() != null ? token.getSubject() : scope.orgCode();
    }
}
