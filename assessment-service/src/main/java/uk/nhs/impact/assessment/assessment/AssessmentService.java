package uk.nhs.impact.assessment.assessment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.nhs.impact.assessment.instrument.InstrumentCatalogue;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.Keyset;
import uk.nhs.impact.platform.web.Page;

/**
 * Starting an assessment and everything read from one: the assessment, lists, revisions, sharing history, results and
 * progress. Only the owning organisation sees drafts and history; others read a submitted assessment only as far as it is
 * shared, and get 404 otherwise ({@link AssessmentAccess}). Changes to an assessment are {@link AssessmentLifecycle}'s.
 */
@ApplicationScoped
public class AssessmentService {
    /** The entity type of assessments in the audit trail. */
    public static final String AUDIT_TYPE = "assessment";

    @Inject
    InstrumentCatalogue instruments;
    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    AuditTrail audit;
    @Inject
    AssessmentQueries queries;
    @Inject
    AnswersJson stored;
    @Inject
    AssessmentViews views;

    public record NewAssessment(String organisation, String cycle, LocalDate referenceDate, String instrumentId, int instrumentVersion) {
    }

    /** A private DRAFT, revision 1; at most one live (not withdrawn) assessment per organisation and cycle. */
    public Uni<AssessmentView> create(OrgScope scope, NewAssessment body) {
        String ods = body.organisation();
        AssessmentAccess.requireCreate(scope, ods);
        Organisation org = hierarchy.find(ods, body.referenceDate())
                .orElseThrow(() -> ProblemException.validation("referenceDate", ods + " was not an open organisation on " + body.referenceDate()));
        return instruments.published(body.instrumentId(), body.instrumentVersion(), "instrumentVersion")
                .chain(instrument -> queries.live(ods, body.cycle()).chain(live -> {
                    if (live > 0) {
                        throw ProblemException.conflict(ods + " already has an assessment for cycle " + body.cycle()
                                + "; reopen it, or withdraw it first", Map.of("cycle", body.cycle()));
                    }
                    Assessment a = Assessment.draft(UUID.randomUUID(), org, body.cycle(), body.referenceDate(), body.instrumentId(),
                            body.instrumentVersion(), Instant.now());
                    return a.<Assessment>persist().call(() -> Panache.getSession().chain(s -> s.flush()))
                            .call(saved -> audit.record(ods, AUDIT_TYPE, saved.id.toString(), "CREATED", "cycle " + body.cycle()))
                            .map(saved -> AssessmentView.of(new Loaded(saved, instrument.definition()), stored, List.of()));
                }));
    }

    /** The assessment if the caller may read it: its own organisation always; others only a submitted one shared with them. */
    public Uni<AssessmentView> read(OrgScope scope, UUID id) {
        return readable(scope, id).chain(views::of);
    }

    /** The assessment with its instrument when it is the caller's own organisation's; 404 otherwise. */
    public Uni<Loaded> readOwn(OrgScope scope, UUID id) {
        return Panache.withSession(() -> Assessment.<Assessment>findById(id)
                .chain(a -> withInstrument(AssessmentAccess.own(scope, a, id))));
    }

    /**
     * One page of an organisation's assessments, oldest first. Others than the organisation see only submitted assessments
     * shared with them.
     */
    public Uni<Page<AssessmentView.Summary>> list(OrgScope scope, String ods, String cycle, String after, int limit) {
        Keyset from = Keyset.after(after);
        AssessmentAccess.Listing listing = AssessmentAccess.listing(scope, ods, LocalDate.now());
        if (listing.nothing()) {
            return Uni.createFrom().item(new Page<>(List.of(), null));
        }
        return queries.page(ods, cycle, listing, from, limit)
                .map(page -> page.map(AssessmentView.Summary::of));
    }

    /** The current sharing level and every change to it (the organisation only). */
    public Uni<AssessmentView.SharingView> sharing(OrgScope scope, UUID id) {
        return readOwn(scope, id).chain(l -> queries.sharingHistory(id).map(changes -> AssessmentView.SharingView.of(l.assessment(), changes)));
    }

    /** Every revision, oldest first: the closed ones as they were, and the current one (the organisation only). */
    public Uni<List<AssessmentView.RevisionView>> revisions(OrgScope scope, UUID id) {
        return readOwn(scope, id).chain(l -> queries.revisions(id).map(recorded -> AssessmentRevisions.history(
                recorded.stream().map(r -> AssessmentView.RevisionView.of(r, stored)).toList(),
                AssessmentView.RevisionView.current(l.assessment(), stored))));
    }

    public Uni<AssessmentView.RevisionView> revision(OrgScope scope, UUID id, int revision) {
        return revisions(scope, id).map(all -> all.stream().filter(r -> r.revision() == revision).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Revision " + revision + " of assessment " + id)));
    }

    public Uni<Results.AssessmentResults> results(OrgScope scope, UUID id) {
        return readable(scope, id).map(l -> Results.of(id.toString(), l.assessment().revision, l.assessment().status.name(),
                l.definition(), stored.answers(l.assessment().answers)));
    }

    /** Movement since an earlier submitted assessment of the same organisation, carried across instrument versions. */
    public Uni<Progress.Report> progress(OrgScope scope, UUID id, UUID since) {
        return readable(scope, since).chain(from -> readable(scope, id).chain(to -> {
            Assessment a = from.assessment();
            Assessment b = to.assessment();
            LifecycleRules.checkComparable(a, b);
            return steps(a.instrumentId, a.instrumentVersion, b.instrumentVersion).map(steps -> Progress.between(
                    new Progress.Side(a.id.toString(), a.cycle, a.instrumentVersion, from.definition(), stored.answers(a.answers)),
                    new Progress.Side(b.id.toString(), b.cycle, b.instrumentVersion, to.definition(), stored.answers(b.answers)), steps));
        }));
    }

    /** The published definitions after {@code fromVersion} up to {@code toVersion}, for mapping questions forward. */
    private Uni<List<InstrumentDefinition>> steps(String instrumentId, int fromVersion, int toVersion) {
        return instruments.versions(instrumentId).map(all -> all.stream()
                .filter(e -> e.published() && e.number() > fromVersion && e.number() <= toVersion).map(e -> e.definition()).toList());
    }

    private Uni<Loaded> readable(OrgScope scope, UUID id) {
        return Panache.withSession(() -> Assessment.<Assessment>findById(id)
                .chain(a -> withInstrument(AssessmentAccess.readable(scope, a, id))));
    }

    private Uni<Loaded> withInstrument(Assessment a) {
        return instruments.published(a.instrumentId, a.instrumentVersion, "instrumentVersion").map(i -> new Loaded(a, i.definition()));
    }
}
