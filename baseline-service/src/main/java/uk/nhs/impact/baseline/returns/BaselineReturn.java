package uk.nhs.impact.baseline.returns;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** One organisation's return in one collection: a draft until submitted, then amendable (each submission is a revision) until close. */
@Entity
public class BaselineReturn extends PanacheEntityBase {
    public enum Status {
        DRAFT, SUBMITTED
    }

    @Id
    public UUID id;
    public String collectionId;
    public String odsCode;
    public String orgType;
    public String questionSetId;
    public int questionSetVersion;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;
    /** Submissions so far: 0 for a draft never submitted. */
    public int revision;
    /** The answers as JSON, keyed by question code. */
    public String answers;
    public Instant updatedAt;
    public Instant submittedAt;
    /** Null until first submitted; then AWAITING_REVIEW after each submission, ACCEPTED or RETURNED once the ICB reviews it. */
    public String reviewState;
    @Version
    public long version;

    /** The organisation's return in the collection, or null; inside the caller's session. */
    public static Uni<BaselineReturn> of(String collectionId, String odsCode) {
        return find("collectionId = ?1 and odsCode = ?2", collectionId, odsCode).firstResult();
    }
}
