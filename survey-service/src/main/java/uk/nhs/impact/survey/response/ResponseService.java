package uk.nhs.impact.survey.response;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.contracts.survey.ResponseSubmitted;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Params;
import uk.nhs.impact.survey.instrument.SurveyDefinition;
import uk.nhs.impact.survey.run.RunService;
import uk.nhs.impact.survey.run.SurveyRun;

/**
 * Responses: one per respondent per run, saved partially until submitted; a later submit amends it and every submission is
 * kept. Only the respondent changes a response. The respondent and viewers of its own trust read it; nobody else sees an
 * individual response (404).
 */
@ApplicationScoped
public class ResponseService {
    @Inject
    RunService runs;
    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    Outbox outbox;
    @Inject
    AnswersJson stored;
    @Inject
    AuditTrail audit;

    public static final String AUDIT_TYPE = "survey-response";

    /** Who is calling: the token subject and, for a trust system answering for several people, its reference for the person. */
    public record Respondent(String subject, String reference) {
        /** The caller: its token subject (its organisation when the token has none) and the reference it gives, if any. */
        public static Respondent of(JsonWebToken token, OrgScope scope, String reference) {
            if (reference != null && !reference.matches(Params.REFERENCE)) {
                throw ProblemException.validation("respondentReference", "must be 1 to 100 letters, digits or ._:-");
            }
            return new Respondent(token.getSubject() != null ? token.getSubject() : scope.orgCode(), reference);
        }

        /** What a response is filed under: one response per key per run. */
        public String key() {
            return subject + "|" + (reference == null ? "" : reference);
        }

        /** The reference the response was filed with when this caller is its respondent (who gave it); otherwise null. */
        public String referenceOf(SurveyResponse r) {
            return isRespondent(this, r) ? reference : null;
        }
    }

    public record Loaded(SurveyResponse response, SurveyRun run, SurveyDefinition definition) {
    }

    public Uni<Loaded> start(OrgScope scope, Respondent who, String runId, String ods, String role) {
        if (!scope.mayWrite(ods)) {
            throw ProblemException.forbidden("A response can only be given for the respondent's own organisation");
        }
        return runs.acceptingResponses(runId).chain(run -> {
            Organisation org = hierarchy.find(ods, run.referenceDate)
                    .orElseThrow(() -> ProblemException.unprocessable(ods + " was not an open organisation on " + run.referenceDate));
            if (!run.organisationTypes().contains(org.orgType())) {
                throw ProblemException.unprocessable("Survey run " + runId + " is for " + run.organisationTypes() + ", not " + org.orgType());
            }
            return SurveyResponse.<SurveyResponse>find("runId = ?1 and respondentKey = ?2", runId, who.key()).firstResult().chain(existing -> {
                if (existing != null) {
                    throw ProblemException.conflict("This respondent already has a response in run " + runId
                            + "; change it and submit again to amend", Map.of("responseId", existing.id.toString()));
                }
                SurveyResponse r = new SurveyResponse();
                r.id = UUID.randomUUID();
                r.runId = runId;
                r.respondentKey = who.key();
                r.respondentSubject = who.subject();
                r.odsCode = ods;
                r.respondentRole = role;
                r.status = SurveyResponse.Status.DRAFT;
                r.answers = "{}";
                r.createdAt = Instant.now();
                r.updatedAt = r.createdAt;
                return r.<SurveyResponse>persist().call(ResponseService::flush)
                        .call(saved -> audit.record(ods, AUDIT_TYPE, saved.id.toString(), "STARTED", role))
                        .chain(saved -> runs.definition(run).map(def -> new Loaded(saved, run, def)));
            });
        });
    }

