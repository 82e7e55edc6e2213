package uk.nhs.impact.assessment.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.assessment.AssessmentChanged;
import uk.nhs.impact.contracts.assessment.AssessmentReviewed;
import uk.nhs.impact.contracts.assessment.AssessmentSubmitted;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.security.SharingLevel;

/**
 * The events an assessment publishes, built from its current state. Data minimisation: the answers and sign-off leave this
 * service only while the assessment is submitted and shared (ICB, REGION or NATIONAL), at the level shared; every other
 * event says what happened to which organisation's assessment, never what it answered. {@code sequence} is the assessment's
 * version when the event is built, so it grows with every change.
 */
@ApplicationScoped
public class AssessmentEvents {
    private final OrganisationHierarchy hierarchy;
    private final AnswersJson stored;

    public AssessmentEvents(OrganisationHierarchy hierarchy, AnswersJson stored) {
        this.hierarchy = hierarchy;
        this.stored = stored;
    }

    /** The submission: answers and sign-off only when shared; a private submission says who submitted, never what. */
    public AssessmentSubmitted submitted(Assessment a, InstrumentDefinition def) {
        boolean shared = a.sharing != SharingLevel.PRIVATE;
        return new AssessmentSubmitted(a.id.toString(), a.instrumentId, a.instrumentVersion, a.cycle, a.referenceDate, organisation(a),
                a.revision, a.sharing.name(), a.submittedAt, shared ? signOff(a) : null, shared ? answered(a, def) : null, a.version);
    }

    /** Reopened or withdrawn: never answers, the submitted ones are no longer current. */
    public AssessmentChanged changed(Assessment a, String reason) {
        return changed(a, null, reason);
    }

    /**
     * A sharing change. While the assessment is submitted and shared at the new level, it carries the submitted content at that
     * level (widening publishes it there; narrowing to ICB or REGION restates it at the narrower level). Narrowed to PRIVATE, or
     * while not submitted, it carries no answers: it is the retraction on which consumers delete what they hold of them.
     */
    public AssessmentChanged sharingChanged(Assessment a, InstrumentDefinition def, SharingLevel previous, String reason) {
        if (a.status != Assessment.Status.SUBMITTED || a.sharing == SharingLevel.PRIVATE) {
            return changed(a, previous, reason);
        }
        return new AssessmentChanged(a.id.toString(), a.cycle, a.referenceDate, organisation(a), a.revision, a.status.name(),
                a.sharing.name(), previous == null ? null : previous.name(), reason, Instant.now(), a.version, a.instrumentId,
                a.instrumentVersion, a.submittedAt, signOff(a), answered(a, def));
    }

    private AssessmentChanged changed(Assessment a, SharingLevel previous, String reason) {
        return new AssessmentChanged(a.id.toString(), a.cycle, a.referenceDate, organisation(a), a.revision, a.status.name(),
                a.sharing.name(), previous == null ? null : previous.name(), reason, Instant.now(), a.version, null, null, null, null, null);
    }

    /** The ICB's review: who reviewed which revision and what it decided; never answers. */
    public AssessmentReviewed reviewed(Assessment a, AssessmentReview r) {
        return new AssessmentReviewed(a.id.toString(), a.cycle, a.referenceDate, organisation(a), r.revision, a.sharing.name(), r.outcome,
                r.comments, organisation(r.reviewerOrg, a.referenceDate), r.reviewedAt, a.version);
    }

    private OrganisationRef organisation(Assessment a) {
        return organisation(a.odsCode, a.referenceDate);
    }

    /** The organisation's attributes as at the reference date, so that consumers never call back. */
    private OrganisationRef organisation(String ods, java.time.LocalDate date) {
        Organisation org = hierarchy.find(ods).orElseThrow();
        return new OrganisationRef(org.odsCode(), org.name(), org.orgType(), org.trustType(), hierarchy.icbOf(ods, date).orElse(null),
                hierarchy.regionOf(ods, date).orElse(null));
    }

    private AssessmentSubmitted.SignOff signOff(Assessment a) {
        SignOff s = stored.signOff(a.signOff);
        return s == null ? null : new AssessmentSubmitted.SignOff(s.approverName(), s.approverRole(), s.boardMeetingDate(), s.minuteReference());
    }

    /** Every question of the version in order, with its level's name and place in the scale (a submitted revision answers all). */
    private List<AssessmentSubmitted.AnsweredQuestion> answered(Assessment a, InstrumentDefinition def) {
        Map<String, Answer> answers = stored.answers(a.answers);
        List<AssessmentSubmitted.AnsweredQuestion> list = new ArrayList<>();
        for (InstrumentDefinition.Question q : def.questions()) {
            Answer ans = answers.get(q.code());
            int ordinal = def.ordinalOf(ans.levelCode());
            List<AssessmentSubmitted.Action> actions = ans.actions() == null
                    ? null
                    : ans.actions().stream()
                            .map(x -> new AssessmentSubmitted.Action(x.description(), x.owner(), x.dueDate())).toList();
            list.add(new AssessmentSubmitted.AnsweredQuestion(q.code(), q.number(), q.componentCode(), ans.levelCode(),
                    def.levels().get(ordinal - 1).name(), ordinal, ans.evidence(), actions));
        }
        return list;
    }
}
