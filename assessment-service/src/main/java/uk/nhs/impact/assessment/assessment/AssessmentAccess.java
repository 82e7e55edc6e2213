package uk.nhs.impact.assessment.assessment;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.security.SharingLevel;

/**
 * Who may read or change which assessment. The organisation's own viewers and submitters read all of it, drafts and history
 * included; others read a submitted assessment only as far as its owner shares it with them, and everything else is 404 so
 * that nobody learns what exists. Only the organisation's own submitters change it.
 */
public final class AssessmentAccess {
    private AssessmentAccess() {
    }

    /** The organisation's own people: they see drafts, revisions and the sharing history. */
    public static boolean ownerReads(OrgScope scope, String ods) {
        return scope.isOwn(ods) && (scope.has(Roles.VIEWER) || scope.has(Roles.SUBMITTER));
    }

    /** Anyone else: a submitted assessment, as the hierarchy stood on its reference date, at the level it is shared. */
    public static boolean othersRead(OrgScope scope, Assessment a) {
        return a.status == Assessment.Status.SUBMITTED && scope.mayRead(a.odsCode, a.sharing, a.referenceDate);
    }

    /** The assessment as the caller may read it; 404 when it does not exist or is not visible. */
    public static Assessment readable(OrgScope scope, Assessment a, UUID id) {
        if (a == null || !(ownerReads(scope, a.odsCode) || othersRead(scope, a))) {
            throw notFound(id);
        }
        return a;
    }

    /** The assessment when it is the caller's own organisation's; 404 otherwise. */
    public static Assessment own(OrgScope scope, Assessment a, UUID id) {
        if (a == null || !ownerReads(scope, a.odsCode)) {
            throw notFound(id);
        }
        return a;
    }

    /** The assessment when the caller may change it: 404 when it may not even see it, 403 when it sees but may not change it. */
    public static Assessment changeable(OrgScope scope, Assessment a, UUID id) {
        if (a == null || !(scope.mayWrite(a.odsCode) || ownerReads(scope, a.odsCode) || othersRead(scope, a))) {
            throw notFound(id);
        }
        if (!scope.mayWrite(a.odsCode)) {
            throw ProblemException.forbidden("Only the organisation's own submitters may change its assessment");
        }
        return a;
    }

    /** Only an organisation's own submitters start its assessments. */
    public static void requireCreate(OrgScope scope, String ods) {
        if (!scope.mayWrite(ods)) {
            throw ProblemException.forbidden("An assessment can only be created by its own organisation's submitters");
        }
    }

    /**
     * Which of an organisation's assessments the caller may list: {@link Listing#all()} for its own people; otherwise the
     * submitted ones at the sharing levels that reach the caller today (none at all when no level does).
     */
    public static Listing listing(OrgScope scope, String ods, LocalDate today) {
        if (ownerReads(scope, ods)) {
            return new Listing(true, Set.of());
        }
        Set<SharingLevel> visible = EnumSet.noneOf(SharingLevel.class);
        for (SharingLevel level : SharingLevel.values()) {
            if (scope.mayRead(ods, level, today)) {
                visible.add(level);
            }
        }
        return new Listing(false, visible);
    }

    /** What a list shows: everything, or only submitted assessments shared at one of {@code sharedAt}. */
    public record Listing(boolean all, Set<SharingLevel> sharedAt) {
        public boolean nothing() {
            return !all && sharedAt.isEmpty();
        }
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("Assessment " + id);
    }
}