    /** Merges answers (null clears one) and optionally a new role; a submitted response becomes a draft amendment. */
    public Uni<Loaded> save(OrgScope scope, Respondent who, String runId, UUID id, Map<String, SurveyAnswer> changes, String role, String ifMatch) {
        return change(scope, who, runId, id, ifMatch, "ANSWERS_SAVED", (r, def) -> {
            List<FieldError> errors = ResponseRules.check(def, changes, false);
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            TreeMap<String, SurveyAnswer> answers = stored.read(r.answers);
            changes.forEach((code, a) -> {
                if (a == null) {
                    answers.remove(code);
                } else {
                    answers.put(code, a);
                }
            });
            r.answers = stored.write(answers);
            if (role != null) {
                r.respondentRole = role;
            }
            r.status = SurveyResponse.Status.DRAFT;
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Loaded> submit(OrgScope scope, Respondent who, String runId, UUID id, String ifMatch) {
        return change(scope, who, runId, id, ifMatch, "SUBMITTED", (r, def) -> {
            if (r.status == SurveyResponse.Status.SUBMITTED) {
                throw ProblemException.conflict("Nothing to submit: the response is unchanged since it was submitted; change it to amend",
                        Map.of("revision", r.revision));
            }
            TreeMap<String, SurveyAnswer> answers = stored.read(r.answers);
            List<FieldError> errors = ResponseRules.check(def, answers, true);
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            r.revision++;
            r.status = SurveyResponse.Status.SUBMITTED;
            r.submittedAt = Instant.now();
            r.submittedAnswers = r.answers;
            ResponseRevision rev = new ResponseRevision();
            rev.responseId = r.id;
            rev.revision = r.revision;
            rev.respondentRole = r.respondentRole;
            rev.answers = r.answers;
            rev.submittedAt = r.submittedAt;
            String type = r.revision == 1 ? EventTypes.SURVEY_RESPONSE_SUBMITTED : EventTypes.SURVEY_RESPONSE_AMENDED;
            return rev.persist().chain(() -> runs.find(r.runId)).chain(run -> outbox.append(Topics.SURVEY, type, r.odsCode,
                    event(run, r, def, answers))).replaceWithVoid();
        });
    }

    public Uni<Loaded> read(OrgScope scope, Respondent who, String runId, UUID id) {
        return Panache.withSession(() -> SurveyResponse.<SurveyResponse>findById(id).chain(r -> {
            if (r == null || !r.runId.equals(runId) || !mayRead(scope, who, r)) {
                throw notFound(id);
            }
            return runs.find(runId).chain(run -> runs.definition(run).map(def -> new Loaded(r, run, def)));
        }));
    }

    public Uni<List<ResponseRevision>> history(OrgScope scope, Respondent who, String runId, UUID id) {
        return read(scope, who, runId, id)
                .chain(l -> Panache.withSession(() -> ResponseRevision.<ResponseRevision>list("responseId = ?1 order by revision", id)));
    }

    // ---- internals -------------------------------------------------------------------------------------------------------

    private interface Change {
        Uni<Void> apply(SurveyResponse r, SurveyDefinition def);
    }

    private Uni<Loaded> change(OrgScope scope, Respondent who, String runId, UUID id, String ifMatch, String action, Change change) {
        return Panache.withTransaction(() -> SurveyResponse.<SurveyResponse>findById(id).chain(r -> {
            if (r == null || !r.runId.equals(runId) || !mayRead(scope, who, r)) {
                throw notFound(id);
            }
            if (!isRespondent(who, r) || !scope.mayWrite(r.odsCode)) {
                throw ProblemException.forbidden("Only the respondent may change a response");
            }
            ETags.require(ifMatch, r.version);
            return runs.acceptingResponses(runId).chain(run -> runs.definition(run).chain(def -> change.apply(r, def).chain(() -> {
                r.updatedAt = Instant.now();
                return flush();
            }).chain(() -> audit.record(r.odsCode, AUDIT_TYPE, r.id.toString(), action, "revision " + r.revision))
                    .replaceWith(() -> new Loaded(r, run, def))));
        }));
    }

    private static boolean isRespondent(Respondent who, SurveyResponse r) {
        return r.respondentKey.equals(who.key());
    }

    private static boolean mayRead(OrgScope scope, Respondent who, SurveyResponse r) {
        return isRespondent(who, r) && scope.isOwn(r.odsCode) || scope.isOwn(r.odsCode) && scope.has(Roles.VIEWER);
    }

    private ResponseSubmitted event(SurveyRun run, SurveyResponse r, SurveyDefinition def, Map<String, SurveyAnswer> answers) {
        Organisation org = hierarchy.find(r.odsCode).orElseThrow();
        OrganisationRef ref = new OrganisationRef(org.odsCode(), org.name(), org.orgType(), org.trustType(),
                hierarchy.icbOf(r.odsCode, run.referenceDate).orElse(null), hierarchy.regionOf(r.odsCode, run.referenceDate).orElse(null));
        Map<String, ResponseSubmitted.Answer> typed = new LinkedHashMap<>();
        ResponseRules.forEvent(def, answers).forEach((code, value) -> typed.put(code, value == null ? null : ResponseSubmitted.Answer.of(value)));
        return new ResponseSubmitted(run.id, run.instrumentId, run.instrumentVersion, run.referenceDate, r.id.toString(), r.respondentRole,
                ref, r.revision, r.submittedAt, typed);
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("Response " + id);
    }

    private static Uni<Void> flush() {
        return Panache.getSession().chain(s -> s.flush());
    }
}
