package uk.nhs.impact.reporting.profile;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Availability;
import uk.nhs.impact.reporting.query.Snapshot;

/** One organisation's profile for a cycle and the cycle before, read from one snapshot of the read models. */
@ApplicationScoped
public class ProfileReports {
    static final String CURRENT = "current";
    static final String PREVIOUS = "previous";

    @Inject
    Snapshot snapshot;
    @Inject
    ReportAccessTable access;
    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    ProfileSources sources;
    @Inject
    BaselineSection baseline;
    @Inject
    AssessmentSection assessment;
    @Inject
    SurveySection survey;

    /** 400 for a bad cycle; 404 when the viewer may not read the organisation's profile, or there is no such organisation. */
    public Uni<OrganisationProfile> profile(Viewer viewer, String odsCode, String cycleName) {
        ProfileCycle cycle = ProfileCycle.parse(cycleName);
        return snapshot.read(db -> sources.of(db, cycle).chain(current -> sources.of(db, cycle.previous()).chain(previous -> {
            Organisation org = access.profile(viewer, odsCode, current.asOf());
            return sections(db, viewer, org, current, CURRENT).chain(now -> sections(db, viewer, org, previous, PREVIOUS).map(before -> {
                List<OrganisationProfile.Section> all = new ArrayList<>(now);
                all.addAll(before);
                return new OrganisationProfile(org.odsCode(), org.name(), org.orgType(), org.trustType(),
                        hierarchy.icbOf(org.odsCode(), current.asOf()).orElse(null), hierarchy.regionOf(org.odsCode(), current.asOf()).orElse(null),
                        cycle.name(), cycle.previous().name(), current.asOf(), viewer.sharedAtLeast().name(), all);
            }));
        })));
    }

    private Uni<List<OrganisationProfile.Section>> sections(SqlClient db, Viewer viewer, Organisation org, ProfileSources.Sources s, String period) {
        String cycle = s.cycle().name();
        Uni<OrganisationProfile.Section> b = withSource(s.baseline(), BaselineSection.KIND, cycle, period, "No baseline collection has a "
                + "reference date in this cycle.", src -> baseline.of(db, viewer, org, cycle, period, src));
        Uni<OrganisationProfile.Section> a = assessment.of(db, viewer, org, cycle, period);
        Uni<OrganisationProfile.Section> v = withSource(s.survey(), SurveySection.KIND, cycle, period, "No survey run has a reference date "
                + "in this cycle.", src -> survey.of(db, viewer, org, cycle, period, src));
        // one after another: the statements share the snapshot's one connection
        return b.chain(x -> a.chain(y -> v.map(z -> List.of(x, y, z))));
    }

    private static Uni<OrganisationProfile.Section> withSource(Optional<ProfileSources.Source> source, String kind, String cycle, String period,
            String none, java.util.function.Function<ProfileSources.Source, Uni<OrganisationProfile.Section>> section) {
        return source.map(section).orElseGet(() -> Uni.createFrom().item(new OrganisationProfile.Section(kind, period, cycle, null, null,
                Availability.NONE, none, null, List.of(), null)));
    }
}
