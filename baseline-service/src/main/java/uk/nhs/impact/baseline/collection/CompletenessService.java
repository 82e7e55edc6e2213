package uk.nhs.impact.baseline.collection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.nhs.impact.baseline.returns.BaselineReturn;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.platform.security.OrgScope;

/**
 * Completeness of a collection in an area: the organisations open there on the reference date, and which of them have
 * submitted. An area the caller may not oversee is answered as if it did not exist (404).
 */
@ApplicationScoped
public class CompletenessService {
    @Inject
    CollectionService collections;
    @Inject
    OrganisationHierarchy hierarchy;

    /** {@code area} defaults to the caller's own area of oversight. */
    public Uni<Completeness> of(OrgScope scope, String collectionId, String area) {
        return Panache.withSession(() -> collections.find(collectionId).chain(c -> {
            String code = area == null || area.isBlank() ? scope.aggregateArea().orElse(null) : area.trim().toUpperCase(Locale.ROOT);
            if (code == null || !scope.mayReadAggregatesOf(code, c.referenceDate)) {
                throw ProblemException.notFound("Completeness of " + (code == null ? "your area" : code));
            }
            return BaselineReturn.<BaselineReturn>list("collectionId = ?1 and revision > 0", collectionId)
                    .map(returns -> build(c, code, returns.stream().collect(Collectors.toMap(r -> r.odsCode, Function.identity()))));
        }));
    }

    private Completeness build(Collection c, String area, Map<String, BaselineReturn> submitted) {
        LocalDate date = c.referenceDate;
        List<Organisation> expected = new ArrayList<>();
        switch (hierarchy.find(area).map(Organisation::level).orElse(OrgLevel.TRUST)) {
            case NATIONAL -> {
                for (OrgLevel level : List.of(OrgLevel.TRUST, OrgLevel.ICB, OrgLevel.REGION, OrgLevel.DIRECTORATE)) {
                    expected.addAll(hierarchy.all(level, date));
                }
            }
            case REGION -> {
                expected.addAll(hierarchy.trustsOfRegion(area, date));
                expected.addAll(hierarchy.icbsOfRegion(area, date));
                hierarchy.find(area, date).ifPresent(expected::add);
            }
            case ICB -> {
                expected.addAll(hierarchy.trustsOfIcb(area, date));
                hierarchy.find(area, date).ifPresent(expected::add);
            }
            default -> hierarchy.find(area, date).ifPresent(expected::add);
        }
        expected.sort(Comparator.comparing(Organisation::odsCode));
        Map<String, long[]> counts = new TreeMap<>();
        List<Completeness.OrganisationStatus> statuses = new ArrayList<>();
        Map<String, Long> reviews = new TreeMap<>();
        for (Organisation o : expected) {
            BaselineReturn r = submitted.get(o.odsCode());
            long[] n = counts.computeIfAbsent(o.orgType(), k -> new long[2]);
            n[1]++;
            if (r != null) {
                n[0]++;
                reviews.merge(String.valueOf(r.reviewState), 1L, Long::sum);
            }
            String icb = o.level() == OrgLevel.TRUST ? hierarchy.icbOf(o.odsCode(), date).orElse(null) : null;
            statuses.add(new Completeness.OrganisationStatus(o.odsCode(), o.name(), o.orgType(), icb, hierarchy.regionOf(o.odsCode(), date).orElse(null),
                    r != null, r == null ? null : r.submittedAt, r == null ? null : r.reviewState));
        }
        List<Completeness.TypeCount> byType = new ArrayList<>();
        counts.forEach((type, n) -> byType.add(new Completeness.TypeCount(type, n[0], n[1])));
        return new Completeness(c.id, area, date, byType, statuses, new Completeness.ReviewCounts(
                reviews.getOrDefault(Reviews.AWAITING_REVIEW, 0L), reviews.getOrDefault(Reviews.ACCEPTED, 0L),
                reviews.getOrDefault(Reviews.RETURNED, 0L)));
    }
}
