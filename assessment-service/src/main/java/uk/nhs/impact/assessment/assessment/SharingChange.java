package uk.nhs.impact.assessment.assessment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;
import uk.nhs.impact.platform.security.SharingLevel;

/** A recorded change of who the organisation shares its assessment with. */
@Entity
public class SharingChange extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID assessmentId;
    public String fromLevel;
    public String toLevel;
    public String reason;
    public String changedBy;
    public Instant changedAt;

    /** The assessment's move from its current level to {@code to}. */
    public static SharingChange of(Assessment a, SharingLevel to, String reason, String by, Instant at) {
        SharingChange c = new SharingChange();
        c.id = UUID.randomUUID();
        c.assessmentId = a.id;
        c.fromLevel = a.sharing.name();
        c.toLevel = to.name();
        c.reason = reason;
        c.changedBy = by;
        c.changedAt = at;
        return c;
    }
}
