package uk.nhs.impact.baseline.returns;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import uk.nhs.impact.baseline.collection.Collection;
import uk.nhs.impact.baseline.collection.CollectionRules;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.contracts.baseline.ReturnReviewed;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.platform.web.ETags;

/**
 * The ICB's review of a submitted return: accepted, or returned with comments for the organisation to revise and resubmit.
 * Only the ICB the organisation belonged to on the collection's reference date reviews it; the review, its audit entry and
 * its event commit together.
 */
@ApplicationScoped
public class ReviewService {
    @Inject
    ReturnService returns;
    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;

    public Uni<BaselineReturn> review(OrgScope scope, String collectionId, String ods, String ifMatch, Reviews.Decision decision) {
        Reviews.checkComments(decision.outcome(), decision.comments());
        return Panache.withTransaction(() -> Collection.<Collection>findById(collectionId).chain(c -> {
            requireReviewer(scope, c, collectionId, ods);
            return BaselineReturn.of(collectionId, ods).chain(r -> {
                if (r == null) {
                    throw ProblemException.notFound("Return of " + ods + " in " + collectionId);
                }
                ETags.require(ifMatch, r.version);
                CollectionRules.requireAcceptingReturns(c, Instant.now());
                ReviewRules.requireAwaitingReview(r);
                return record(c, r, scope.orgCode(), decision);
            });
        }));
    }

    /** The organisation's ICB overseers on the reference date; 403 for others who may read the return, 404 for the rest. */
    private void requireReviewer(OrgScope scope, Collection c, String collectionId, String ods) {
        if (c != null && mayReview(scope, ods, c.referenceDate)) {
            return;
        }
        if (c == null || !scope.mayRead(ods, SharingLevel.NATIONAL, c.referenceDate)) {
            throw ProblemException.notFound("Return of " + ods + " in " + collectionId);
        }
        throw ProblemException.forbidden("Only the organisation's ICB oversight reviews its return");
    }

    private boolean mayReview(OrgScope scope, String ods, LocalDate asOf) {
        return scope.holds(Roles.ICB_OVERSIGHT) && hierarchy.icbOf(ods, asOf).filter(scope.orgCode()::equals).isPresent();
    }

    private Uni<BaselineReturn> record(Collection c, BaselineReturn r, String reviewer, Reviews.Decision decision) {
        ReturnReview review = new ReturnReview();
        review.returnId = r.id;
        review.decide(r.revision, reviewer, decision);
        r.reviewState = decision.outcome();
        r.updatedAt = review.reviewedAt;
        ReturnReviewed event = new ReturnReviewed(r.id.toString(), c.id, returns.organisation(r.odsCode, c.referenceDate), r.revision,
                review.outcome, review.comments, returns.organisation(reviewer, c.referenceDate), review.reviewedAt);
        return review.persist()
                .chain(() -> Panache.getSession().chain(s -> s.flush()))
                .chain(() -> outbox.append(Topics.BASELINE, EventTypes.BASELINE_RETURN_REVIEWED, r.odsCode, event))
                .chain(() -> audit.record(r.odsCode, ReturnService.AUDIT_TYPE, c.id + "/" + r.odsCode, "REVIEW_" + review.outcome, review.auditReason()))
                .replaceWith(r);
    }
}
