package uk.nhs.impact.assessment.assessment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import uk.nhs.impact.assessment.instrument.InstrumentCatalogue;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.platform.web.ETags;

/**
 * Every change to an assessment: answers, board sign-off, submission, reopen (a new revision; the old one is kept), withdrawal
 * and sharing. Each runs in one transaction that checks the caller ({@link AssessmentAccess}), the If-Match version and the
 * step ({@link LifecycleRules}), writes the audit trail and, for what consumers must know, the outbox.
 */
@ApplicationScoped
public class AssessmentLifecycle {
    @Inject
    InstrumentCatalogue instruments;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    AnswersJson stored;
    @Inject
    AssessmentRevisions revisions;
    @Inject
    AssessmentEvents events;
    @Inject
    AssessmentViews views;

    /** Merges answers into a draft: each named question is replaced, or cleared when given as null. */
    public Uni<AssessmentView> answer(OrgScope scope, UUID id, Map<String, Answer> changes, String ifMatch) {
        return change(scope, id, ifMatch, "ANSWERS_SAVED", String.join(",", changes.keySet()), (a, def) -> {
            LifecycleRules.checkAnswers(a, def, changes);
            a.answers = stored.answers(AnswerRules.merge(stored.answers(a.answers), changes));
            return Uni.createFrom().voidItem();
        });
    }

    /** DRAFT → SIGNED_OFF, once every question has a level. */
    public Uni<AssessmentView> signOff(OrgScope scope, UUID id, SignOff signOff, String ifMatch) {
        String reason = "board meeting " + signOff.boardMeetingDate() + ", minute " + signOff.minuteReference();
        return change(scope, id, ifMatch, "SIGNED_OFF", reason, (a, def) -> {
            LifecycleRules.checkSignOff(a, def, stored.answers(a.answers), signOff.boardMeetingDate(), LocalDate.now());
            a.signOff = stored.signOff(signOff);
            a.status = Assessment.Status.SIGNED_OFF;
            return Uni.createFrom().voidItem();
        });
    }

    /** SIGNED_OFF → SUBMITTED: the revision is recorded as submitted and published to the chosen audience. */
    public Uni<AssessmentView> submit(OrgScope scope, UUID id, String ifMatch) {
        return change(scope, id, ifMatch, "SUBMITTED", null, (a, def) -> {
            LifecycleRules.require(a, "submit", Assessment.Status.SIGNED_OFF);
            a.status = Assessment.Status.SUBMITTED;
            a.submittedAt = Instant.now();
            a.everSubmitted = true;
            // every submission, a revision after a return included, goes to the ICB for review
            a.reviewState = Reviews.AWAITING_REVIEW;
            return revisions.submitted(a).chain(() -> publish(a, EventTypes.ASSESSMENT_SUBMITTED, events.submitted(a, def)));
        });
    }

    /** Starts the next revision from the current answers; the closed revision stays readable. */
    public Uni<AssessmentView> reopen(OrgScope scope, UUID id, String reason, String by, String ifMatch) {
        return change(scope, id, ifMatch, "REOPENED", reason, (a, def) -> {
            LifecycleRules.require(a, "reopen", Assessment.Status.SIGNED_OFF, Assessment.Status.SUBMITTED);
            boolean wasSubmitted = a.status == Assessment.Status.SUBMITTED;
            return revisions.close(a, "REOPENED", reason, by).chain(() -> {
                a.revision++;
                a.status = Assessment.Status.DRAFT;
                a.signOff = null;
                a.submittedAt = null;
                return wasSubmitted ? publish(a, EventTypes.ASSESSMENT_REOPENED, events.changed(a, reason)) : Uni.createFrom().voidItem();
            });
        });
    }

    /** Final: the cycle is free again, and a submitted assessment leaves every aggregate. */
    public Uni<AssessmentView> withdraw(OrgScope scope, UUID id, String reason, String by, String ifMatch) {
        return change(scope, id, ifMatch, "WITHDRAWN", reason, (a, def) -> {
            LifecycleRules.require(a, "withdraw", Assessment.Status.DRAFT, Assessment.Status.SIGNED_OFF, Assessment.Status.SUBMITTED);
            return revisions.close(a, "WITHDRAWN", reason, by).chain(() -> {
                a.status = Assessment.Status.WITHDRAWN;
                return a.everSubmitted ? publish(a, EventTypes.ASSESSMENT_WITHDRAWN, events.changed(a, reason)) : Uni.createFrom().voidItem();
            });
        });
    }

    /**
     * Widens or narrows who sees the assessment; every change is recorded and published. The event carries the submitted answers
     * only while they are shared ({@link AssessmentEvents#sharingChanged}); narrowing to PRIVATE publishes a retraction without them.
     */
    public Uni<AssessmentView> share(OrgScope scope, UUID id, SharingLevel level, String reason, String by, String ifMatch) {
        return change(scope, id, ifMatch, "SHARING_SET_" + level.name(), reason, (a, def) -> {
            LifecycleRules.checkSharing(a);
            if (a.sharing == level) {
                return Uni.createFrom().voidItem();
            }
            SharingChange c = SharingChange.of(a, level, reason, by, Instant.now());
            SharingLevel previous = a.sharing;
            a.sharing = level;
            return c.persist().chain(() -> publish(a, EventTypes.ASSESSMENT_SHARING_CHANGED, events.sharingChanged(a, def, previous, reason)));
        });
    }

    private interface Change {
        Uni<Void> apply(Assessment a, InstrumentDefinition def);
    }

    /** Loads, checks caller and version, applies the change, then stamps, flushes and audits it, all in one transaction. */
    private Uni<AssessmentView> change(OrgScope scope, UUID id, String ifMatch, String action, String reason, Change change) {
        return Panache.withTransaction(() -> Assessment.<Assessment>findById(id).chain(found -> {
            Assessment a = AssessmentAccess.changeable(scope, found, id);
            ETags.require(ifMatch, a.version);
            return instruments.published(a.instrumentId, a.instrumentVersion, "instrumentVersion").chain(instrument -> change.apply(a, instrument.definition())
                    .chain(() -> {
                        a.updatedAt = Instant.now();
                        return Panache.getSession().chain(s -> s.flush());
                    })
                    .chain(() -> audit.record(a.odsCode, AssessmentService.AUDIT_TYPE, a.id.toString(), action, reason))
                    .replaceWith(() -> new Loaded(a, instrument.definition())));
        })).chain(views::of);
    }

    /** Into the outbox in the caller's transaction, keyed by the organisation so that its events stay in order. */
    private Uni<Void> publish(Assessment a, String type, Object event) {
        return outbox.append(Topics.ASSESSMENT, type, a.odsCode, event).replaceWithVoid();
    }
}
