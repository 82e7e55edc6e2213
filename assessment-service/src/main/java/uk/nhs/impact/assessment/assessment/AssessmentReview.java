package uk.nhs.impact.assessment.assessment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The ICB's review of one submitted revision of an assessment: accepted, or returned with comments. */
@Entity
public class AssessmentReview extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID assessmentId;
    public int revision;
    public String outcome;
    public String comments;
    /** The reviewing ICB's ODS code. */
    public String reviewerOrg;
    /** Who at the ICB reviewed it: the user's name or the client's subject. */
    public String reviewedBy;
    public Instant reviewedAt;

    /** Every review of the assessment, oldest first; inside the caller's session. */
    public static Uni<List<AssessmentReview>> of(UUID assessmentId) {
        return list("assessmentId = ?1 order by revision", assessmentId);
    }
}
