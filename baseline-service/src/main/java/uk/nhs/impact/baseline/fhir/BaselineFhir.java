package uk.nhs.impact.baseline.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import uk.nhs.impact.baseline.questionset.QuestionSetDefinition;
import uk.nhs.impact.baseline.questionset.QuestionSets;
import uk.nhs.impact.baseline.returns.BaselineReturn;
import uk.nhs.impact.baseline.returns.ReturnService;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.fhir.ResponseCheck;
import uk.nhs.impact.platform.fhir.Responses;
import uk.nhs.impact.platform.fhir.Searches;
import uk.nhs.impact.platform.instrument.VersionedInstruments.Entry;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.Cursors;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Page;

/**
 * Baseline returns over FHIR R4: the published question set versions as Questionnaires, and returns filed, read, updated and
 * searched as QuestionnaireResponses. A response is checked against its Questionnaire ({@link ResponseCheck}); everything after
 * that is the REST API's own service ({@link ReturnService}: the same access rules, answer validation, collection window,
 * If-Match, audit and outbox events), with the fields of its failures named as the response's items.
 * <p>
 * A response's id is {@code baseline-<the return's UUID>}. Status: {@code in-progress} is a draft (never submitted),
 * {@code completed} a return submitted once, {@code amended} one submitted again since (a revision). Creating
 * {@code completed} saves and submits; updating a draft to {@code completed} submits it; updating a submitted return to
 * {@code amended} saves and submits the revision, as the REST API's save then submit. Each is one transaction.
 */
@ApplicationScoped
public class BaselineFhir {
    public static final String RESPONSE_PREFIX = "baseline-";
    static final String ID = "QuestionnaireResponse.id";
    static final String QUESTIONNAIRE = "QuestionnaireResponse.questionnaire";
    static final String STATUS = "QuestionnaireResponse.status";
    static final int MAX_COUNT = 100;
    private static final Pattern INDEXED = Pattern.compile("([^\\[]+)\\[(\\d+)]");
    private static final Set<QuestionnaireResponseStatus> FILED = EnumSet.of(QuestionnaireResponseStatus.INPROGRESS,
            QuestionnaireResponseStatus.COMPLETED, QuestionnaireResponseStatus.AMENDED);

    @Inject
    QuestionSets sets;
    @Inject
    ReturnService returns;
    @Inject
    ObjectMapper json;

    /** Published versions never change: each is generated once. */
    private final Map<String, BaselineQuestionnaire> forms = new ConcurrentHashMap<>();

    /** A return with the Questionnaire of its question set version. */
    public record Filed(BaselineReturn value, BaselineQuestionnaire form) {
    }

    /** What a response asks for once it has been checked against its Questionnaire. */
    private record Request(QuestionnaireResponseStatus status, String ods, String collection, JsonNode answers) {
        boolean submits() {
            return status != QuestionnaireResponseStatus.INPROGRESS;
        }
    }

    /** The search parameters of QuestionnaireResponse, as given. */
    public record Search(String questionnaire, String subject, List<String> status, List<String> authored, String count, String cursor) {
    }

    // ---- Questionnaires

