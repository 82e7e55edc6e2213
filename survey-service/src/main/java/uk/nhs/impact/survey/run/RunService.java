package uk.nhs.impact.survey.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.contracts.survey.RunChanged;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Page;
import uk.nhs.impact.survey.instrument.SurveyCatalogue;
import uk.nhs.impact.survey.instrument.SurveyDefinition;

/**
 * Survey runs: opened by NHS England administrators on a published survey version, extended, and closed for good. Every
 * change is audited, and opening and closing are published as events in the same transaction.
 */
@ApplicationScoped
public class RunService {
    /** instrument-admin counts only at NHS England (X24): a token carrying it for any other organisation is refused. */
    private static final String ADMIN_ONLY = "This is for NHS England administrators (instrument-admin at X24)";
    private static final String AUDIT_TYPE = "survey-run";

    @Inject
    SurveyCatalogue catalogue;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;

    /** Refuses a new run before anything is looked up: the caller must be an administrator and the window must make sense. */
    public void checkNew(OrgScope scope, NewRun run) {
        requireAdmin(scope);
        RunRules.checkNew(run.opensAt(), run.closesAt(), run.organisationTypes());
    }

    /** Opens a run checked by {@link #checkNew}; runs inside the caller's transaction. */
    public Uni<SurveyRun> open(NewRun body) {
        return catalogue.published(body.instrumentId(), body.instrumentVersion(), "instrumentVersion")
                .chain(instrument -> SurveyRun.<SurveyRun>findById(body.id()))
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("Survey run " + body.id() + " already exists");
                    }
                    SurveyRun r = new SurveyRun();
                    r.id = body.id();
                    r.name = body.name();
                    r.instrumentId = body.instrumentId();
                    r.instrumentVersion = body.instrumentVersion();
                    r.referenceDate = body.referenceDate();
                    r.opensAt = body.opensAt();
                    r.closesAt = body.closesAt();
                    r.orgTypes = String.join(",", body.organisationTypes());
                    r.createdAt = Instant.now();
                    return r.<SurveyRun>persist();
                })
                .call(r -> definition(r)
                        .chain(d -> outbox.append(Topics.SURVEY, EventTypes.SURVEY_RUN_OPENED, OrganisationHierarchy.NHS_ENGLAND, changed(r, d))))
                .call(r -> audit.record(OrganisationHierarchy.NHS_ENGLAND, AUDIT_TYPE, r.id, "OPENED", null))
                .call(r -> Panache.getSession().chain(s -> s.flush()));
    }

    /** One page of runs in order of id, after the id {@code afterId} (null for the first page). */
    public Uni<Page<SurveyRun>> list(String afterId, int limit) {
        return Panache.withSession(() -> (afterId == null
                ? SurveyRun.<SurveyRun>find("order by id")
                : SurveyRun.<SurveyRun>find("id > ?1 order by id", afterId)).page(0, limit + 1).list())
                .map(rows -> Page.of(rows, limit, r -> r.id));
    }

    public Uni<SurveyRun> read(String id) {
        return Panache.withSession(() -> find(id));
    }

    public Uni<SurveyRun> extend(OrgScope scope, String id, String ifMatch, Instant closesAt) {
        requireAdmin(scope);
        return change(id, ifMatch, "EXTENDED", r -> {
            RunRules.checkExtension(r, closesAt);
            r.closesAt = closesAt;
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<SurveyRun> close(OrgScope scope, String id, String ifMatch) {
        requireAdmin(scope);
        return change(id, ifMatch, "CLOSED", r -> {
            r.closed = true;
            return definition(r).chain(d -> outbox.append(Topics.SURVEY, EventTypes.SURVEY_RUN_CLOSED, OrganisationHierarchy.NHS_ENGLAND, changed(r, d)))
                    .replaceWithVoid();
        });
    }

    /** The run, or 404; inside the caller's session. */
    public Uni<SurveyRun> find(String id) {
        return SurveyRun.<SurveyRun>findById(id).map(r -> {
            if (r == null) {
                throw ProblemException.notFound("Survey run " + id);
            }
            return r;
        });
    }

    /** The run if it takes responses now, or 404 or 409 with its dates; inside the caller's session. */
    public Uni<SurveyRun> acceptingResponses(String id) {
        return find(id).invoke(run -> RunRules.requireAcceptingResponses(run, Instant.now()));
    }

    /** The survey version the run collects. */
    public Uni<SurveyDefinition> definition(SurveyRun run) {
        return catalogue.published(run.instrumentId, run.instrumentVersion, "instrumentVersion").map(e -> e.definition());
    }

    private Uni<SurveyRun> change(String id, String ifMatch, String action, Function<SurveyRun, Uni<Void>> change) {
        return Panache.withTransaction(() -> find(id).chain(r -> {
            ETags.require(ifMatch, r.version);
            RunRules.requireNotClosed(r);
            return change.apply(r).chain(() -> Panache.getSession().chain(s -> s.flush()))
                    .chain(() -> audit.record(OrganisationHierarchy.NHS_ENGLAND, AUDIT_TYPE, r.id, action, "closes " + r.closesAt))
                    .replaceWith(r);
        }));
    }

    private static void requireAdmin(OrgScope scope) {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden(ADMIN_ONLY);
        }
    }

    /** The run's event, naming every question and option it asks so reports can show what nobody chose as 0. */
    static RunChanged changed(SurveyRun r, SurveyDefinition definition) {
        List<RunChanged.Question> questions = definition.questions().stream()
                .map(q -> new RunChanged.Question(q.code(), q.type().name().toLowerCase(Locale.ROOT),
                        q.options() == null ? List.of() : q.options().stream().map(SurveyDefinition.Option::code).toList()))
                .toList();
        return new RunChanged(r.id, r.name, r.instrumentId, r.instrumentVersion, r.referenceDate, r.opensAt, r.closesAt,
                r.organisationTypes(), r.closed, questions);
    }
}
