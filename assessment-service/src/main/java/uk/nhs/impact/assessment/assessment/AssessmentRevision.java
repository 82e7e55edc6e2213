package uk.nhs.impact.assessment.assessment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A revision as it stood when submitted, or when a reopen or withdrawal closed it. Never deleted. */
@Entity
@IdClass(AssessmentRevision.Key.class)
public class AssessmentRevision extends PanacheEntityBase {
    /** The composite primary key. */
    public record Key(UUID assessmentId, int revision) implements Serializable {
    }

    @Id
    public UUID assessmentId;
    @Id
    public int revision;
    /** SUBMITTED, REOPENED or WITHDRAWN: what became of this revision (submittedAt says whether it was submitted first). */
    public String outcome;
    public String answers;
    public String signOff;
    public String sharing;
    public Instant submittedAt;
    public Instant closedAt;
    public String closedBy;
    public String closeReason;

    /** The revision the assessment holds now: its answers, sign-off and sharing, not yet submitted or closed. */
    public static AssessmentRevision of(Assessment a) {
        AssessmentRevision r = new AssessmentRevision();
        r.assessmentId = a.id;
        r.revision = a.revision;
        r.answers = a.answers;
        r.signOff = a.signOff;
        r.sharing = a.sharing.name();
        return r;
    }

    /** Closed by a reopen or withdrawal: what became of it, when, by whom and why. */
    public void close(String outcome, Instant at, String by, String reason) {
        this.outcome = outcome;
        this.closedAt = at;
        this.closedBy = by;
        this.closeReason = reason;
    }
}
