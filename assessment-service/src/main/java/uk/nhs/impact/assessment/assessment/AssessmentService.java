package uk.nhs.impact.assessment.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.impact.assessment.instrument.InstrumentCatalogue;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.contracts.assessment.AssessmentChanged;
import uk.nhs.impact.contracts.assessment.AssessmentSubmitted;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.platform.web.ETags;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The assessment lifecycle: DRAFT → SIGNED_OFF → SUBMITTED, REOPEN (a new revision; the old one is kept) and WITHDRAW.
 * Only the owning organisation's submitters change an assessment; others read a submitted one only as far as it is shared,
 * and get 404 otherwise. Every published change goes through the outbox in the same transaction.
 */
@ApplicationScoped
public class AssessmentService {
    private static final TypeReference<TreeMap<String, Answer>> ANSWERS = new TypeReference<>() { };

    private final InstrumentCatalogue instruments;
    private final OrganisationHierarchy hierarchy;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final AuditTrail audit;

    public AssessmentService(InstrumentCatalogue instruments, OrganisationHierarchy hierarchy, Outbox outbox, ObjectMapper json, AuditTrail audit) {
        this.instruments = instruments;
        this.hierarchy = hierarchy;
        this.outbox = outbox;
        this.json = json;
        this.audit = audit;
    }

    public static final String AUDIT_TYPE = "assessment";

    public record NewAssessment(String organisation, String cycle, LocalDate referenceDate, String instrumentId, int instrumentVersion) {
    }

    public record SignOff(String approverName, String approverRole, LocalDate boardMeetingDate, String minuteReference, Instant signedOffAt,
                          String signedOffBy) {
    }

    /** An assessment with its instrument, for views and results. */
    public record Loaded(Assessment assessment, InstrumentDefinition definition) {
    }

    // ---- creation ------------------------------------------------------------------------------------------------------

    public Uni<Loaded> create(OrgScope scope, NewAssessment body) {
        String ods = body.organisation();
        if (!scope.mayWrite(ods)) {
            throw ProblemException.forbidden("An assessment can only be created by its own organisation's submitters");
        }
        Organisation org = hierarchy.find(ods, body.referenceDate()).orElseThrow(() ->
                ProblemException.validation("referenceDate", ods + " was not an open organisation on " + body.referenceDate()));
        return instruments.published(body.instrumentId(), body.instrumentVersion(), "instrumentVersion").chain(instrument ->
                Assessment.count("odsCode = ?1 and cycle = ?2 and status <> ?3", ods, body.cycle(), Assessment.Status.WITHDRAWN)
                        .chain(live -> {
                            if (live > 0) {
                                throw ProblemException.conflict(ods + " already has an assessment for cycle " + body.cycle()
                                        + "; reopen it, or withdraw it first", Map.of("cycle", body.cycle()));
                            }
                            Assessment a = new Assessment();
                            a.id = UUID.randomUUID();
                            a.odsCode = ods;
                            a.orgType = org.orgType();
                            a.cycle = body.cycle();
                            a.referenceDate = body.referenceDate();
                            a.instrumentId = body.instrumentId();
                            a.instrumentVersion = body.instrumentVersion();
                            a.status = Assessment.Status.DRAFT;
                            a.revision = 1;
                            a.sharing = SharingLevel.PRIVATE;
                            a.answers = "{}";
                            a.createdAt = Instant.now();
                            a.updatedAt = a.createdAt;
                            return a.<Assessment>persist().call(() -> flush())
                                    .call(saved -> audit.record(ods, AUDIT_TYPE, saved.id.toString(), "CREATED", "cycle " + body.cycle()))
                                    .map(saved -> new Loaded(saved, instrument.definition()));
                        }));
    }

    // ---- reads -----------------------------------------------------------------------------------------------------------

    /** The assessment if the caller may read it: its own organisation always; others only a submitted one shared with them. */
    public Uni<Loaded> read(OrgScope scope, UUID id) {
        return Panache.withSession(() -> readable(scope, id).chain(this::withInstrument));
    }