    /** The published version a Questionnaire id names, or null. */
    public Uni<BaselineQuestionnaire> questionnaire(String id) {
        Optional<BaselineQuestionnaire.Name> name = BaselineQuestionnaire.name(id);
        if (name.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        int version = name.get().version();
        return sets.find(name.get().orgType(), version).chain(found -> found != null
                ? Uni.createFrom().item(found)
                // an organisation type whose id is spelled differently (upper case, underscores)
                : sets.instrumentIds().chain(types -> types.stream().filter(t -> BaselineQuestionnaire.id(t, version).equals(id)).findFirst()
                        .map(t -> sets.find(t, version)).orElse(Uni.createFrom().nullItem())))
                .map(e -> e == null || !e.published() || !BaselineQuestionnaire.id(e.instrumentId(), e.number()).equals(id) ? null : form(e));
    }

    /** Every published version of every organisation type's question set. */
    public Uni<List<BaselineQuestionnaire>> questionnaires() {
        return sets.instrumentIds().chain(types -> Multi.createFrom().iterable(types)
                .onItem().transformToUniAndConcatenate(sets::versions)
                .onItem().<Entry<QuestionSetDefinition>>transformToIterable(all -> all)
                .filter(Entry::published)
                .map(this::form)
                .collect().asList());
    }

    private BaselineQuestionnaire form(Entry<QuestionSetDefinition> e) {
        String id = BaselineQuestionnaire.id(e.instrumentId(), e.number());
        return e.published() ? forms.computeIfAbsent(id, k -> BaselineQuestionnaire.of(e)) : BaselineQuestionnaire.of(e);
    }

    /** The Questionnaire a return was filed against. */
    private Uni<BaselineQuestionnaire> form(BaselineReturn r) {
        return sets.find(r.orgType, r.questionSetVersion).map(e -> {
            if (e == null) {
                throw new IllegalStateException("Return " + r.id + " names question set version " + r.questionSetVersion + " of "
                        + r.orgType + ", which does not exist");
            }
            return form(e);
        });
    }

    /** The Questionnaire a response names by its canonical: one of this service's published versions, else a 400. */
    private Uni<BaselineQuestionnaire> answered(QuestionnaireResponse response) {
        String canonical = response.getQuestionnaire();
        String id = Fhir.questionnaireId(canonical).orElse(null);
        String expected = "must be the canonical of a published baseline Questionnaire of this server, "
                + Fhir.questionnaireUrl("baseline-<organisation type>-v<n>") + "|<n>";
        if (id == null) {
            throw ProblemException.validation(QUESTIONNAIRE, expected);
        }
        return questionnaire(id).map(form -> {
            int bar = canonical.indexOf('|');
            if (form == null || bar >= 0 && !canonical.substring(bar + 1).equals(Integer.toString(form.version()))) {
                throw ProblemException.validation(QUESTIONNAIRE, expected + ", not " + canonical);
            }
            return form;
        });
    }

    /**
     * The question set a new answer is checked against is the organisation type's current version (as the REST API checks it),
     * so a response must name that version.
     */
    private Uni<Void> requireCurrent(BaselineQuestionnaire form) {
        return sets.current(form.orgType()).map(current -> {
            if (current != null && current.version() != form.version()) {
                throw ProblemException.validation(QUESTIONNAIRE, form.canonical() + " is superseded: answer "
                        + Fhir.questionnaireUrl(BaselineQuestionnaire.id(form.orgType(), current.version())) + "|" + current.version());
            }
            return null;
        });
    }

    /** Checks a response against its Questionnaire and reads what it asks for; every failure at once, each naming its item. */
    private Request request(BaselineQuestionnaire form, QuestionnaireResponse response) {
        List<FieldError> errors = new ArrayList<>(new ResponseCheck(form.questionnaire()).check(response));
        QuestionnaireResponseStatus status = response.getStatus();
        if (status == null || !FILED.contains(status)) {
            errors.add(new FieldError(STATUS, "must be in-progress (a draft), completed (submitted) or amended (submitted again)"
                    + (status == null ? "" : ", not " + status.toCode() + ": baseline returns are never withdrawn")));
        }
        String ods = null;
        try {
            ods = Responses.odsCode(response);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        String collection = BaselineQuestionnaire.collection(response).orElse(null);
        if (collection == null && errors.stream().noneMatch(e -> e.field().equals(ResponseCheck.item(BaselineQuestionnaire.COLLECTION)))) {
            errors.add(new FieldError(ResponseCheck.item(BaselineQuestionnaire.COLLECTION),
                    BaselineQuestionnaire.COLLECTION + " is required: the id of the collection the return is filed in"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Request(status, ods, collection, form.answers(response, json));
    }

    // ---- QuestionnaireResponses

    /** Files a new return: saved as a draft, and submitted too when completed; in the caller's transaction. */
    public Uni<Filed> create(OrgScope scope, QuestionnaireResponse response, String submittedBy) {
        return answered(response).chain(form -> {
            Request req = request(form, response);
            if (req.status() == QuestionnaireResponseStatus.AMENDED) {
                throw ProblemException.validation(STATUS, "a new return is in-progress or completed: amended is for a return submitted before");
            }
            return requireCurrent(form).chain(() -> Panache.withTransaction(() -> returns
                    .saveDraft(scope, req.collection(), req.ods(), form.setId(), req.answers(), null)
                    // the service asks for If-Match only when the return exists already
                    .onFailure(BaselineFhir::isPreconditionRequired).transform(e -> ProblemException.conflict(req.ods()
                            + " already has a return in " + req.collection() + ": search for it and update it (PUT with If-Match)"))
                    .chain(saved -> req.submits()
                            ? returns.submit(scope, req.collection(), req.ods(), ETags.of(saved.value().version).toString(), submittedBy)
                            : Uni.createFrom().item(saved.value()))))
                    .onFailure().transform(BaselineFhir::asItems)
                    .map(r -> new Filed(r, form));
        });
    }

    /**
     * Replaces the answers of a return: {@code in-progress} saves a draft, {@code completed} saves and submits a draft,
     * {@code amended} saves and submits a revision of a submitted return. One transaction.
     */
    public Uni<Filed> update(OrgScope scope, String id, QuestionnaireResponse response, String ifMatch, String submittedBy) {
        if (!id.equals(response.getIdElement().getIdPart())) {
            throw ProblemException.validation(ID, "must be " + id + ", the id in the URL");
        }
        return answered(response).chain(form -> {
            Request req = request(form, response);
            return requireCurrent(form).chain(() -> Panache.withTransaction(() -> visible(scope, id).chain(r -> {
                List<FieldError> errors = new ArrayList<>();
                if (!r.odsCode.equals(req.ods())) {
                    errors.add(new FieldError(Responses.SUBJECT, "must be " + r.odsCode + ", the organisation of this return"));
                }
                if (!r.collectionId.equals(req.collection())) {
                    errors.add(new FieldError(ResponseCheck.item(BaselineQuestionnaire.COLLECTION),
                            BaselineQuestionnaire.COLLECTION + " must be " + r.collectionId + ", the collection of this return"));
                }
                if (!errors.isEmpty()) {
                    throw ProblemException.validation(errors);
                }
                boolean submittedBefore = r.revision > 0;
                return returns.saveDraft(scope, r.collectionId, r.odsCode, form.setId(), req.answers(), ifMatch).chain(saved -> {
                    transition(req.status(), submittedBefore);
                    return req.submits()
                            ? returns.submit(scope, r.collectionId, r.odsCode, ETags.of(saved.value().version).toString(), submittedBy)
                            : Uni.createFrom().item(saved.value());
                });
            }))).onFailure().transform(BaselineFhir::asItems).map(r -> new Filed(r, form));
        });
    }

    /** A submitted return goes on as amended; one never submitted is in-progress until completed. */
    private static void transition(QuestionnaireResponseStatus to, boolean submittedBefore) {
        if (submittedBefore && to != QuestionnaireResponseStatus.AMENDED) {
            throw ProblemException.validation(STATUS, "this return has been submitted: send it amended to submit a revision, not "
                    + to.toCode());
        }
        if (!submittedBefore && to == QuestionnaireResponseStatus.AMENDED) {
            throw ProblemException.validation(STATUS, "this return has never been submitted: send it completed to submit it");
        }
    }

    /** A return the caller may read, as the REST read decides; 404 alike for one that does not exist and one it may not see. */
    public Uni<Filed> read(OrgScope scope, String id) {
        return visible(scope, id).chain(r -> form(r).map(f -> new Filed(r, f)));
    }

    private Uni<BaselineReturn> visible(OrgScope scope, String id) {
        UUID uuid = returnId(id).orElseThrow(() -> notFound(id));
        return returns.find(uuid).chain(r -> {
            if (r == null) {
                throw notFound(id);
            }
            return returns.read(scope, r.collectionId, r.odsCode);
        }).onFailure(e -> e instanceof ProblemException p && p.status() == 404).transform(e -> notFound(id));
    }

    /**
     * Returns of one organisation (the caller's own unless {@code subject:identifier} names another) that the caller may read,
     * as the REST read decides, filtered by Questionnaire, status and authored date; a page at a time in collection order.
     */
    public Uni<Page<QuestionnaireResponse>> search(OrgScope scope, Search search) {
        int count = count(search.count());
        String after = after(search.cursor());
        Set<QuestionnaireResponseStatus> statuses = statuses(search.status());
        Searches.DateRange authored = Searches.DateRange.of(search.authored(), "authored");
        String ods = search.subject() == null ? scope.orgCode() : Searches.subjectOds(search.subject());
        boolean named = search.questionnaire() != null;
        Uni<BaselineQuestionnaire> only = !named
                ? Uni.createFrom().nullItem()
                : Fhir.questionnaireId(search.questionnaire()).map(this::questionnaire).orElse(Uni.createFrom().nullItem())
                        .map(form -> form != null && versionMatches(search.questionnaire(), form) ? form : null);
        return only.chain(form -> {
            if (ods == null || named && form == null) {
                // a Questionnaire that is not one of ours: nothing here answers it
                return Uni.createFrom().item(new Page<>(List.<BaselineReturn>of(), null));
            }
            return returns.list(scope, ods).map(all -> Page.of(all.stream()
                    .filter(r -> after == null || r.collectionId.compareTo(after) > 0)
                    .filter(r -> form == null || r.orgType.equals(form.orgType()) && r.questionSetVersion == form.version())
                    .filter(r -> statuses.isEmpty() || statuses.contains(status(r)))
                    .filter(r -> authored.contains(authored(r)))
                    .limit(count + 1L).toList(), count, r -> r.collectionId));
        }).chain(page -> Multi.createFrom().iterable(page.items())
                .onItem().transformToUniAndConcatenate(r -> form(r).map(f -> resource(new Filed(r, f))))
                .collect().asList().map(resources -> new Page<>(resources, page.next())));
    }

    private static boolean versionMatches(String canonical, BaselineQuestionnaire form) {
        int bar = canonical.indexOf('|');
        return bar < 0 || canonical.substring(bar + 1).equals(Integer.toString(form.version()));
    }

    private static int count(String param) {
        if (param == null || param.isBlank()) {
            return Cursors.DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(param.trim());
            if (n >= 1 && n <= MAX_COUNT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.validation("_count", "must be a whole number from 1 to " + MAX_COUNT);
    }

    private static String after(String cursor) {
        try {
            return Cursors.decode(cursor);
        } catch (ProblemException e) {
            throw ProblemException.validation("_cursor", "is not a cursor this server returned");
        }
    }

    private static Set<QuestionnaireResponseStatus> statuses(List<String> params) {
        Set<QuestionnaireResponseStatus> out = EnumSet.noneOf(QuestionnaireResponseStatus.class);
        for (String param : params == null ? List.<String>of() : params) {
            for (String token : param.split(",")) {
                String code = token.substring(token.indexOf('|') + 1).trim();
                QuestionnaireResponseStatus status;
                try {
                    status = QuestionnaireResponseStatus.fromCode(code);
                } catch (RuntimeException e) {
                    status = null;
                }
                if (status == null) {
                    throw ProblemException.validation("status", "must be in-progress, completed, amended, entered-in-error or stopped");
                }
                out.add(status);
            }
        }
        return out;
    }

    // ---- the resource

    /** The return as a QuestionnaireResponse. */
    public QuestionnaireResponse resource(Filed filed) {
        BaselineReturn r = filed.value();
        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setId(responseId(r.id));
        Instant updated = r.submittedAt != null && r.submittedAt.isAfter(r.updatedAt) ? r.submittedAt : r.updatedAt;
        qr.setMeta(new Meta().setVersionId(Long.toString(r.version)).setLastUpdated(Date.from(updated)));
        qr.setQuestionnaire(filed.form().canonical());
        qr.setStatus(status(r));
        qr.setSubject(Responses.organisation(r.odsCode));
        qr.setAuthored(Date.from(authored(r)));
        qr.setItem(filed.form().items(r.collectionId, answers(r)));
        return qr;
    }

    /** The resource as the JSON tree kept for an Idempotency-Key's replay. */
    public JsonNode tree(QuestionnaireResponse qr) {
        try {
            return json.readTree(Fhir.write(qr));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI wrote JSON Jackson cannot read", e);
        }
    }

    private JsonNode answers(BaselineReturn r) {
        try {
            return json.readTree(r.answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers of return " + r.id + " are not JSON", e);
        }
    }

    /** in-progress until first submitted, then completed; amended once submitted again. */
    static QuestionnaireResponseStatus status(BaselineReturn r) {
        if (r.status != BaselineReturn.Status.SUBMITTED) {
            return QuestionnaireResponseStatus.INPROGRESS;
        }
        return r.revision > 1 ? QuestionnaireResponseStatus.AMENDED : QuestionnaireResponseStatus.COMPLETED;
    }

    /** When the answers were given: the last submission, or the last save of a draft. */
    static Instant authored(BaselineReturn r) {
        return r.submittedAt != null ? r.submittedAt : r.updatedAt;
    }

    public static String responseId(UUID id) {
        return RESPONSE_PREFIX + id;
    }

    static Optional<UUID> returnId(String id) {
        if (id == null || !id.startsWith(RESPONSE_PREFIX)) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(id.substring(RESPONSE_PREFIX.length()));
            return uuid.toString().equals(id.substring(RESPONSE_PREFIX.length())) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("QuestionnaireResponse/" + id);
    }

    private static boolean isPreconditionRequired(Throwable t) {
        return t instanceof ProblemException p && p.status() == 428;
    }

    /**
     * The service's failures with their fields named as the response's items: {@code answers.<code>} is the item with that
     * linkId, {@code answers.<code>[i]} its i-th answer, {@code questionSetId} the response's questionnaire.
     */
    static Throwable asItems(Throwable t) {
        if (!(t instanceof ProblemException p) || p.errors().isEmpty()) {
            return t;
        }
        List<FieldError> errors = p.errors().stream().map(BaselineFhir::asItem).toList();
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " fields are not valid";
        return new ProblemException(p.status(), p.slug(), p.title(), detail, errors, p.context(), p.headers());
    }

    static FieldError asItem(FieldError e) {
        String field = e.field();
        if ("questionSetId".equals(field)) {
            return new FieldError(QUESTIONNAIRE, e.message());
        }
        if ("answers".equals(field)) {
            return new FieldError("QuestionnaireResponse.item", e.message());
        }
        if (!field.startsWith("answers.")) {
            return e;
        }
        String path = field.substring("answers.".length());
        Matcher indexed = INDEXED.matcher(path);
        if (indexed.matches()) {
            String linkId = indexed.group(1);
            return new FieldError(ResponseCheck.answer(linkId, Integer.parseInt(indexed.group(2))), linkId + " " + e.message());
        }
        return new FieldError(ResponseCheck.item(path), path + " " + e.message());
    }
}
