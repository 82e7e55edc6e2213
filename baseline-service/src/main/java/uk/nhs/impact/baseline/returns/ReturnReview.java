package uk.nhs.impact.baseline.returns;

import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import java.util.List;
import java.util.UUID;
import uk.nhs.impact.platform.review.ReviewRecord;

/** The ICB's review of one submitted revision of a return. */
@Entity
public class ReturnReview extends ReviewRecord {
    public UUID returnId;

    /** Every review of the return, oldest first; inside the caller's session. */
    public static Uni<List<ReturnReview>> of(UUID returnId) {
        return allOf(ReturnReview.class, "returnId", returnId);
    }
}
