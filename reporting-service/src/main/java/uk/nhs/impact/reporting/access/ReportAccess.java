package uk.nhs.impact.reporting.access;

import jakarta.enterprise.context.RequestScoped;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.security.SharingLevel;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Who may see a view of an area (X24, a region, an ICB or a provider) as the hierarchy stood on the reference date:
 * national views for national analysts; a region's for its analysts and national; an ICB's for its own users and above;
 * a provider's for the provider itself and above. Anything else is answered as if the area had no view (404).
 */
@RequestScoped
public class ReportAccess {
    private final OrgScope scope;
    private final OrganisationHierarchy hierarchy;

    public ReportAccess(OrgScope scope, OrganisationHierarchy hierarchy) {
        this.scope = scope;
        this.hierarchy = hierarchy;
    }

    /** The area to report: the one asked for, else the caller's own; fails with 404 when the caller may not see it. */
    public Area require(String requested, LocalDate asOf) {
        String code = requested == null || requested.isBlank() ? defaultArea() : requested.trim().toUpperCase(Locale.ROOT);
        Organisation org = hierarchy.find(code).orElseThrow(() -> ProblemException.notFound("Area " + code));
        boolean own = scope.isOwn(code) && (scope.has(Roles.VIEWER) || scope.has(Roles.SUBMITTER) || scope.has(Roles.ICB_OVERSIGHT));
        if (!own && !scope.mayReadAggregatesOf(code, asOf)) {
            throw ProblemException.notFound("Area " + code);
        }
        return new Area(org.odsCode(), org.level(), audienceOf(org.level()));
    }

    private String defaultArea() {
        return scope.aggregateArea().orElseGet(scope::orgCode);
    }

    /** The sharing an organisation must have chosen for its self-assessment to count in a view of this level. */
    static SharingLevel audienceOf(OrgLevel level) {
        return switch (level) {
            case NATIONAL, DIRECTORATE -> SharingLevel.NATIONAL;
            case REGION -> SharingLevel.REGION;
            case ICB, TRUST -> SharingLevel.ICB;
        };
    }

    /** An area a view covers, and the sharing level self-assessments need to count in it. */
    public record Area(String code, OrgLevel level, SharingLevel audience) {
        public boolean isNational() {
            return level == OrgLevel.NATIONAL;
        }

        /** Below region: where small numbers are suppressed most strictly. */
        public boolean belowRegion() {
            return level == OrgLevel.ICB || level == OrgLevel.TRUST;
        }
    }
}
