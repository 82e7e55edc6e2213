package uk.nhs.impact.platform.security;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;

/**
 * What the caller may do, from its token's {@code org_code} and realm roles and the hierarchy on a given date.
 * Services ask it before every read or write of an organisation's data; a "no" on a read is answered with 404.
 * <p>
 * A role counts only at the organisation level it belongs to (ARCHITECTURE.md, security model): {@code national-analyst}
 * and {@code instrument-admin} with NHS England (X24) itself, not a national directorate nor anyone else;
 * {@code region-analyst} with a region; {@code icb-oversight} with an ICB. Authorisation asks {@link #holds(String)};
 * {@link #has(String)} only says what the token carries.
 */
public class OrgScope {
    /** The level at which each level-bound role counts; the other roles (submitter, viewer) count at any organisation. */
    private static final Map<String, OrgLevel> ROLE_LEVELS = Map.of(
            Roles.NATIONAL_ANALYST, OrgLevel.NATIONAL,
            Roles.INSTRUMENT_ADMIN, OrgLevel.NATIONAL,
            Roles.REGION_ANALYST, OrgLevel.REGION,
            Roles.ICB_OVERSIGHT, OrgLevel.ICB);

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

    /** The token carries the role, whatever the organisation: not an authorisation on its own, see {@link #holds(String)}. */
    public boolean has(String role) {
        return roles.contains(role);
    }

    /**
     * The caller holds the role where it counts: the token carries it and the caller's organisation is at the role's level
     * (NHS England X24 for {@code national-analyst} and {@code instrument-admin}, a region for {@code region-analyst}, an
     * ICB for {@code icb-oversight}). Submitter and viewer count at any organisation.
     */
    public boolean holds(String role) {
        if (!has(role)) {
            return false;
        }
        OrgLevel needed = ROLE_LEVELS.get(role);
        return needed == null || callerIs(needed);
    }

    /** The level of the caller's organisation in the hierarchy; empty when the token has no organisation or an unknown one. */
    public Optional<OrgLevel> level() {
        return hierarchy.find(orgCode).map(Organisation::level);
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
        if (holds(Roles.ICB_OVERSIGHT) && sharing.reaches(SharingLevel.ICB)
                && hierarchy.icbOf(owner, asOf).filter(orgCode::equals).isPresent()) {
            return true;
        }
        if (holds(Roles.REGION_ANALYST) && sharing.reaches(SharingLevel.REGION)
                && hierarchy.regionOf(owner, asOf).filter(orgCode::equals).isPresent()) {
            return true;
        }
        return holds(Roles.NATIONAL_ANALYST) && sharing.reaches(SharingLevel.NATIONAL);
    }

    /** See whether an organisation has submitted (not what it said): its own people, its ICB, its region, national. */
    public boolean maySeeCompletionOf(String owner, LocalDate asOf) {
        if (isOwn(owner) && (has(Roles.VIEWER) || has(Roles.SUBMITTER))) {
            return true;
        }
        if (holds(Roles.ICB_OVERSIGHT) && hierarchy.icbOf(owner, asOf).filter(orgCode::equals).isPresent()) {
            return true;
        }
        if (holds(Roles.REGION_ANALYST) && hierarchy.regionOf(owner, asOf).filter(orgCode::equals).isPresent()) {
            return true;
        }
        return holds(Roles.NATIONAL_ANALYST);
    }

    /**
     * The widest area whose aggregates the caller may read: X24 for national analysts, its region for region analysts,
     * its ICB for ICB overseers; empty for everyone else.
     */
    public Optional<String> aggregateArea() {
        if (holds(Roles.NATIONAL_ANALYST)) {
            return Optional.of(OrganisationHierarchy.NHS_ENGLAND);
        }
        if (holds(Roles.REGION_ANALYST)) {
            return Optional.of(orgCode);
        }
        if (holds(Roles.ICB_OVERSIGHT)) {
            return Optional.of(orgCode);
        }
        return Optional.empty();
    }

    /** True when the caller may read aggregates for {@code area} (X24, a region or an ICB) as it stood on {@code asOf}. */
    public boolean mayReadAggregatesOf(String area, LocalDate asOf) {
        return aggregateArea().map(mine -> hierarchy.isWithin(area, mine, asOf)).orElse(false);
    }

    private boolean callerIs(OrgLevel level) {
        return level().filter(l -> l == level).isPresent();
    }

    @Override
    public String toString() {
        return "OrgScope[" + orgCode + " " + roles + "]";
    }
}
