package uk.nhs.impact.baseline.collection;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import uk.nhs.impact.platform.web.Params;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.baseline.returns.BaselineReturn;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

@Path("/api/v1/baseline-collections/{collectionId}/completeness")
@Tag(name = "Baseline collections")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CompletenessResource {
    private final OrganisationHierarchy hierarchy;
    private final OrgScope scope;

    public CompletenessResource(OrganisationHierarchy hierarchy, OrgScope scope) {
        this.hierarchy = hierarchy;
        this.scope = scope;
    }

    public record TypeCount(String orgType, long submitted, long expected) {
    }

    public record OrganisationStatus(String odsCode, String name, String orgType, String icbOdsCode, String regionOdsCode,
                                     boolean submitted, Instant submittedAt) {
    }

    public record Completeness(String collectionId, String area, LocalDate referenceDate, List<TypeCount> byOrgType,
                               List<OrganisationStatus> organisations) {
    }

    @GET
    @Operation(summary = "Which organisations of each type have and have not submitted",
            description = "For ICB overseers their ICB and its trusts; for region analysts their region; for national analysts all. "
                    + "Expected organisations are those open in the area on the collection's reference date.")
    @APIResponse(responseCode = "200", description = "Completeness figures")
    @APIResponse(responseCode = "404", description = "No such collection, or an area the caller may not oversee")
    public Uni<Completeness> completeness(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("collectionId") String collectionId, @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) @QueryParam("area") String area) {
        return Panache.withSession(() -> Collection.<Collection>findById(collectionId).chain(c -> {
            if (c == null) {
                throw ProblemException.notFound("Collection " + collectionId);
            }
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
        List<OrganisationStatus> statuses = new ArrayList<>();
        for (Organisation o : expected) {
            BaselineReturn r = submitted.get(o.odsCode());
            long[] n = counts.computeIfAbsent(o.orgType(), k -> new long[2]);
            n[1]++;
            if (r != null) {
                n[0]++;
            }
            String icb = o.level() == OrgLevel.TRUST ? hierarchy.icbOf(o.odsCode(), date).orElse(null) : null;
            statuses.add(new OrganisationStatus(o.odsCode(), o.name(), o.orgType(), icb, hierarchy.regionOf(o.odsCode(), date).orElse(null),
                    r != null, r == null ? null : r.submittedAt));
        }
        List<TypeCount> byType = new ArrayList<>();
        counts.forEach((type, n) -> byType.add(new TypeCount(type, n[0], n[1])));
        return new Completeness(c.id, area, date, byType, statuses);
    }
}
