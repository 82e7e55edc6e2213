package uk.nhs.impact.platform.review;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * An ICB's review of a return it oversees, the same for every kind of return: accept it, or return it with comments; each
 * submission of the organisation awaits review again. What may be reviewed beyond that is each service's own rule.
 */
public final class Reviews {
    public static final String ACCEPTED = "ACCEPTED";
    public static final String RETURNED = "RETURNED";
    public static final String AWAITING_REVIEW = "AWAITING_REVIEW";
    public static final int MAX_COMMENTS = 4000;

    private Reviews() {
    }

    /** The body of a review request. */
    public record Outcome(@NotNull @Size(max = 8) @Pattern(regexp = "ACCEPTED|RETURNED", message = "must be ACCEPTED or RETURNED") String outcome,
            @Size(max = MAX_COMMENTS) String comments) {
    }

    /** What the reviewer decided, and who they are: the user's name, else the client's subject, else the organisation. */
    public record Decision(String outcome, String comments, String reviewedBy) {

        public static Decision of(Outcome body, JsonWebToken token, String orgCode) {
            String name = token.getClaim("preferred_username");
            return new Decision(body.outcome(), body.comments(), name != null ? name : token.getSubject() != null ? token.getSubject() : orgCode);
        }
    }

    /** One review as the API shows it: the revision reviewed, the outcome, the ICB's comments, which ICB and when. */
    public record Review(int revision, String outcome, String comments, String reviewerOrganisation, Instant reviewedAt) {
    }

    /** A return sent back must say why; 400 naming {@code comments} otherwise. */
    public static void checkComments(String outcome, String comments) {
        if (RETURNED.equals(outcome) && (comments == null || comments.isBlank())) {
            throw ProblemException.validation("comments", "is required when the outcome is RETURNED");
        }
    }

    /** Passes while the revision awaits review; 409 naming its state once accepted or returned. */
    public static void requireAwaiting(String reviewState, int revision, String what) {
        if (!AWAITING_REVIEW.equals(reviewState)) {
            throw ProblemException.conflict("Revision " + revision + " of " + what + " is already " + reviewState
                    + ": the next review is of the organisation's next submission",
                    Map.of("reviewState", String.valueOf(reviewState), "revision", revision));
        }
    }
}
