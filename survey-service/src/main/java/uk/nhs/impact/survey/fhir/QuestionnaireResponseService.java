package uk.nhs.impact.survey.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.fhir.FhirResponses;
import uk.nhs.impact.platform.fhir.ResponseCheck;
import uk.nhs.impact.platform.fhir.Responses;
import uk.nhs.impact.platform.fhir.Searches;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Page;
import uk.nhs.impact.survey.response.AnswersJson;
import uk.nhs.impact.survey.response.ResponseQuery;
import uk.nhs.impact.survey.response.ResponseResource;
import uk.nhs.impact.survey.response.ResponseService;
import uk.nhs.impact.survey.response.ResponseService.Respondent;
import uk.nhs.impact.survey.response.SurveyAnswer;
import uk.nhs.impact.survey.response.SurveyResponse;
import uk.nhs.impact.survey.run.SurveyRun;

/**
 * Survey responses as FHIR QuestionnaireResponses, over the same service methods as the REST API (so the same validation,
 * access rules, audit and events). A response's lifecycle maps onto FHIR's statuses: a draft is {@code in-progress}, its first
 * submission {@code completed}, every later submission {@code amended}. Each create or update is one transaction: a failure at
 * any step stores nothing. Every validation failure names the item's linkId in a FHIRPath expression.
 */
@ApplicationScoped
public class QuestionnaireResponseService {
    public static final String TYPE = "QuestionnaireResponse";
    public static final String QUESTIONNAIRE = "QuestionnaireResponse.questionnaire";
    public static final String STATUS = "QuestionnaireResponse.status";
    public static final String ID = "QuestionnaireResponse.id";
    /** Idempotency-Keys of FHIR creates are kept apart from the REST API's (the same key there names another body). */
    static final String IDEMPOTENCY_SCOPE = ":fhir-survey-responses";
    public static final int COUNT_DEFAULT = 50;
    public static final int COUNT_MAX = 100;
    private static final Pattern ANSWER_FIELD = Pattern
            .compile("answers(?:\\.|\\[)([A-Za-z][A-Za-z0-9_]*)\\]?(?:\\.(option|options|text|otherText)(?:\\[(\\d+)\\])?)?");

    @Inject
    ResponseService responses;
    @Inject
    ResponseQuery query;
    @Inject
    AnswersJson stored;
    @Inject
    IdempotentCreate idempotent;
    @Inject
    SurveyQuestionnaires questionnaires;
    @Inject
    Validator validator;
    @Inject
    ObjectMapper json;

    /** A QuestionnaireResponse as sent, checked against its Questionnaire, and the service's fields read from it. */
    private record Inbound(QuestionnaireResponse resource, SurveyQuestionnaire questionnaire, QuestionnaireResponseStatus status, String ods,
            String runId, String role, String reference, TreeMap<String, SurveyAnswer> answers) {
    }

    // ---- create -----------------------------------------------------------------------------------------------------------

    /**
     * Files a response: {@code in-progress} starts a draft with its answers, {@code completed} also submits it. An
     * Idempotency-Key works as on the REST API's create: a replay answers the stored response and files nothing.
     */
    public Uni<Response> create(OrgScope scope, JsonWebToken token, String idempotencyKey, String body) {
        return inbound(body, null).chain(in -> {
            if (in.status() == QuestionnaireResponseStatus.AMENDED) {
                throw ProblemException.validation(STATUS, "a new response is in-progress or completed; amended is for changing a submitted one");
            }
            invalid(validator.validate(new ResponseResource.NewResponse(in.role(), in.reference(), in.ods())));
            Respondent who = Respondent.of(token, scope, in.reference());
            return idempotent.create(idempotencyKey, who.key() + IDEMPOTENCY_SCOPE, Map.of("body", tree(Fhir.write(in.resource()))),
                    () -> file(scope, who, in));
        }).map(this::asFhir).onFailure(ProblemException.class).transform(QuestionnaireResponseService::byLinkId);
    }

