package uk.nhs.impact.assessment.assessment;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Revision bookkeeping. A revision gets its row when it is submitted, or when a reopen or withdrawal closes it (a submitted
 * revision's row is then marked closed); rows are never deleted, so every earlier revision stays readable as it was.
 */
@ApplicationScoped
public class AssessmentRevisions {
    public static final String SUBMITTED = "SUBMITTED";

    @Inject
    AssessmentQueries queries;

    /** The current revision as submitted, within the caller's transaction. */
    public Uni<Void> submitted(Assessment a) {
        AssessmentRevision r = AssessmentRevision.of(a);
        r.outcome = SUBMITTED;
        r.submittedAt = a.submittedAt;
        return r.persist().replaceWithVoid();
    }

    /** Closes the current revision with {@code outcome} (REOPENED or WITHDRAWN), within the caller's transaction. */
    public Uni<Void> close(Assessment a, String outcome, String reason, String by) {
        return queries.revision(a.id, a.revision).chain(existing -> {
            AssessmentRevision r = existing == null ? AssessmentRevision.of(a) : existing;
            r.close(outcome, Instant.now(), by, reason);
            return existing == null ? r.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    /** Every revision oldest first: the closed or submitted ones as they were, then the current one unless it has a row already. */
    public static List<AssessmentView.RevisionView> history(List<AssessmentView.RevisionView> recorded, AssessmentView.RevisionView current) {
        List<AssessmentView.RevisionView> out = new ArrayList<>(recorded);
        if (recorded.stream().noneMatch(r -> r.revision() == current.revision())) {
            out.add(current);
        }
        return out;
    }
}
