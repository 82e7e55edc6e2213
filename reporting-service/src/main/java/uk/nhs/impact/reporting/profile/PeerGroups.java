package uk.nhs.impact.reporting.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;

/** Which peer groups an organisation has, and every peer group a viewer can reach through the profiles it may read. */
@ApplicationScoped
public class PeerGroups {
    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    ReportAccessTable access;

    /** The organisation's groups, its region's first (a region itself has only the national group). */
    public List<PeerGroup> of(Organisation org, LocalDate asOf) {
        List<PeerGroup> out = new ArrayList<>();
        if (org.level() != OrgLevel.REGION) {
            hierarchy.regionOf(org.odsCode(), asOf).ifPresent(region -> out.add(new PeerGroup(org.orgType(), org.trustType(), region)));
        }
        out.add(new PeerGroup(org.orgType(), org.trustType(), null));
        return out;
    }

    /** The groups of every profile the viewer may read: all of them are cells of its disclosure family. */
    public Set<PeerGroup> reachable(Viewer viewer, LocalDate asOf) {
        Set<PeerGroup> out = new LinkedHashSet<>();
        access.profiles(viewer, asOf).forEach(o -> out.addAll(of(o, asOf)));
        return out;
    }
}