    private Uni<Created> file(OrgScope scope, Respondent who, Inbound in) {
        return SurveyRun.<SurveyRun>findById(in.runId()).chain(run -> {
            sameSurvey(run, in);
            return responses.start(scope, who, in.runId(), in.ods(), in.role())
                    .chain(l -> in.answers().isEmpty()
                            ? Uni.createFrom().item(l)
                            : responses.save(scope, who, in.runId(), l.response().id, in.answers(), null, strong(l.response().version)))
                    .chain(l -> in.status() == QuestionnaireResponseStatus.COMPLETED
                            ? responses.submit(scope, who, in.runId(), l.response().id, strong(l.response().version))
                            : Uni.createFrom().item(l))
                    .map(l -> {
                        QuestionnaireResponse qr = resource(l.response(), in.questionnaire(), who);
                        return new Created(history(qr), tree(Fhir.write(qr)), l.response().version);
                    });
        });
    }

    /** IdempotentCreate's answer (fresh or replayed) as FHIR: the FHIR media type and the weak ETag FHIR clients expect. */
    private Response asFhir(Response r) {
        Object entity = r.getEntity();
        String body;
        try {
            body = entity instanceof String s ? s : json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Response.ResponseBuilder b = Response.status(r.getStatus()).entity(body).type(Fhir.MEDIA_TYPE);
        if (r.getLocation() != null) {
            b.location(r.getLocation());
        }
        String etag = r.getHeaderString("ETag");
        if (etag != null) {
            b.tag(Fhir.etag(Long.parseLong(etag.replace("W/", "").replace("\"", "").trim())));
        }
        String replayed = r.getHeaderString(IdempotentCreate.REPLAYED);
        if (replayed != null) {
            b.header(IdempotentCreate.REPLAYED, replayed);
        }
        return b.build();
    }

    // ---- update -----------------------------------------------------------------------------------------------------------

    /**
     * Replaces a response's answers (and role) with those sent, as the REST API's save then, unless in-progress, its submit:
     * {@code in-progress} saves a draft (on a submitted response, the start of an amendment), {@code completed} submits a
     * response never submitted, {@code amended} submits one submitted before. If-Match carries the version read.
     */
    public Uni<Response> update(OrgScope scope, JsonWebToken token, String id, String ifMatch, String body) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired();
        }
        UUID uuid = responseId(id);
        String match = Fhir.ifMatch(ifMatch);
        return inbound(body, id).chain(in -> {
            invalid(validator.validate(new ResponseResource.AnswersBody(null, in.role())));
            Respondent who = Respondent.of(token, scope, in.reference());
            return Panache.withTransaction(() -> visible(scope, who, uuid).chain(l -> {
                SurveyResponse r = l.response();
                ETags.require(match, r.version);
                if (!r.runId.equals(in.runId())) {
                    throw ProblemException.validation(ResponseCheck.item(SurveyQuestionnaire.SURVEY_RUN), "a response stays in its survey run, " + r.runId);
                }
                sameSurvey(l.run(), in);
                if (!r.odsCode.equals(in.ods())) {
                    throw ProblemException.validation(Responses.SUBJECT, "a response's organisation does not change: " + r.odsCode);
                }
                boolean submitting = in.status() != QuestionnaireResponseStatus.INPROGRESS;
                if (in.status() == QuestionnaireResponseStatus.COMPLETED && r.revision > 0) {
                    throw ProblemException.validation(STATUS, "the response was submitted before: a changed submission is amended");
                }
                if (in.status() == QuestionnaireResponseStatus.AMENDED && r.revision == 0) {
                    throw ProblemException.validation(STATUS, "the response was never submitted: its first submission is completed");
                }
                // every answer replaced: those no longer given are cleared
                Map<String, SurveyAnswer> changes = new HashMap<>(in.answers());
                stored.read(r.answers).keySet().stream().filter(code -> !in.answers().containsKey(code)).forEach(code -> changes.put(code, null));
                return responses.save(scope, who, r.runId, uuid, changes, in.role(), match)
                        .chain(saved -> submitting
                                ? responses.submit(scope, who, r.runId, uuid, strong(saved.response().version))
                                : Uni.createFrom().item(saved))
                        .map(done -> updated(resource(done.response(), in.questionnaire(), who)));
            }));
        }).onFailure(ProblemException.class).transform(QuestionnaireResponseService::byLinkId);
    }

    /** An updated response: FHIR clients take its new version from Content-Location, as a create's from Location. */
    private static Response updated(QuestionnaireResponse qr) {
        return Response.fromResponse(FhirResponses.ok(qr)).contentLocation(history(qr)).build();
    }

    /** Where a version of a response lives: {@code /api/v1/fhir/QuestionnaireResponse/<id>/_history/<version>}. */
    static URI history(QuestionnaireResponse qr) {
        return URI.create(Fhir.BASE_PATH + "/" + TYPE + "/" + qr.getIdElement().getIdPart() + "/_history/" + qr.getMeta().getVersionId());
    }

    // ---- read and search --------------------------------------------------------------------------------------------------

    /** One response, to whoever may read it through the REST API (anyone else: 404). */
    public Uni<Response> read(OrgScope scope, JsonWebToken token, String id, String reference) {
        Respondent who = Respondent.of(token, scope, reference);
        UUID uuid = responseId(id);
        return Panache.withSession(() -> visible(scope, who, uuid))
                .chain(l -> questionnaires.forRun(l.run()).map(q -> FhirResponses.ok(resource(l.response(), q, who))));
    }

    /** The search parameters of {@link #search}, already checked for shape. */
    public record Search(String questionnaire, String subjectIdentifier, String status, List<String> authored, Integer count, String cursor,
            String reference) {
    }

    /**
     * The responses to one Questionnaire that the caller may see (as the REST list: its own, or its trust's for viewers),
     * oldest first, a page at a time; {@code self} is the query string as sent (raw), for the Bundle's links.
     */
    public Uni<Response> search(OrgScope scope, JsonWebToken token, Search s, String self) {
        if (s.questionnaire() == null || s.questionnaire().isBlank()) {
            throw ProblemException.validation("questionnaire", "names the Questionnaire answered, by its canonical URL (with or without |version)");
        }
        Respondent who = Respondent.of(token, scope, s.reference());
        String ods = Searches.subjectOds(s.subjectIdentifier());
        Set<ResponseQuery.Stage> stages = stages(s.status());
        Searches.DateRange authored = Searches.DateRange.of(s.authored(), "authored");
        int limit = s.count() == null ? COUNT_DEFAULT : s.count();
        if (limit < 1 || limit > COUNT_MAX) {
            throw ProblemException.validation("_count", "must be between 1 and " + COUNT_MAX);
        }
        String id = Fhir.questionnaireId(s.questionnaire()).orElse(null);
        if (id == null || stages.isEmpty() || ods != null && !scope.isOwn(ods)) {
            // not one of this service's questionnaires, a status no survey response has, or another organisation's responses
            // (nobody outside an organisation sees its individual responses)
            return Uni.createFrom().item(FhirResponses.of(Searches.searchset(TYPE, List.of(), self, null)));
        }
        return questionnaires.byId(id).chain(q -> {
            if (q == null || !versionAgrees(s.questionnaire(), q)) {
                return Uni.createFrom().item(FhirResponses.of(Searches.searchset(TYPE, List.of(), self, null)));
            }
            ResponseQuery.Criteria criteria = new ResponseQuery.Criteria(q.instrumentId(), q.version(),
                    stages.size() == ResponseQuery.Stage.values().length ? Set.of() : stages, authored.from(), authored.to());
            return query.visible(scope, who, criteria, s.cursor(), limit).map(page -> bundle(page, q, who, self));
        }).onFailure(ProblemException.class).transform(e -> renamed((ProblemException) e, "after", "_cursor"));
    }

    private Response bundle(Page<SurveyResponse> page, SurveyQuestionnaire q, Respondent who, String self) {
        List<QuestionnaireResponse> found = page.items().stream().map(r -> resource(r, q, who)).toList();
        String next = page.next() == null ? null : Searches.nextPage(self, page.next());
        Bundle bundle = Searches.searchset(TYPE, found, self, next);
        return FhirResponses.of(bundle);
    }

    /** FHIR statuses as stages of a response: the empty set when none can match (entered-in-error, stopped). */
    static Set<ResponseQuery.Stage> stages(String status) {
        if (status == null || status.isBlank()) {
            return EnumSet.allOf(ResponseQuery.Stage.class);
        }
        Set<ResponseQuery.Stage> stages = EnumSet.noneOf(ResponseQuery.Stage.class);
        for (String code : status.split(",")) {
            switch (code.trim()) {
                case "in-progress" -> stages.add(ResponseQuery.Stage.DRAFT);
                case "completed" -> stages.add(ResponseQuery.Stage.SUBMITTED);
                case "amended" -> stages.add(ResponseQuery.Stage.AMENDED);
                case "entered-in-error", "stopped" -> {
                    // survey responses are never withdrawn nor stopped
                }
                default -> throw ProblemException.validation("status", "must be in-progress, completed, amended, entered-in-error or stopped");
            }
        }
        return stages;
    }

    // ---- the response as FHIR -------------------------------------------------------------------------------------------

    /** The response as a QuestionnaireResponse; the respondent reference is shown only to the respondent who gave it. */
    QuestionnaireResponse resource(SurveyResponse r, SurveyQuestionnaire q, Respondent who) {
        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setId(SurveyQuestionnaire.ID_PREFIX + r.id);
        qr.getMeta().setVersionId(Long.toString(r.version)).setLastUpdated(Date.from(r.updatedAt));
        qr.setQuestionnaire(q.canonical());
        qr.setStatus(status(r));
        qr.setSubject(Responses.organisation(r.odsCode));
        qr.setAuthored(Date.from(r.status == SurveyResponse.Status.SUBMITTED ? r.submittedAt : r.updatedAt));
        qr.setItem(q.items(r.runId, r.respondentRole, who.referenceOf(r), stored.read(r.answers)));
        return qr;
    }

    /** A draft is in-progress, the first submission completed, a later one amended. */
    static QuestionnaireResponseStatus status(SurveyResponse r) {
        if (r.status == SurveyResponse.Status.DRAFT) {
            return QuestionnaireResponseStatus.INPROGRESS;
        }
        return r.revision > 1 ? QuestionnaireResponseStatus.AMENDED : QuestionnaireResponseStatus.COMPLETED;
    }

    // ---- checks -----------------------------------------------------------------------------------------------------------

    /**
     * Parses and checks a QuestionnaireResponse: strictly as FHIR, its id (on update), its Questionnaire (one of this
     * service's), every item against that Questionnaire (all failures at once), its status and its subject.
     */
    private Uni<Inbound> inbound(String body, String pathId) {
        QuestionnaireResponse qr = Fhir.read(body, QuestionnaireResponse.class);
        if (pathId != null && !pathId.equals(qr.getIdElement().getIdPart())) {
            throw ProblemException.validation(ID, "must be the id in the path, " + pathId);
        }
        String canonical = qr.getQuestionnaire();
        String id = Fhir.questionnaireId(canonical).orElse(null);
        if (id == null) {
            throw ProblemException.validation(QUESTIONNAIRE, canonical == null || canonical.isBlank()
                    ? "names the Questionnaire answered (url|version)"
                    : canonical + " is not a Questionnaire of this server");
        }
        return questionnaires.byId(id).map(q -> {
            if (q == null) {
                throw ProblemException.validation(QUESTIONNAIRE, canonical + " is not a published survey Questionnaire");
            }
            if (!versionAgrees(canonical, q)) {
                throw ProblemException.validation(QUESTIONNAIRE, "the version of " + q.url() + " is " + q.version());
            }
            List<FieldError> errors = new ResponseCheck(q.resource()).check(qr);
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            QuestionnaireResponseStatus status = qr.getStatus();
            if (status != QuestionnaireResponseStatus.INPROGRESS && status != QuestionnaireResponseStatus.COMPLETED
                    && status != QuestionnaireResponseStatus.AMENDED) {
                throw ProblemException.validation(STATUS, "must be in-progress (a draft), completed (submitted) or amended (submitted again)");
            }
            String ods = Responses.odsCode(qr);
            String runId = SurveyQuestionnaire.runId(qr);
            if (runId == null || runId.isEmpty()) {
                throw ProblemException.validation(ResponseCheck.item(SurveyQuestionnaire.SURVEY_RUN), SurveyQuestionnaire.SURVEY_RUN
                        + " is required: the id of the survey run the response is filed in");
            }
            return new Inbound(qr, q, status, ods, runId, SurveyQuestionnaire.role(qr), SurveyQuestionnaire.reference(qr), q.answers(qr));
        });
    }

    /** The run must exist and collect the survey version the response answers. */
    private static void sameSurvey(SurveyRun run, Inbound in) {
        String runItem = ResponseCheck.item(SurveyQuestionnaire.SURVEY_RUN);
        if (run == null) {
            throw ProblemException.validation(runItem, "there is no survey run " + in.runId());
        }
        SurveyQuestionnaire q = in.questionnaire();
        if (!run.instrumentId.equals(q.instrumentId()) || run.instrumentVersion != q.version()) {
            throw ProblemException.validation(QUESTIONNAIRE, "survey run " + run.id + " collects "
                    + Fhir.questionnaireUrl(SurveyQuestionnaire.id(run.instrumentId, run.instrumentVersion)) + "|" + run.instrumentVersion);
        }
    }

    /** The response if the caller may read it, exactly as the REST read decides (404 otherwise); in the caller's session. */
    private Uni<ResponseService.Loaded> visible(OrgScope scope, Respondent who, UUID id) {
        return SurveyResponse.<SurveyResponse>findById(id).chain(found -> responses.read(scope, who, found == null ? null : found.runId, id));
    }

    private static boolean versionAgrees(String canonical, SurveyQuestionnaire q) {
        int bar = canonical.indexOf('|');
        return bar < 0 || canonical.substring(bar + 1).equals(Integer.toString(q.version()));
    }

    /** The response's UUID from its FHIR id ({@code survey-<uuid>}); anything else is no response (404). */
    static UUID responseId(String id) {
        if (id != null && id.startsWith(SurveyQuestionnaire.ID_PREFIX)) {
            try {
                UUID uuid = UUID.fromString(id.substring(SurveyQuestionnaire.ID_PREFIX.length()));
                if ((SurveyQuestionnaire.ID_PREFIX + uuid).equals(id)) {
                    return uuid;
                }
            } catch (IllegalArgumentException e) {
                // not a UUID: no such response
            }
        }
        throw ProblemException.notFound("QuestionnaireResponse " + id);
    }

    private static void invalid(Set<? extends ConstraintViolation<?>> violations) {
        if (violations.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : violations) {
            String property = v.getPropertyPath().iterator().next().getName();
            errors.add(new FieldError(property, v.getMessage()));
        }
        throw ProblemException.validation(errors);
    }

    // ---- failures named by linkId -----------------------------------------------------------------------------------------

    /**
     * A validation failure of the service's own rules names its fields as the REST API does ({@code answers.Q3...},
     * {@code respondentRole}); here each is named by the item's FHIRPath, so every failure names a linkId.
     */
    static Throwable byLinkId(Throwable t) {
        if (!(t instanceof ProblemException p) || p.status() != 400 || p.errors().isEmpty()) {
            return t;
        }
        List<FieldError> errors = p.errors().stream().map(e -> new FieldError(expression(e.field()), message(e))).toList();
        return errors.equals(p.errors()) ? t : ProblemException.validation(errors);
    }

    static String expression(String field) {
        if (field == null) {
            return null;
        }
        Matcher m = ANSWER_FIELD.matcher(field);
        if (m.matches()) {
            String code = m.group(1);
            if ("otherText".equals(m.group(2))) {
                return ResponseCheck.item(code + SurveyQuestionnaire.OTHER_TEXT);
            }
            return m.group(3) != null ? ResponseCheck.answer(code, Integer.parseInt(m.group(3))) : ResponseCheck.item(code);
        }
        return switch (field) {
            case "respondentRole" -> ResponseCheck.item(SurveyQuestionnaire.RESPONDENT_ROLE);
            case "respondentReference" -> ResponseCheck.item(SurveyQuestionnaire.RESPONDENT_REFERENCE);
            case "organisation" -> Responses.SUBJECT;
            case "instrumentVersion" -> QUESTIONNAIRE;
            default -> field;
        };
    }

    private static String message(FieldError e) {
        Matcher m = e.field() == null ? null : ANSWER_FIELD.matcher(e.field());
        if (m != null && m.matches()) {
            String linkId = "otherText".equals(m.group(2)) ? m.group(1) + SurveyQuestionnaire.OTHER_TEXT : m.group(1);
            return linkId + " " + e.message();
        }
        return switch (Objects.requireNonNullElse(e.field(), "")) {
            case "respondentRole" -> SurveyQuestionnaire.RESPONDENT_ROLE + " " + e.message();
            case "respondentReference" -> SurveyQuestionnaire.RESPONDENT_REFERENCE + " " + e.message();
            default -> e.message();
        };
    }

    private static Throwable renamed(ProblemException p, String from, String to) {
        if (p.status() != 400 || p.errors().stream().noneMatch(e -> from.equals(e.field()))) {
            return p;
        }
        return ProblemException.validation(p.errors().stream().map(e -> from.equals(e.field()) ? new FieldError(to, e.message()) : e).toList());
    }

    /** The strong tag the service layer's If-Match check takes, for the next step of one transaction. */
    private static String strong(long version) {
        return "\"" + version + "\"";
    }

    private JsonNode tree(String fhirJson) {
        try {
            return json.readTree(fhirJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
