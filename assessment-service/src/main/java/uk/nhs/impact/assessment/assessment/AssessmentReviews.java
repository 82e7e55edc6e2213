package uk.nhs.impact.assessment.assessment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import uk.nhs.impact.assessment.instrument.InstrumentCatalogue;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;

/**
 * The ICB's review of a submitted assessment the organisation shares with it (ICB, REGION or NATIONAL): accepted, or returned
 * with comments, which the organisation answers by reopening, revising, signing off again and resubmitting. Only the ICB the
 * organisation belonged to on the reference date reviews; the review, its audit entry and its event commit together.
 */
@ApplicationScoped
public class AssessmentReviews {
    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    InstrumentCatalogue instruments;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    AssessmentEvents events;
    @Inject
    AssessmentViews views;

    public Uni<AssessmentView> review(OrgScope scope, UUID id, String ifMatch, Reviews.Decision decision) {
        Reviews.checkComments(decision.outcome(), decision.comments());
        return Panache.withTransaction(() -> Assessment.<Assessment>findById(id).chain(found -> {
            Assessment a = AssessmentAccess.readable(scope, found, id);
            if (!mayReview(scope, a)) {
                throw ProblemException.forbidden("Only the organisation's ICB oversight reviews its assessment");
            }
            ETags.require(ifMatch, a.version);
            ReviewRules.requireAwaitingReview(a);
            return record(a, scope.orgCode(), decision).chain(() -> instruments.published(a.instrumentId, a.instrumentVersion, "instrumentVersion"))
                    .map(instrument -> new Loaded(a, instrument.definition()));
        })).chain(views::of);
    }

    /** The organisation's ICB overseers as the hierarchy stood on the reference date. */
    private boolean mayReview(OrgScope scope, Assessment a) {
        return scope.holds(Roles.ICB_OVERSIGHT) && hierarchy.icbOf(a.odsCode, a.referenceDate).filter(scope.orgCode()::equals).isPresent();
    }

    private Uni<Void> record(Assessment a, String reviewer, Reviews.Decision decision) {
        AssessmentReview review = new AssessmentReview();
        review.assessmentId = a.id;
        review.decide(a.revision, reviewer, decision);
        a.reviewState = review.outcome;
        a.updatedAt = review.reviewedAt;
        return review.persist()
                .chain(() -> outbox.append(Topics.ASSESSMENT, EventTypes.ASSESSMENT_REVIEWED, a.odsCode, events.reviewed(a, review)))
                .chain(() -> Panache.getSession().chain(s -> s.flush()))
                .chain(() -> audit.record(a.odsCode, AssessmentService.AUDIT_TYPE, a.id.toString(), "REVIEW_" + review.outcome, review.auditReason()));
    }
}
