package uk.nhs.impact.assessment.assessment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.security.SharingLevel;

/**
 * The ICB's review completeness for a cycle: its trusts (as the hierarchy stands on each assessment's reference date, and on
 * {@code today} for trusts without one), and where each shared assessment stands in review. Only an ICB's oversight; 404 for
 * everyone else, as for any view that is not theirs.
 */
@ApplicationScoped
public class ReviewStatusService {
    private static final List<SharingLevel> SHARED_WITH_ICB = List.of(SharingLevel.ICB, SharingLevel.REGION, SharingLevel.NATIONAL);

    @Inject
    OrganisationHierarchy hierarchy;

    public Uni<ReviewStatus> of(OrgScope scope, String cycle, LocalDate today) {
        if (!scope.holds(Roles.ICB_OVERSIGHT)) {
            throw ProblemException.notFound("Review status of your ICB");
        }
        String icb = scope.orgCode();
        return Panache.withSession(() -> Assessment.<Assessment>list("cycle = ?1 and sharing in ?2 and (status = ?3 or (reviewState = ?4 "
                + "and status <> ?5))", cycle, SHARED_WITH_ICB, Assessment.Status.SUBMITTED, Reviews.RETURNED, Assessment.Status.WITHDRAWN))
                .map(shared -> build(icb, cycle, shared, today));
    }

    private ReviewStatus build(String icb, String cycle, List<Assessment> shared, LocalDate today) {
        Map<String, ReviewStatus.Line> lines = new TreeMap<>();
        for (Organisation trust : hierarchy.trustsOfIcb(icb, today)) {
            lines.put(trust.odsCode(), new ReviewStatus.Line(trust.odsCode(), trust.name(), null, null, null, ReviewStatus.NOT_SHARED));
        }
        for (Assessment a : shared) {
            if (hierarchy.icbOf(a.odsCode, a.referenceDate).filter(icb::equals).isPresent()) {
                String name = hierarchy.find(a.odsCode).map(Organisation::name).orElse(null);
                lines.put(a.odsCode, new ReviewStatus.Line(a.odsCode, name, a.id.toString(), a.revision, a.sharing.name(), a.reviewState));
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        lines.values().forEach(l -> counts.merge(String.valueOf(l.reviewState()), 1L, Long::sum));
        return new ReviewStatus(icb, cycle, new ReviewStatus.Counts(counts.getOrDefault(Reviews.AWAITING_REVIEW, 0L),
                counts.getOrDefault(Reviews.ACCEPTED, 0L), counts.getOrDefault(Reviews.RETURNED, 0L),
                counts.getOrDefault(ReviewStatus.NOT_SHARED, 0L)), new ArrayList<>(lines.values()));
    }
}
