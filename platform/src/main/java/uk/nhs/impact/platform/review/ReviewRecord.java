package uk.nhs.impact.platform.review;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The ICB's review of one submitted revision, whatever kind of return it is: accepted, or returned with comments. Each
 * service's entity adds only the key of what it reviews; its table has these columns too.
 */
@MappedSuperclass
public abstract class ReviewRecord extends PanacheEntityBase {
    @Id
    public UUID id;
    public int revision;
    public String outcome;
    public String comments;
    /** The reviewing ICB's ODS code. */
    public String reviewerOrg;
    /** Who at the ICB reviewed it: the user's name or the client's subject. */
    public String reviewedBy;
    public Instant reviewedAt;

    /** Fills in the ICB's decision on {@code revision}, reviewed now; blank comments are none. */
    public void decide(int revision, String reviewerOrg, Reviews.Decision decision) {
        this.id = UUID.randomUUID();
        this.revision = revision;
        this.outcome = decision.outcome();
        this.comments = decision.comments() == null || decision.comments().isBlank() ? null : decision.comments().strip();
        this.reviewerOrg = reviewerOrg;
        this.reviewedBy = decision.reviewedBy();
        this.reviewedAt = Instant.now();
    }

    /** The audit entry's reason: the revision reviewed and the comments, if any. */
    public String auditReason() {
        return "revision " + revision + (comments == null ? "" : ": " + comments);
    }

    /** As the API shows it. */
    public Reviews.Review view() {
        return new Reviews.Review(revision, outcome, comments, reviewerOrg, reviewedAt);
    }

    /** Every review of type {@code type} whose {@code key} is {@code reviewed}, oldest first; inside the caller's session. */
    protected static <T extends ReviewRecord> Uni<List<T>> allOf(Class<T> type, String key, UUID reviewed) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from " + type.getSimpleName() + " where " + key + " = ?1 order by revision", type)
                .setParameter(1, reviewed).getResultList());
    }
}
