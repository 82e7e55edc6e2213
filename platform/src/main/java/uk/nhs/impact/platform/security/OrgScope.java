package uk.nhs.impact.platform.security;

import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * What the caller may do, from its token's {@code org_code} and realm roles and the hierarchy on a given date.
 * Services ask it before every read or write of an organisation's data; a "no" on a read is answered with 404.
 */
public class OrgScope {
    private final String orgCode;
    private final Set<String> roles;
    private final OrganisationHierarchy hierarchy;

    public OrgScope(String orgCode, Set<String> roles, OrganisationHierarchy hierarchy) {
        this.orgCode = orgCode;
        this.roles = Set.copyOf(roles);
        this.hierarchy = hierarchy;
    }

    public String orgCode() {
        return orgCode;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isOwn(String odsCode) {
        return orgCode != null && orgCode.equals(odsCode);
    }

    /** Create, edit, sign off and submit: only a submitter, only for its own organisation. */
    public boolean mayWrite(String owner) {
        return has(Roles.SUBMITTER) && isOwn(owner);
    }

    /**
     * Read one organisation's return that the owner shares at {@code sharing}, as the hierarchy stood on {@code asOf}:
     * its own people always; its ICB's overseers when shared with the ICB or wider; its region's analysts when shared with
     * the region or wider; national analysts only when shared nationally.
     */
    public boolean mayRead(String owner, SharingLevel sharing, LocalDate asOf) {
        if (isOwn(owner) && (has(Roles.VIEWER) || has(Roles.SUBMITTER))) {
            return true;
        }
        if (has(Roles.ICB_OVERSIGHT) && sharing.reaches(SharingLevel.ICB) && callerIs(OrgLevel.ICB)
                && hierarchy.icbOf(owner, asOf).filter(orgCode::equals).isPresent()) {
            return true;
        }
        if (has(Roles.REGION_ANALYST) && sharing.reaches(SharingLevel.REGION) && callerIs(OrgLevel.REGION)
                && hierarchy.regionOf(owner, asOf).filter(orgCode::equals).isPresent()) {
            return true;
        }
        return has(Roles.NATIONAL_ANALYST) && sharing.reaches(SharingLevel.NATIONAL) && callerIs(OrgLevel.NATIONAL);
    }

    /** See whether an organisation has submitted (not what it said): its own people, its ICB, its region, national. */
    public boolean maySeeCompletionOf(String owner, LocalDate asOf) {
        if (isOwn(owner) && (has(Roles.VIEWER) || has(Roles.SUBMITTER))) {
            return true;
        }
        if (has(Roles.ICB_OVERSIGHT) && callerIs(OrgLevel.ICB) && hierarchy.icbOf(owner, asOf).filter(orgCode::equals).isPresent()) {
            return true;
        }
        if (has(Roles.REGION_ANALYST) && callerIs(OrgLevel.REGION) && hierarchy.regionOf(owner, asOf).filter(orgCode::equals).isPresent()) {
            return true;
        }
        return has(Roles.NATIONAL_ANALYST) && callerIs(OrgLevel.NATIONAL);
    }

    /**
     * The widest area whose aggregates the caller may read: X24 for national analysts, its region for region analysts,
     * its ICB for ICB overseers; empty for everyone else.
     */
    public Optional<String> aggregateArea() {
        if (has(Roles.NATIONAL_ANALYST) && callerIs(OrgLevel.NATIONAL)) {
            return Optional.of(OrganisationHierarchy.NHS_ENGLAND);
        }
        if (has(Roles.REGION_ANALYST) && callerIs(OrgLevel.REGION)) {
            return Optional.of(orgCode);
        }
        if (has(Roles.ICB_OVERSIGHT) && callerIs(OrgLevel.ICB)) {
            return Optional.of(orgCode);
        }
        return Optional.empty();
    }

    /** True when the caller may read aggregates for {@code area} (X24, a region or an ICB) as it stood on {@code asOf}. */
    public boolean mayReadAggregatesOf(String area, LocalDate asOf) {
        return aggregateArea().map(mine -> hierarchy.isWithin(area, mine, asOf)).orElse(false);
    }

    private boolean callerIs(OrgLevel level) {
        return hierarchy.find(orgCode).map(Organisation::level).filter(l -> l == level).isPresent();
    }

    @Override
    public String toString() {
        return "OrgScope[" + orgCode + " " + roles + "]";
    }
}