    /** Only the owner sees drafts, revisions and the sharing history. */
    public Uni<Loaded> readOwn(OrgScope scope, UUID id) {
        return Panache.withSession(() -> Assessment.<Assessment>findById(id).chain(a -> {
            if (a == null || !ownerReads(scope, a)) {
                throw notFound(id);
            }
            return withInstrument(a);
        }));
    }

    public Uni<List<AssessmentRevision>> revisions(OrgScope scope, UUID id) {
        return readOwn(scope, id).chain(l -> Panache.withSession(() ->
                AssessmentRevision.<AssessmentRevision>list("assessmentId = ?1 order by revision", id)));
    }

    public Uni<List<SharingChange>> sharingHistory(OrgScope scope, UUID id) {
        return readOwn(scope, id).chain(l -> Panache.withSession(() ->
                SharingChange.<SharingChange>list("assessmentId = ?1 order by changedAt, id", id)));
    }

    /**
     * One page of an organisation's assessments, oldest first. Others than the organisation see only submitted assessments
     * shared with them.
     */
    public Uni<List<Assessment>> list(OrgScope scope, String ods, String cycle, String afterKey, int limit) {
        boolean own = scope.isOwn(ods) && (scope.has(uk.nhs.impact.platform.security.Roles.VIEWER)
                || scope.has(uk.nhs.impact.platform.security.Roles.SUBMITTER));
        Set<SharingLevel> visible = EnumSet.noneOf(SharingLevel.class);
        if (!own) {
            for (SharingLevel level : SharingLevel.values()) {
                if (scope.mayRead(ods, level, LocalDate.now())) {
                    visible.add(level);
                }
            }
            if (visible.isEmpty()) {
                return Uni.createFrom().item(List.of());
            }
        }
        StringBuilder q = new StringBuilder("odsCode = :ods");
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("ods", ods);
        if (cycle != null) {
            q.append(" and cycle = :cycle");
            params.put("cycle", cycle);
        }
        if (!own) {
            q.append(" and status = :submitted and sharing in :visible");
            params.put("submitted", Assessment.Status.SUBMITTED);
            params.put("visible", visible);
        }
        if (afterKey != null) {
            String[] parts = afterKey.split("\\|", 2);
            try {
                params.put("afterAt", Instant.parse(parts[0]));
                params.put("afterId", UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ProblemException.validation("after", "is not a cursor this API returned");
            }
            q.append(" and (createdAt > :afterAt or (createdAt = :afterAt and id > :afterId))");
        }
        q.append(" order by createdAt, id");
        return Panache.withSession(() -> Assessment.<Assessment>find(q.toString(), params).page(0, limit + 1).list());
    }

    public static String sortKey(Assessment a) {
        return a.createdAt + "|" + a.id;
    }

    // ---- changes ---------------------------------------------------------------------------------------------------------

    /** Merges answers into a draft: each named question is replaced, or cleared when given as null. */
    public Uni<Loaded> answer(OrgScope scope, UUID id, Map<String, Answer> changes, String ifMatch) {
        return change(scope, id, ifMatch, "ANSWERS_SAVED", String.join(",", changes.keySet()), (a, def) -> {
            requireStatus(a, "change answers", Assessment.Status.DRAFT);
            List<FieldError> errors = AnswerRules.check(def, changes);
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            TreeMap<String, Answer> answers = answers(a);
            changes.forEach((code, answer) -> {
                if (answer == null) {
                    answers.remove(code);
                } else {
                    answers.put(code, answer);
                }
            });
            a.answers = write(answers);
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Loaded> signOff(OrgScope scope, UUID id, SignOff signOff, String ifMatch) {
        return change(scope, id, ifMatch, "SIGNED_OFF", "board meeting " + signOff.boardMeetingDate() + ", minute " + signOff.minuteReference(), (a, def) -> {
            requireStatus(a, "sign off", Assessment.Status.DRAFT);
            List<String> missing = AnswerRules.unanswered(def, answers(a));
            if (!missing.isEmpty()) {
                throw ProblemException.conflict("Cannot sign off: " + missing.size() + " question(s) have no level",
                        Map.of("unansweredQuestions", missing));
            }
            if (signOff.boardMeetingDate().isAfter(LocalDate.now())) {
                throw ProblemException.validation("boardMeetingDate", "must not be in the future");
            }
            a.signOff = write(signOff);
            a.status = Assessment.Status.SIGNED_OFF;
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Loaded> submit(OrgScope scope, UUID id, String ifMatch) {
        return change(scope, id, ifMatch, "SUBMITTED", null, (a, def) -> {
            requireStatus(a, "submit", Assessment.Status.SIGNED_OFF);
            a.status = Assessment.Status.SUBMITTED;
            a.submittedAt = Instant.now();
            a.everSubmitted = true;
            AssessmentRevision r = new AssessmentRevision();
            r.assessmentId = a.id;
            r.revision = a.revision;
            r.outcome = "SUBMITTED";
            r.answers = a.answers;
            r.signOff = a.signOff;
            r.sharing = a.sharing.name();
            r.submittedAt = a.submittedAt;
            return r.persist().chain(() -> outbox.append(Topics.ASSESSMENT, EventTypes.ASSESSMENT_SUBMITTED, a.odsCode, submitted(a, def)))
                    .replaceWithVoid();
        });
    }

    /** Starts the next revision from the current answers; the closed revision stays readable. */
    public Uni<Loaded> reopen(OrgScope scope, UUID id, String reason, String by, String ifMatch) {
        return change(scope, id, ifMatch, "REOPENED", reason, (a, def) -> {
            requireStatus(a, "reopen", Assessment.Status.SIGNED_OFF, Assessment.Status.SUBMITTED);
            boolean wasSubmitted = a.status == Assessment.Status.SUBMITTED;
            return closeRevision(a, "REOPENED", reason, by).chain(() -> {
                a.revision++;
                a.status = Assessment.Status.DRAFT;
                a.signOff = null;
                a.submittedAt = null;
                return wasSubmitted
                        ? outbox.append(Topics.ASSESSMENT, EventTypes.ASSESSMENT_REOPENED, a.odsCode, changed(a, null, reason)).replaceWithVoid()
                        : Uni.createFrom().voidItem();
            });
        });
    }

    public Uni<Loaded> withdraw(OrgScope scope, UUID id, String reason, String by, String ifMatch) {
        return change(scope, id, ifMatch, "WITHDRAWN", reason, (a, def) -> {
            requireStatus(a, "withdraw", Assessment.Status.DRAFT, Assessment.Status.SIGNED_OFF, Assessment.Status.SUBMITTED);
            return closeRevision(a, "WITHDRAWN", reason, by).chain(() -> {
                a.status = Assessment.Status.WITHDRAWN;
                return a.everSubmitted
                        ? outbox.append(Topics.ASSESSMENT, EventTypes.ASSESSMENT_WITHDRAWN, a.odsCode, changed(a, null, reason)).replaceWithVoid()
                        : Uni.createFrom().voidItem();
            });
        });
    }

    /**
     * Widens or narrows who sees the assessment; every change is recorded and published. The event carries the submitted answers
     * only while they are shared (see {@link #sharingChanged}); narrowing to PRIVATE publishes a retraction without them.
     */
    public Uni<Loaded> share(OrgScope scope, UUID id, SharingLevel level, String reason, String by, String ifMatch) {
        return change(scope, id, ifMatch, "SHARING_SET_" + level.name(), reason, (a, def) -> {
            if (a.status == Assessment.Status.WITHDRAWN) {
                throw illegal(a, "change sharing of");
            }
            if (a.sharing == level) {
                return Uni.createFrom().voidItem();
            }
            SharingChange c = new SharingChange();
            c.id = UUID.randomUUID();
            c.assessmentId = a.id;
            c.fromLevel = a.sharing.name();
            c.toLevel = level.name();
            c.reason = reason;
            c.changedBy = by;
            c.changedAt = Instant.now();
            SharingLevel previous = a.sharing;
            a.sharing = level;
            return c.persist().chain(() -> outbox.append(Topics.ASSESSMENT, EventTypes.ASSESSMENT_SHARING_CHANGED, a.odsCode,
                    sharingChanged(a, def, previous, reason))).replaceWithVoid();
        });
    }

    // ---- internals -------------------------------------------------------------------------------------------------------

    private interface Change {
        Uni<Void> apply(Assessment a, InstrumentDefinition def);
    }

    private Uni<Loaded> change(OrgScope scope, UUID id, String ifMatch, String action, String reason, Change change) {
        return Panache.withTransaction(() -> Assessment.<Assessment>findById(id).chain(a -> {
            if (a == null || !(scope.mayWrite(a.odsCode) || ownerReads(scope, a) || othersRead(scope, a))) {
                throw notFound(id);
            }
            if (!scope.mayWrite(a.odsCode)) {
                throw ProblemException.forbidden("Only the organisation's own submitters may change its assessment");
            }
            ETags.require(ifMatch, a.version);
            return instruments.published(a.instrumentId, a.instrumentVersion, "instrumentVersion").chain(instrument -> change.apply(a, instrument.definition())
                    .chain(() -> {
                        a.updatedAt = Instant.now();
                        return flush();
                    })
                    .chain(() -> audit.record(a.odsCode, AUDIT_TYPE, a.id.toString(), action, reason))
                    .replaceWith(() -> new Loaded(a, instrument.definition())));
        }));
    }

    private Uni<Void> closeRevision(Assessment a, String outcome, String reason, String by) {
        return AssessmentRevision.<AssessmentRevision>find("assessmentId = ?1 and revision = ?2", a.id, a.revision).firstResult()
                .chain(existing -> {
                    AssessmentRevision r = existing;
                    if (r == null) {
                        r = new AssessmentRevision();
                        r.assessmentId = a.id;
                        r.revision = a.revision;
                        r.answers = a.answers;
                        r.signOff = a.signOff;
                        r.sharing = a.sharing.name();
                    }
                    r.outcome = outcome;
                    r.closedAt = Instant.now();
                    r.closedBy = by;
                    r.closeReason = reason;
                    return existing == null ? r.persist().replaceWithVoid() : Uni.createFrom().voidItem();
                });
    }

    private Uni<Assessment> readable(OrgScope scope, UUID id) {
        return Assessment.<Assessment>findById(id).map(a -> {
            if (a == null || !(ownerReads(scope, a) || othersRead(scope, a))) {
                throw notFound(id);
            }
            return a;
        });
    }

    private Uni<Loaded> withInstrument(Assessment a) {
        return instruments.published(a.instrumentId, a.instrumentVersion, "instrumentVersion").map(i -> new Loaded(a, i.definition()));
    }

    /** The published definitions after {@code fromVersion} up to {@code toVersion}, for mapping questions forward. */
    public Uni<List<InstrumentDefinition>> steps(String instrumentId, int fromVersion, int toVersion) {
        return instruments.versions(instrumentId).map(all -> {
            List<InstrumentDefinition> out = new ArrayList<>();
            all.stream().filter(e -> e.published() && e.number() > fromVersion && e.number() <= toVersion).forEach(e -> out.add(e.definition()));
            return out;
        });
    }

    private static boolean ownerReads(OrgScope scope, Assessment a) {
        return scope.isOwn(a.odsCode) && (scope.has(uk.nhs.impact.platform.security.Roles.VIEWER)
                || scope.has(uk.nhs.impact.platform.security.Roles.SUBMITTER));
    }

    private static boolean othersRead(OrgScope scope, Assessment a) {
        return a.status == Assessment.Status.SUBMITTED && scope.mayRead(a.odsCode, a.sharing, a.referenceDate);
    }

    private static void requireStatus(Assessment a, String action, Assessment.Status... allowed) {
        for (Assessment.Status s : allowed) {
            if (a.status == s) {
                return;
            }
        }
        throw illegal(a, action);
    }

    private static ProblemException illegal(Assessment a, String action) {
        String hint = switch (a.status) {
            case DRAFT -> "a draft must be complete and signed off by the board before it is submitted";
            case SIGNED_OFF -> "it is signed off: submit it, or reopen it to change answers";
            case SUBMITTED -> "it is submitted: reopen it to start a new revision";
            case WITHDRAWN -> "it is withdrawn, which is final: create a new assessment for the cycle";
        };
        return ProblemException.conflict("Cannot " + action + " assessment " + a.id + " while it is " + a.status + ": " + hint,
                Map.of("status", a.status.name(), "revision", a.revision));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("Assessment " + id);
    }

    private static Uni<Void> flush() {
        return Panache.getSession().chain(s -> s.flush());
    }

    public TreeMap<String, Answer> answers(Assessment a) {
        return answers(a.answers);
    }

    public TreeMap<String, Answer> answers(String stored) {
        try {
            return json.readValue(stored, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers are not readable", e);
        }
    }

    public SignOff signOff(String stored) {
        try {
            return stored == null ? null : json.readValue(stored, SignOff.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored sign-off is not readable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OrganisationRef organisation(Assessment a) {
        Organisation org = hierarchy.find(a.odsCode).orElseThrow();
        return new OrganisationRef(org.odsCode(), org.name(), org.orgType(), org.trustType(),
                hierarchy.icbOf(a.odsCode, a.referenceDate).orElse(null), hierarchy.regionOf(a.odsCode, a.referenceDate).orElse(null));
    }

    /**
     * The submission event. Its answers and sign-off leave this service only when the assessment is shared (ICB, REGION or
     * NATIONAL): a private assessment's submission says who submitted, never what they answered.
     */
    private AssessmentSubmitted submitted(Assessment a, InstrumentDefinition def) {
        boolean shared = a.sharing != SharingLevel.PRIVATE;
        return new AssessmentSubmitted(a.id.toString(), a.instrumentId, a.instrumentVersion, a.cycle, a.referenceDate, organisation(a),
                a.revision, a.sharing.name(), a.submittedAt, shared ? submittedSignOff(a) : null, shared ? answered(a, def) : null,
                a.version);
    }

    /** Reopened and withdrawn: never answers. */
    private AssessmentChanged changed(Assessment a, SharingLevel previous, String reason) {
        return new AssessmentChanged(a.id.toString(), a.cycle, a.referenceDate, organisation(a), a.revision, a.status.name(),
                a.sharing.name(), previous == null ? null : previous.name(), reason, Instant.now(), a.version, null, null, null, null, null);
    }

    /**
     * A sharing change. While the assessment is submitted and shared at the new level, it carries the submitted content at that
     * level (widening publishes it there; narrowing to ICB or REGION restates it at the narrower level). Narrowed to PRIVATE, or
     * while not submitted, it carries no answers: it is the retraction on which consumers delete what they hold of them.
     */
    private AssessmentChanged sharingChanged(Assessment a, InstrumentDefinition def, SharingLevel previous, String reason) {
        if (a.status != Assessment.Status.SUBMITTED || a.sharing == SharingLevel.PRIVATE) {
            return changed(a, previous, reason);
        }
        return new AssessmentChanged(a.id.toString(), a.cycle, a.referenceDate, organisation(a), a.revision, a.status.name(),
                a.sharing.name(), previous == null ? null : previous.name(), reason, Instant.now(), a.version, a.instrumentId,
                a.instrumentVersion, a.submittedAt, submittedSignOff(a), answered(a, def));
    }

    private AssessmentSubmitted.SignOff submittedSignOff(Assessment a) {
        SignOff s = signOff(a.signOff);
        return s == null ? null : new AssessmentSubmitted.SignOff(s.approverName(), s.approverRole(), s.boardMeetingDate(), s.minuteReference());
    }

    private List<AssessmentSubmitted.AnsweredQuestion> answered(Assessment a, InstrumentDefinition def) {
        TreeMap<String, Answer> answers = answers(a);
        List<AssessmentSubmitted.AnsweredQuestion> list = new ArrayList<>();
        for (InstrumentDefinition.Question q : def.questions()) {
            Answer ans = answers.get(q.code());
            int ordinal = def.ordinalOf(ans.levelCode());
            List<AssessmentSubmitted.Action> actions = ans.actions() == null ? null : ans.actions().stream()
                    .map(x -> new AssessmentSubmitted.Action(x.description(), x.owner(), x.dueDate())).toList();
            list.add(new AssessmentSubmitted.AnsweredQuestion(q.code(), q.number(), q.componentCode(), ans.levelCode(),
                    def.levels().get(ordinal - 1).name(), ordinal, ans.evidence(), actions));
        }
        return list;
    }
}
