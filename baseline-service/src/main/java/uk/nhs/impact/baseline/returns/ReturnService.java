package uk.nhs.impact.baseline.returns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.nhs.impact.baseline.collection.Collection;
import uk.nhs.impact.baseline.collection.CollectionRules;
import uk.nhs.impact.baseline.questionset.QuestionSet;
import uk.nhs.impact.baseline.questionset.QuestionSets;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.contracts.baseline.ReturnSubmitted;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.platform.web.ETags;

/** Drafting, submitting and amending returns; every change checks the caller, the collection window and the question set. */
@ApplicationScoped
public class ReturnService {
    @Inject
    QuestionSets questionSets;
    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    AuditTrail audit;

    public static final String AUDIT_TYPE = "baseline-return";

    /** The result of a save: the return and whether it was created by this call. */
    public record Saved(BaselineReturn value, boolean created) {
    }

    public Uni<Saved> saveDraft(OrgScope scope, String collectionId, String ods, String questionSetId, JsonNode answers, String ifMatch) {
        return Panache.withTransaction(() -> openCollection(scope, collectionId, ods).chain(c -> setFor(ods, c, questionSetId)).chain(set -> {
            List<FieldError> errors = AnswerValidator.check(set, answers, false);
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            return BaselineReturn.of(collectionId, ods)
                    .chain(existing -> {
                        BaselineReturn r = existing;
                        if (r == null) {
                            r = new BaselineReturn();
                            r.id = UUID.randomUUID();
                            r.collectionId = collectionId;
                            r.odsCode = ods;
                            r.orgType = set.orgType();
                            r.questionSetId = set.id();
                            r.questionSetVersion = set.version();
                            r.status = BaselineReturn.Status.DRAFT;
                        } else {
                            ETags.require(ifMatch, r.version);
                        }
                        r.answers = answers.toString();
                        r.updatedAt = Instant.now();
                        boolean created = existing == null;
                        BaselineReturn toSave = r;
                        return (created ? toSave.<BaselineReturn>persist() : Uni.createFrom().item(toSave))
                                .call(ReturnService::flush)
                                .call(() -> audit.record(ods, AUDIT_TYPE, collectionId + "/" + ods, created ? "DRAFT_CREATED" : "DRAFT_SAVED", null))
                                .map(saved -> new Saved(saved, created));
                    });
        }));
    }

