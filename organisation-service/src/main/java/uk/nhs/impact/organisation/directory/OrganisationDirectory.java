package uk.nhs.impact.organisation.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.web.Page;

/**
 * Reads the organisation hierarchy this service owns: lists narrowed by level, parent, trust type, date and name, in
 * ODS code order a page at a time, and one organisation with its history. The hierarchy is held in memory (the
 * platform's {@link OrganisationHierarchy}), so nothing here touches the database.
 */
@ApplicationScoped
public class OrganisationDirectory {
    @Inject
    OrganisationHierarchy hierarchy;

    /** One page of the organisations open on the filter's date that match it, after the ODS code {@code afterCode}. */
    public Page<OrganisationView> list(OrganisationFilter f, String afterCode, int limit) {
        LocalDate asOf = f.asOf();
        Stream<Organisation> candidates = f.parent() != null
                ? hierarchy.childrenOf(f.parent(), asOf).stream()
                : levels(f.level()).flatMap(l -> hierarchy.all(l, asOf).stream());
        List<Organisation> matching = candidates
                .filter(o -> f.level() == null || o.level() == f.level())
                .filter(o -> f.trustType() == null || f.trustType().equals(o.trustType()))
                .filter(o -> f.nameContains() == null || o.name().toLowerCase(Locale.ROOT).contains(f.nameContains()))
                .filter(o -> afterCode == null || o.odsCode().compareTo(afterCode) > 0)
                .sorted(Comparator.comparing(Organisation::odsCode))
                .limit(limit + 1L)
                .toList();
        return Page.of(matching, limit, Organisation::odsCode).map(o -> OrganisationView.of(o, hierarchy.parentOf(o.odsCode(), asOf).orElse(null)));
    }

    /** One organisation, whatever the date, with its parent on {@code asOf} and its history; 404 when the code is unknown. */
    public OrganisationDetail read(String odsCode, LocalDate asOf) {
        Organisation o = hierarchy.find(odsCode).orElseThrow(() -> ProblemException.notFound("Organisation " + odsCode));
        return OrganisationDetail.of(o, hierarchy, asOf);
    }

    private static Stream<OrgLevel> levels(OrgLevel only) {
        return only != null ? Stream.of(only) : Arrays.stream(OrgLevel.values());
    }
}
