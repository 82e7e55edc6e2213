package uk.nhs.impact.assessment.assessment;

import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import java.util.List;
import java.util.UUID;
import uk.nhs.impact.platform.review.ReviewRecord;

/** The ICB's review of one submitted revision of an assessment. */
@Entity
public class AssessmentReview extends ReviewRecord {
    public UUID assessmentId;

    /** Every review of the assessment, oldest first; inside the caller's session. */
    public static Uni<List<AssessmentReview>> of(UUID assessmentId) {
        return allOf(AssessmentReview.class, "assessmentId", assessmentId);
    }
}