    public Uni<BaselineReturn> submit(OrgScope scope, String collectionId, String ods, String ifMatch, String submittedBy) {
        return Panache.withTransaction(() -> openCollection(scope, collectionId, ods).chain(c -> BaselineReturn.of(collectionId, ods).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("Return of " + ods + " in " + collectionId);
            }
            ETags.require(ifMatch, r.version);
            return questionSets.version(r.orgType, r.questionSetVersion).chain(set -> submit(c, r, set, submittedBy));
        })));
    }

    /** Submits (or amends) the return against its own question set version, within the caller's transaction. */
    private Uni<BaselineReturn> submit(Collection c, BaselineReturn r, QuestionSet set, String submittedBy) {
        if (set == null) {
            throw new IllegalStateException("Return " + r.id + " names question set version " + r.questionSetVersion
                    + " of " + r.orgType + ", which does not exist");
        }
        String ods = r.odsCode;
        String collectionId = r.collectionId;
        JsonNode answers = read(r.answers);
        List<FieldError> errors = AnswerValidator.check(set, answers, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        r.revision++;
        r.status = BaselineReturn.Status.SUBMITTED;
        r.submittedAt = Instant.now();
        // every submission, a revision after a return included, goes to the ICB for review
        r.reviewState = Reviews.AWAITING_REVIEW;
        ReturnRevision rev = new ReturnRevision();
        rev.id = UUID.randomUUID();
        rev.returnId = r.id;
        rev.revision = r.revision;
        rev.answers = r.answers;
        rev.submittedAt = r.submittedAt;
        rev.submittedBy = submittedBy;
        String type = r.revision == 1 ? EventTypes.BASELINE_RETURN_SUBMITTED : EventTypes.BASELINE_RETURN_AMENDED;
        return rev.persist()
                .chain(() -> outbox.append(Topics.BASELINE, type, ods, event(c, r, answers)))
                .chain(ReturnService::flush)
                .chain(() -> audit.record(ods, AUDIT_TYPE, collectionId + "/" + ods, r.revision == 1 ? "SUBMITTED" : "AMENDED",
                        "revision " + r.revision))
                .replaceWith(r);
    }

    public Uni<BaselineReturn> read(OrgScope scope, String collectionId, String ods) {
        return Panache.withSession(() -> Collection.<Collection>findById(collectionId)
                .chain(c -> findReturn(c, scope, collectionId, ods))).map(r -> {
                    if (r == null) {
                        throw ProblemException.notFound("Return of " + ods + " in " + collectionId);
                    }
                    return r;
                });
    }

    private Uni<BaselineReturn> findReturn(Collection c, OrgScope scope, String collectionId, String ods) {
        if (!visible(scope, c, ods)) {
            throw ProblemException.notFound("Return of " + ods + " in " + collectionId);
        }
        return BaselineReturn.of(collectionId, ods);
    }

    /** Who may read the organisation's return in the collection, as the hierarchy stood on the collection's reference date. */
    private static boolean visible(OrgScope scope, Collection c, String ods) {
        // Baseline returns are shared with the organisation's ICB, region and NHS England by design.
        return c != null && scope.mayRead(ods, SharingLevel.NATIONAL, c.referenceDate);
    }

    /**
     * The organisation's returns the caller may read, in collection id order: each one visible exactly when {@link #read}
     * would show it (the hierarchy on its own collection's reference date decides).
     */
    public Uni<List<BaselineReturn>> list(OrgScope scope, String ods) {
        return Panache.withSession(() -> BaselineReturn.<BaselineReturn>list("odsCode = ?1 order by collectionId", ods).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(List.<BaselineReturn>of());
            }
            List<String> ids = found.stream().map(r -> r.collectionId).distinct().toList();
            return Collection.<Collection>list("id in ?1", ids).map(collections -> {
                Map<String, Collection> byId = collections.stream().collect(java.util.stream.Collectors.toMap(c -> c.id, c -> c));
                return found.stream().filter(r -> visible(scope, byId.get(r.collectionId), ods)).toList();
            });
        }));
    }

    /** The return with this id, or null; whether the caller may see it is for {@link #read} to say. */
    public Uni<BaselineReturn> find(UUID id) {
        return Panache.withSession(() -> BaselineReturn.<BaselineReturn>findById(id));
    }

    public Uni<List<ReturnRevision>> history(OrgScope scope, String collectionId, String ods) {
        return read(scope, collectionId, ods)
                .chain(r -> Panache.withSession(() -> ReturnRevision.<ReturnRevision>list("returnId = ?1 order by revision", r.id)));
    }

    /**
     * The return as the API shows it, with its reviews. A return never submitted, or submitted once and not yet reviewed,
     * has none (a review needs a submission awaiting review and leaves its outcome as the state until the next submission),
     * so its reviews are not read: the answer to a save or a first submission costs no query.
     */
    public Uni<ReturnView> view(BaselineReturn r) {
        boolean noneYet = r.revision == 0 || r.revision == 1 && Reviews.AWAITING_REVIEW.equals(r.reviewState);
        Uni<List<ReturnReview>> reviews = noneYet ? Uni.createFrom().item(List.of()) : Panache.withSession(() -> ReturnReview.of(r.id));
        return reviews.map(found -> new ReturnView(r.collectionId, r.odsCode, r.orgType,
                r.questionSetId, r.questionSetVersion, r.status.name(), r.revision, read(r.answers), r.updatedAt, r.submittedAt, r.version,
                r.reviewState, found.stream().map(ReturnReview::view).toList()));
    }

    JsonNode read(String answers) {
        try {
            return json.readTree(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers are not JSON", e);
        }
    }

    private Uni<Collection> openCollection(OrgScope scope, String collectionId, String ods) {
        return Collection.<Collection>findById(collectionId).map(c -> {
            if (c == null || (!scope.mayWrite(ods) && !scope.mayRead(ods, SharingLevel.NATIONAL, c.referenceDate))) {
                throw ProblemException.notFound("Collection " + collectionId + " for " + ods);
            }
            if (!scope.mayWrite(ods)) {
                throw ProblemException.forbidden("Only the organisation's own submitters may change its return");
            }
            CollectionRules.requireAcceptingReturns(c, Instant.now());
            return c;
        });
    }

    /** The question set of the organisation's own type on the reference date; asking for another type's set is refused. */
    private Uni<QuestionSet> setFor(String ods, Collection c, String requested) {
        Organisation org = hierarchy.find(ods, c.referenceDate)
                .orElseThrow(() -> ProblemException.unprocessable(ods + " was not an open organisation on " + c.referenceDate));
        if (org.level() == OrgLevel.NATIONAL) {
            throw ProblemException.unprocessable("NHS England files through its national directorates");
        }
        return questionSets.current(org.orgType()).map(set -> {
            if (set == null) {
                throw ProblemException.unprocessable("No question set is published for a " + org.orgType());
            }
            if (requested != null && !requested.equals(set.id())) {
                throw ProblemException.validation("questionSetId", "a " + org.orgType() + " files " + set.id() + ", not " + requested);
            }
            return set;
        });
    }

    private static Uni<Void> flush() {
        return Panache.getSession().chain(s -> s.flush());
    }

    /** The organisation's attributes as at the reference date, so that consumers never call back. */
    OrganisationRef organisation(String ods, java.time.LocalDate date) {
        Organisation org = hierarchy.find(ods).orElseThrow();
        return new OrganisationRef(org.odsCode(), org.name(), org.orgType(), org.trustType(), hierarchy.icbOf(ods, date).orElse(null),
                hierarchy.regionOf(ods, date).orElse(null));
    }

    private ReturnSubmitted event(Collection c, BaselineReturn r, JsonNode answers) {
        OrganisationRef orgRef = organisation(r.odsCode, c.referenceDate);
        Map<String, ReturnSubmitted.Answer> values = json.convertValue(answers, new TypeReference<>() {
        });
        return new ReturnSubmitted(c.id, r.questionSetId, r.questionSetVersion, orgRef, c.referenceDate, r.revision, r.submittedAt, values);
    }
}
